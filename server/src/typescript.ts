// The TypeScript compiler API (6.0.x, the copy ts-morph embeds, from its `@ts-morph/common` package: importing "ts-morph"
// itself set up its whole object model, 0.16 s of every CLI run, for nothing we use), bound once. Reading `ts` straight
// from the package in a bundle goes through esbuild's CommonJS interop getter on every access (`ts.isCallExpression(node)`
// millions of times per run): 1.4 s of an 18 s lint of 1,500 files was spent in that getter. Import `ts` from here.
import { ts as embedded } from "@ts-morph/common";

export import ts = embedded;

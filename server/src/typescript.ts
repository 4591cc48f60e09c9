// The TypeScript compiler API (6.0.x, the copy ts-morph embeds), bound once. Reading `ts` straight from "ts-morph" in a
// bundle goes through esbuild's CommonJS interop getter on every access (`ts.isCallExpression(node)` millions of times per
// run): 1.4 s of an 18 s lint of 1,500 files was spent in that getter. Import `ts` from here instead.
import { ts as embedded } from "ts-morph";

export import ts = embedded;

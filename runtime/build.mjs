// Builds runtime/dist: index.mjs + index.cjs (esbuild, one bundle each) and the .d.ts files (tsc).
// The tools come from the repository root's devDependencies; the published package has no dependencies.
// `node build.mjs --outdir <dir>` builds elsewhere (the build test uses a temporary directory).
import { build } from "esbuild";
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const runtimeDir = dirname(fileURLToPath(import.meta.url));
const outdirFlag = process.argv.indexOf("--outdir");
const distDir = outdirFlag === -1 ? join(runtimeDir, "dist") : resolve(process.argv[outdirFlag + 1]);
rmSync(distDir, { recursive: true, force: true });

const shared = {
  entryPoints: [join(runtimeDir, "src/index.ts")],
  bundle: true,
  platform: "neutral",
  target: "es2022",
  sourcemap: true,
  logLevel: "warning",
};
await Promise.all([
  build({ ...shared, format: "esm", outfile: join(distDir, "index.mjs") }),
  build({ ...shared, format: "cjs", outfile: join(distDir, "index.cjs") }),
]);

const require = createRequire(import.meta.url);
const tsc = require.resolve("typescript/bin/tsc");
execFileSync(process.execPath, [tsc, "-p", join(runtimeDir, "tsconfig.json"), "--outDir", distDir], { stdio: "inherit" });
console.log(`${distDir}: index.mjs, index.cjs, index.d.ts`);

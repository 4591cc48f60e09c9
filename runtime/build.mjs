// Builds runtime/dist: index.mjs + index.cjs (esbuild, one bundle each) and the .d.ts files (tsc).
// The tools come from the repository root's devDependencies; the published package has no dependencies.
import { build } from "esbuild";
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const runtimeDir = dirname(fileURLToPath(import.meta.url));
const distDir = join(runtimeDir, "dist");
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
execFileSync(process.execPath, [tsc, "-p", join(runtimeDir, "tsconfig.json")], { stdio: "inherit" });
console.log("runtime/dist: index.mjs, index.cjs, index.d.ts");

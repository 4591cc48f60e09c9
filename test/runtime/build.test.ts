// Builds the package into a temporary directory and loads it the way consumers do: require() and import.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const runtimeDir = resolve(__dirname, "../../runtime");
const publicNames = [
  "CancelScope", "CancelledError", "Nursery", "NurseryError", "Task", "TimeoutError", "all", "checkpoint",
  "failAfter", "isCancelled", "moveOnAfter", "nursery", "openNursery", "race", "sleep",
];

describe("runtime build", function () {
  this.timeout(60_000);
  let outDir: string;

  before(() => {
    outDir = mkdtempSync(join(tmpdir(), "nursery-build-"));
    execFileSync(process.execPath, [join(runtimeDir, "build.mjs"), "--outdir", outDir], { stdio: "pipe" });
  });

  after(() => {
    rmSync(outDir, { recursive: true, force: true });
  });

  it("emits a CommonJS bundle that require() loads and runs", () => {
    const script = `
      const n = require(${JSON.stringify(join(outDir, "index.cjs"))});
      n.nursery(async (scope) => { scope.spawn(() => n.sleep(1)); return Object.keys(n).sort().join(","); })
        .then((names) => console.log(names));`;
    const output = execFileSync(process.execPath, ["-e", script], { encoding: "utf8" }).trim();
    assert.equal(output, [...publicNames].sort().join(","));
  });

  it("emits an ES module bundle that import loads and runs", () => {
    const script = `
      const n = await import(${JSON.stringify(pathToFileURL(join(outDir, "index.mjs")).href)});
      const value = await n.nursery(async (scope) => (await scope.spawn(async () => 7).result) * 6);
      console.log(value, typeof n.CancelledError);`;
    const output = execFileSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" }).trim();
    assert.equal(output, "42 function");
  });

  it("emits declarations for every public name, without internals", () => {
    const index = readFileSync(join(outDir, "index.d.ts"), "utf8");
    for (const name of publicNames) assert.match(index, new RegExp(`\\b${name}\\b`), name);
    const scope = readFileSync(join(outDir, "scope.d.ts"), "utf8");
    assert.doesNotMatch(scope, /_runTask|_controller/);
  });

  it("package.json exports point at the built files", () => {
    const manifest = JSON.parse(readFileSync(join(runtimeDir, "package.json"), "utf8"));
    assert.equal(manifest.name, "nursery");
    assert.deepEqual(manifest.dependencies ?? {}, {});
    assert.deepEqual(manifest.exports["."], {
      types: "./dist/index.d.ts",
      import: "./dist/index.mjs",
      require: "./dist/index.cjs",
    });
  });
});

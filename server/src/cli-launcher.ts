// `nursery-lint`'s entry point: loads the CLI bundle (dist/nursery-lint.js, 14 MB with the TypeScript compiler) through
// V8's code cache. Compiling the bundle was 0.3 s of every run, a third of a warm `--cache` run; with the cache it is
// 0.05 s. Node 22 has `module.enableCompileCache()`, but it caches only what is compiled eagerly; this keeps the code
// V8 compiled while running (`createCachedData()` at exit), which is most of the gain. Any problem with the cache
// (unwritable folder, a cache from another Node version) falls back to compiling as usual.
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import Module from "node:module";
import * as os from "node:os";
import * as path from "node:path";
import * as v8 from "node:v8";
import * as vm from "node:vm";
import { shortRunV8Flags } from "./cli/v8-tuning";

const bundle = path.join(__dirname, "nursery-lint.js");

/** A folder only this user can write (a shared temporary folder must not hand us someone else's compiled code). */
function cacheFolder(): string | undefined {
  try {
    const uid = process.getuid?.() ?? "user";
    const folder = path.join(os.tmpdir(), `nursery-code-cache-${uid}`);
    fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
    const stat = fs.statSync(folder);
    if (process.getuid && (stat.uid !== process.getuid() || (stat.mode & 0o022) !== 0)) return undefined;
    return folder;
  } catch {
    return undefined;
  }
}

/** Caches of other bundles or Node versions, unused for a week: each is as large as the bundle's compiled code. */
function removeStale(folder: string, keep: string): void {
  const weekAgo = Date.now() - 7 * 24 * 3600 * 1000;
  for (const name of fs.readdirSync(folder)) {
    const file = path.join(folder, name);
    if (file !== keep && name.endsWith(".bin") && fs.statSync(file).mtimeMs < weekAgo) fs.rmSync(file, { force: true });
  }
}

function load(): { main(argv: string[]): number } {
  // ASCII (the build checks): Latin-1 gives the same string without UTF-8 decoding, 45 → 13 ms for the 13 MB bundle.
  const source = fs.readFileSync(bundle, "latin1");
  const stat = fs.statSync(bundle);
  const folder = process.env.NURSERY_NO_CODE_CACHE ? undefined : cacheFolder();
  const key = crypto.createHash("sha1").update(`${bundle}\0${stat.size}\0${stat.mtimeMs}\0${process.version}\0${process.arch}`).digest("hex");
  const cacheFile = folder && path.join(folder, `${key}.bin`);
  let cachedData: Buffer | undefined;
  try {
    if (cacheFile) cachedData = fs.readFileSync(cacheFile);
  } catch {
    // First run with this bundle and Node: compile, and keep the result at exit.
  }
  const script = new vm.Script(Module.wrap(source.replace(/^#!.*/, "")), { filename: bundle, cachedData });
  if (cacheFile && cachedData && !script.cachedDataRejected) {
    try {
      fs.utimesSync(cacheFile, new Date(), new Date()); // in use: not stale for other versions' clean-up
    } catch {
      // Read-only: fine.
    }
  }
  // The cache keeps what this run compiled: a lint, not `--version`, is what the next runs need compiled.
  const lints = !process.argv.slice(2).some((arg) => ["--version", "-v", "--help", "-h", "--print-config"].includes(arg));
  if (cacheFile && lints && (!cachedData || script.cachedDataRejected)) {
    process.once("exit", () => {
      try {
        const temporary = `${cacheFile}.${process.pid}.tmp`;
        fs.writeFileSync(temporary, script.createCachedData());
        fs.renameSync(temporary, cacheFile);
        removeStale(path.dirname(cacheFile), cacheFile);
      } catch {
        // A cache we cannot write only costs the next run its compile time.
      }
    });
  }
  const loaded = new Module(bundle, module);
  loaded.filename = bundle;
  loaded.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(path.dirname(bundle));
  const wrapper = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => void;
  wrapper.call(loaded.exports, loaded.exports, Module.createRequire(bundle), loaded, bundle, path.dirname(bundle));
  return loaded.exports as { main(argv: string[]): number };
}

// Set before the bundle is compiled: V8 gives each function its interrupt budget when its feedback is allocated.
for (const flag of shortRunV8Flags(process.execArgv, process.env.NODE_OPTIONS)) v8.setFlagsFromString(flag);
process.exitCode = load().main(process.argv.slice(2));

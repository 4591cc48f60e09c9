/**
 * Runtime equivalence of run-in-nursery (layer 3 of its tests): each fixture's before and after files are compiled
 * with the real compiler and run against instrumented async functions (recorded calls, set delays and failures,
 * honouring an AbortSignal when they get one) and the runtime's real source.
 * - Success: both versions return the same value after the same calls, in the same order.
 * - Failure (one operation rejects early, the others are slow): the after version rejects and leaves nothing running
 *   when it settles, cancelling the siblings that take a signal; the before version is shown to leak — something
 *   still running when it settled, or a rejection nobody handled.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import typescript from "typescript";
import * as runtime from "../runtime/src/index";

const fixtureDir = path.join(__dirname, "fixes", "run-in-nursery");

type Module = Record<string, any>;

interface Scenario {
  fixture: string;
  /** Calls the function under test. */
  run(module: Module): Promise<unknown>;
  /** The operation whose first call fails (early) in the failure run. */
  fails: string;
  /** Some sibling takes the task's signal, so the after version must abort it. */
  cancels?: boolean;
}

const alice = { id: "a", name: "Alice" };
const bob = { id: "b", name: "Bob" };

const scenarios: Scenario[] = [
  { fixture: "loop-body", run: (m) => m.sync([alice, bob]), fails: "audit" },
  { fixture: "signal-passed", run: (m) => m.refresh(["x", "y", "z"]), fails: "reload", cancels: true },
  { fixture: "options-signal", run: (m) => m.warm(["/a", "/b"]), fails: "getJson", cancels: true },
  { fixture: "options-new", run: (m) => m.open("/home"), fails: "fetchPage", cancels: true },
  { fixture: "method", run: (m) => new m.Accounts().rename({ ...alice }, "Ann"), fails: "audit" },
  { fixture: "return-value", run: (m) => m.load("a"), fails: "audit" },
  { fixture: "return-typed", run: (m) => m.store(alice, false), fails: "audit" },
  { fixture: "arrow-function", run: (m) => m.archive(alice), fails: "audit" },
  { fixture: "then-chain", run: (m) => m.greet(alice), fails: "audit" },
  { fixture: "foreach-basic", run: (m) => m.saveAll([alice, bob]), fails: "saveUser" },
  { fixture: "foreach-signal", run: (m) => m.uploadAll(["f1", "f2", "f3"]), fails: "upload", cancels: true },
  { fixture: "floating-map", run: (m) => m.index([alice, bob]), fails: "audit" },
  { fixture: "sequential-await", run: (m) => m.page("a"), fails: "getProfile", cancels: true },
  { fixture: "hoisted", run: (m) => m.summary("a"), fails: "getProfile" },
  { fixture: "typed-store", run: (m) => m.show("a"), fails: "fetchUser" },
  { fixture: "in-loop-body", run: (m) => m.pages(["a", "b"]), fails: "getProfile" },
  { fixture: "all-map-statement", run: (m) => m.purge(["a", "b", "c"]), fails: "deleteUser", cancels: true },
  { fixture: "all-map-value", run: (m) => m.names(["a", "b", "c"]), fails: "getUser", cancels: true },
  { fixture: "all-array-literal", run: (m) => m.profile("a"), fails: "getRoles", cancels: true },
  { fixture: "all-stored", run: (m) => m.profile("a"), fails: "getRoles", cancels: true },
  { fixture: "all-sync-return", run: (m) => m.loadAll(["a", "b"]), fails: "getUser", cancels: true },
  { fixture: "race-operations", run: (m) => m.fastest("q", new AbortController().signal), fails: "primary", cancels: true },
];

/** What an instrumented operation resolves with: something recognisable per name and arguments. */
function valueOf(name: string, args: unknown[]): unknown {
  const first = args[0];
  switch (name) {
    case "getProfile":
    case "fetchPage":
    case "load":
      return `${name}:${String(first)}`;
    case "getPosts":
      return [`${String(first)}-1`, `${String(first)}-2`];
    case "getRoles":
      return ["admin", "dev"];
    case "fetchUser":
    case "getUser":
      return { id: String(first), name: `user ${String(first)}` };
    case "primary":
    case "mirror":
    case "getJson":
      return `${name}:${String(first)}`;
    default:
      return undefined;
  }
}

function signalIn(args: unknown[]): AbortSignal | undefined {
  for (const arg of args) {
    if (arg instanceof AbortSignal) return arg;
    if (arg && typeof arg === "object" && (arg as { signal?: unknown }).signal instanceof AbortSignal) return (arg as { signal: AbortSignal }).signal;
  }
  return undefined;
}

/** The arguments as recorded: signals left out (only the after version passes them). */
function label(name: string, args: unknown[]): string {
  const shown = args
    .filter((arg) => !(arg instanceof AbortSignal))
    .map((arg) => {
      if (arg && typeof arg === "object" && !Array.isArray(arg)) {
        const { signal: _signal, ...rest } = arg as Record<string, unknown>;
        return Object.keys(rest).length === 0 ? undefined : rest;
      }
      return arg;
    })
    .filter((arg, index, all) => !(arg === undefined && index === all.length - 1));
  return `${name}(${JSON.stringify(shown).slice(1, -1)})`;
}

/** Instrumented async functions with a record of calls, of what is still running, and of what was aborted. */
class World {
  calls: string[] = [];
  running = new Set<string>();
  aborted: string[] = [];
  private failed = false;
  private serial = 0;

  constructor(private readonly failing: string | undefined) {}

  operation(name: string) {
    return (...args: unknown[]): Promise<unknown> => {
      const call = label(name, args);
      this.calls.push(call);
      const id = `${call}#${this.serial++}`;
      // The failing operation rejects first; everything else is slow enough to be running by then.
      const fails = !this.failed && name === this.failing;
      if (fails) this.failed = true;
      const delay = this.failing === undefined ? 2 + ((name.length * 7 + this.serial * 3) % 9) : fails ? 3 : 40;
      const signal = signalIn(args);
      this.running.add(id);
      return new Promise((resolve, reject) => {
        const finish = () => {
          this.running.delete(id);
          signal?.removeEventListener("abort", onAbort);
        };
        const timer = setTimeout(() => {
          finish();
          if (fails) reject(new Error(`${call} failed`));
          else resolve(valueOf(name, args));
        }, delay);
        const onAbort = () => {
          clearTimeout(timer);
          this.aborted.push(call);
          finish();
          reject(signal!.reason);
        };
        if (signal?.aborted) onAbort();
        else signal?.addEventListener("abort", onAbort);
      });
    };
  }
}

/** Names the fixtures declare (`declare function audit(…)`) or share from test/fixes/globals.d.ts. */
const operationNames = [
  "audit", "saveUser", "fetchUser", "save", "reload", "getJson", "prefetch", "fetchPage", "upload", "deleteUser",
  "getProfile", "getPosts", "getUser", "getRoles", "primary", "mirror", "load", "remove", "flush",
];

function compile(file: string): string {
  const source = fs.readFileSync(file, "utf8");
  return typescript.transpileModule(source, {
    compilerOptions: { module: typescript.ModuleKind.CommonJS, target: typescript.ScriptTarget.ES2022 },
    fileName: file,
  }).outputText;
}

function load(code: string, world: World, logs: string[]): Module {
  const exports: Module = {};
  const requireRuntime = (specifier: string) => {
    if (specifier === "nursery") return runtime;
    throw new Error(`unexpected require(${specifier})`);
  };
  const globals: Record<string, unknown> = Object.fromEntries(operationNames.map((name) => [name, world.operation(name)]));
  globals.log = (message: string) => logs.push(message);
  globals.render = (page: string) => logs.push(`render ${page}`);
  const names = Object.keys(globals);
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  new Function("exports", "require", "module", ...names, code)(exports, requireRuntime, { exports }, ...names.map((name) => globals[name]));
  return exports;
}

interface Outcome {
  ok: boolean;
  value: unknown;
  calls: string[];
  logs: string[];
  /** Operations still running at the moment the function settled. */
  runningAtSettle: number;
  aborted: string[];
  unhandled: unknown[];
}

async function execute(file: string, scenario: Scenario, failing: string | undefined): Promise<Outcome> {
  const world = new World(failing);
  const logs: string[] = [];
  const unhandled: unknown[] = [];
  const previous = process.listeners("unhandledRejection");
  process.removeAllListeners("unhandledRejection");
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  process.on("unhandledRejection", onUnhandled);
  try {
    const module = load(compile(file), world, logs);
    let ok = true;
    let value: unknown;
    try {
      value = await scenario.run(module);
    } catch (error) {
      ok = false;
      value = error;
    }
    const runningAtSettle = world.running.size;
    // Let leftovers finish, and unhandled rejections surface.
    await new Promise((resolve) => setTimeout(resolve, 80));
    return { ok, value, calls: world.calls, logs, runningAtSettle, aborted: world.aborted, unhandled };
  } finally {
    process.removeListener("unhandledRejection", onUnhandled);
    for (const listener of previous) process.on("unhandledRejection", listener);
  }
}

describe("run-in-nursery runtime equivalence", function () {
  this.timeout(20_000);
  for (const scenario of scenarios) {
    const before = path.join(fixtureDir, `${scenario.fixture}.before.ts`);
    const after = path.join(fixtureDir, `${scenario.fixture}.after.ts`);

    it(`${scenario.fixture}: on success, same value and same calls`, async () => {
      const old = await execute(before, scenario, undefined);
      const rewritten = await execute(after, scenario, undefined);
      assert.ok(old.ok, `before failed: ${String(old.value)}`);
      assert.ok(rewritten.ok, `after failed: ${String(rewritten.value)}`);
      assert.deepEqual(rewritten.value, old.value);
      assert.deepEqual(rewritten.calls, old.calls);
      assert.deepEqual(rewritten.logs, old.logs);
      assert.deepEqual(rewritten.unhandled, []);
      assert.equal(rewritten.runningAtSettle, 0, "after: nothing runs once the function has returned");
    });

    it(`${scenario.fixture}: on failure, the after version cancels and waits; the before version leaks`, async () => {
      const old = await execute(before, scenario, scenario.fails);
      const rewritten = await execute(after, scenario, scenario.fails);
      assert.ok(old.runningAtSettle > 0 || old.unhandled.length > 0, "before: expected a leak (work still running, or an unhandled rejection)");
      assert.ok(!rewritten.ok, "after: the failure reaches the caller");
      assert.match(String((rewritten.value as Error).message), new RegExp(`^${scenario.fails}\\(`));
      assert.equal(rewritten.runningAtSettle, 0, "after: nothing runs once the function has settled");
      assert.deepEqual(rewritten.unhandled, []);
      if (scenario.cancels) assert.ok(rewritten.aborted.length > 0, "after: the siblings that take a signal are aborted");
    });
  }
});

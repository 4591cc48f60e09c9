import * as assert from "node:assert/strict";
import * as path from "node:path";
import { Project, ts } from "ts-morph";
import {
  callPassesSignal,
  isAbortSignalType,
  signalSlotOf,
  signalsInScope,
  timerPromiseOf,
} from "../server/src/analysis/signals";

/**
 * The signals helper on its own, against the real lib (ES2023 + DOM) and the real @types/node 20, so DOM and Node
 * built-ins are the ones users have.
 */
const repoRoot = path.resolve(__dirname, "..");
const project = new Project({
  compilerOptions: {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ["lib.es2023.d.ts", "lib.dom.d.ts"],
    strict: true,
    types: ["node"],
    typeRoots: [path.join(repoRoot, "node_modules", "@types")],
    skipLibCheck: true,
  },
});
let counter = 0;

/** Compiles `code` as one more module and returns the checker and a finder for the node marked `/*@*\/` (the node right after it). */
function load(code: string) {
  const fileName = path.join(repoRoot, "test", `__signals-case-${counter++}.ts`);
  project.createSourceFile(fileName, code, { overwrite: true });
  const program = project.getProgram().compilerObject;
  const sourceFile = program.getSourceFile(fileName)!;
  const checker = program.getTypeChecker();
  /** The outermost call/new/expression starting right after the marker. */
  const at = <T extends ts.Node>(predicate: (node: ts.Node) => node is T): T => {
    const marker = code.indexOf("/*@*/");
    assert.ok(marker >= 0, "no /*@*/ marker");
    let found: T | undefined;
    const visit = (node: ts.Node): void => {
      if (found) return;
      if (node.getStart(sourceFile) === marker + 5 && predicate(node)) found = node;
      else ts.forEachChild(node, visit);
    };
    visit(sourceFile);
    assert.ok(found, "nothing of that kind at the marker");
    return found;
  };
  return { program, checker, sourceFile, at };
}

const callAt = (code: string) => {
  const loaded = load(code);
  return { ...loaded, call: loaded.at(ts.isCallExpression) };
};

describe("signals: which AbortSignals are in scope", () => {
  it("finds parameters, destructured options and earlier locals, innermost first", () => {
    const { checker, call } = callAt(`
      export async function f(url: string, outer: AbortSignal, { signal: inner }: { signal?: AbortSignal }) {
        const local = AbortSignal.timeout(10);
        /*@*/g(url);
        const later = AbortSignal.timeout(10);
      }
      declare function g(url: string): void;
    `);
    const found = signalsInScope(checker, call);
    assert.deepEqual(found.map((s) => s.text), ["local", "outer", "inner"]);
    assert.deepEqual(found.map((s) => s.optional), [false, false, true]);
  });

  it("writes a local AbortController as `controller.signal`", () => {
    const { checker, call } = callAt(`
      export async function f() { const controller = new AbortController(); /*@*/g(); }
      declare function g(): void;
    `);
    assert.deepEqual(signalsInScope(checker, call).map((s) => s.text), ["controller.signal"]);
  });

  it("sees a task callback's signal typed by its context, and the enclosing function's", () => {
    const { checker, call } = callAt(`
      declare function spawn(body: (signal: AbortSignal) => Promise<void>): void;
      export function f(parent: AbortSignal) { spawn(async (signal) => { /*@*/g(); }); }
      declare function g(): void;
    `);
    assert.deepEqual(signalsInScope(checker, call).map((s) => s.text), ["signal", "parent"]);
  });

  it("reads an options parameter's signal property, but not a Request's", () => {
    const { checker, call } = callAt(`
      export async function f(request: Request, options?: { retries?: number; abortSignal?: AbortSignal }) { /*@*/g(); }
      declare function g(): void;
    `);
    const found = signalsInScope(checker, call);
    assert.deepEqual(found.map((s) => [s.text, s.optional]), [["options?.abortSignal", true]]);
  });

  it("ignores module-level signals and bindings shadowed by non-signals", () => {
    const { checker, call } = callAt(`
      const moduleSignal = AbortSignal.timeout(1);
      export function f(signal: AbortSignal) { return (signal: string) => /*@*/g(signal); }
      declare function g(s: string): void;
    `);
    assert.deepEqual(signalsInScope(checker, call), []);
  });
});

describe("signals: does the callee accept one, and where", () => {
  const slot = (code: string) => {
    const { checker, call } = callAt(code);
    const found = signalSlotOf(checker, call);
    return found && { kind: found.kind, index: found.index, property: found.property };
  };

  it("fetch: the `signal` of RequestInit, not the Request input", () => {
    assert.deepEqual(slot(`export const p = /*@*/fetch("/x");`), { kind: "property", index: 1, property: "signal" });
  });

  it("addEventListener: the options object of the boolean-or-options parameter", () => {
    assert.deepEqual(slot(`declare const b: HTMLButtonElement; /*@*/b.addEventListener("click", () => {}); export {};`), {
      kind: "property",
      index: 2,
      property: "signal",
    });
  });

  it("user functions: a positional optional signal, or any property name in an options type", () => {
    assert.deepEqual(slot(`declare function d(u: string, s?: AbortSignal): void; /*@*/d("x"); export {};`), {
      kind: "argument",
      index: 1,
      property: undefined,
    });
    assert.deepEqual(slot(`declare function ai(o: { prompt: string; abortSignal?: AbortSignal }): void; /*@*/ai({ prompt: "" }); export {};`), {
      kind: "property",
      index: 0,
      property: "abortSignal",
    });
  });

  it("overloads: another overload reachable by adding the signal", () => {
    assert.deepEqual(
      slot(`declare function u(a: string): void; declare function u(a: string, o: { signal?: AbortSignal }): void; /*@*/u("x"); export {};`),
      { kind: "property", index: 1, property: "signal" },
    );
    // The other overload needs a value we cannot invent first.
    assert.equal(slot(`declare function u(a: string): void; declare function u(a: string, b: number, s?: AbortSignal): void; /*@*/u("x"); export {};`), undefined);
  });

  it("Node built-ins from @types/node: timers/promises, events.once, stream/promises, child_process", () => {
    assert.deepEqual(slot(`import { setTimeout } from "node:timers/promises"; export const p = /*@*/setTimeout(10);`), {
      kind: "property",
      index: 2,
      property: "signal",
    });
    assert.deepEqual(slot(`import { once, EventEmitter } from "events"; export const p = /*@*/once(new EventEmitter(), "x");`), {
      kind: "property",
      index: 2,
      property: "signal",
    });
    assert.deepEqual(
      slot(`import { pipeline } from "stream/promises"; import { Readable, Writable } from "stream"; declare const r: Readable, w: Writable; export const p = /*@*/pipeline(r, w);`)
        ?.kind,
      "property",
    );
    assert.deepEqual(slot(`import { exec } from "child_process"; /*@*/exec("ls"); export {};`)?.property, "signal");
  });

  it("callees without a signal: none", () => {
    assert.equal(slot(`export const s = /*@*/JSON.stringify({});`), undefined);
    assert.equal(slot(`/*@*/setTimeout(() => {}, 1); export {};`), undefined);
    assert.equal(slot(`declare function r(...args: unknown[]): void; /*@*/r(1); export {};`), undefined);
  });
});

describe("signals: does the call already pass one", () => {
  const passes = (code: string) => {
    const { checker, call } = callAt(code);
    return callPassesSignal(checker, call);
  };

  it("counts any signal, spread options whose type has one, a Request, and `any`", () => {
    assert.equal(passes(`export function f(signal: AbortSignal) { return /*@*/fetch("/", { signal }); }`), true);
    assert.equal(passes(`export function f(init: RequestInit) { return /*@*/fetch("/", { ...init }); }`), true);
    assert.equal(passes(`export function f(r: Request) { return /*@*/fetch(r); }`), true);
    assert.equal(passes(`export function f(o: any) { return /*@*/fetch("/", o); }`), true);
  });

  it("does not count options without one, or an explicit `undefined`", () => {
    assert.equal(passes(`export function f() { return /*@*/fetch("/", { method: "GET" }); }`), false);
    assert.equal(passes(`export function f() { return /*@*/fetch("/", { signal: undefined }); }`), false);
  });
});

describe("signals: uncancellable timer promises", () => {
  const timer = (code: string) => {
    const { program, checker, at } = load(code);
    const expression = at((node): node is ts.Expression => ts.isNewExpression(node) || ts.isCallExpression(node));
    return timerPromiseOf(program, checker, expression);
  };

  it("a hand-made executor timer, resolving or rejecting", () => {
    assert.deepEqual(timer(`export const p = /*@*/new Promise((r) => setTimeout(r, 5));`), {
      kind: "executor",
      delay: "5",
      rejects: false,
      resolvesWithValue: false,
    });
    assert.equal(timer(`export const p = /*@*/new Promise<never>((_, no) => setTimeout(() => no(new Error()), 5));`)?.rejects, true);
    assert.equal(timer(`export const p = /*@*/new Promise((r) => setTimeout(() => r(1), 5));`)?.resolvesWithValue, true);
  });

  it("not a timer when the handle is kept or the executor does more", () => {
    assert.equal(timer(`let t: unknown; export const p = /*@*/new Promise((r) => { t = setTimeout(r, 5); });`), undefined);
    assert.equal(timer(`export const p = /*@*/new Promise((r) => { setTimeout(r, 5); log(); }); declare function log(): void;`), undefined);
  });

  it("Node's timers/promises without a signal, and a helper, with the delay written at the call site", () => {
    assert.equal(timer(`import { setTimeout as wait } from "timers/promises"; export const p = /*@*/wait(7);`)?.kind, "node-timer");
    assert.equal(timer(`import { setTimeout as wait } from "timers/promises"; declare const s: AbortSignal; export const p = /*@*/wait(7, undefined, { signal: s });`), undefined);
    const helper = timer(`const pause = (ms: number) => new Promise((r) => setTimeout(r, ms)); const d = 40; export const p = /*@*/pause(d * 2);`);
    assert.deepEqual(helper && { kind: helper.kind, delay: helper.delay }, { kind: "helper", delay: "d * 2" });
  });
});

describe("signals: the type predicate", () => {
  it("accepts AbortSignal with undefined or null, nothing else", () => {
    const { checker, sourceFile } = load(`export declare const a: AbortSignal | undefined; export declare const b: AbortSignal | null; export declare const c: string; export declare const d: AbortController;`);
    const types = sourceFile.statements.map((statement) => {
      const declaration = (statement as ts.VariableStatement).declarationList.declarations[0]!;
      return checker.getTypeAtLocation(declaration.name);
    });
    assert.deepEqual(types.map(isAbortSignalType), [true, true, false, false]);
  });
});

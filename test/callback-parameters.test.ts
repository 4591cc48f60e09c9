import * as assert from "node:assert/strict";
import * as path from "node:path";
import { Project, ts } from "ts-morph";
import { analyzeSourceFile } from "../server/src/analysis/analyze";
import { declaredCallbackParameter } from "../server/src/analysis/callback-parameters";
import { misusedPromise } from "../server/src/analysis/rules/misused-promise";

/**
 * What a callee declares for its callbacks' parameters, read without resolving the call (which would check the
 * callback's body), and the questions that spares the checker.
 */
const repoRoot = path.resolve(__dirname, "..");
const project = new Project({
  compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, lib: ["lib.es2023.d.ts"], strict: true, types: [] },
});
let counter = 0;

function load(code: string) {
  const fileName = path.join(repoRoot, "test", `__callback-parameters-case-${counter++}.ts`);
  project.createSourceFile(fileName, code, { overwrite: true });
  const program = project.getProgram().compilerObject;
  const sourceFile = program.getSourceFile(fileName)!;
  /** The declaring identifier named `name` (the first one in the file). */
  const declaration = (name: string): ts.Identifier => {
    let found: ts.Identifier | undefined;
    const visit = (node: ts.Node): void => {
      if (found) return;
      if (ts.isIdentifier(node) && node.text === name && (ts.isParameter(node.parent) || ts.isBindingElement(node.parent))) found = node;
      else ts.forEachChild(node, visit);
    };
    visit(sourceFile);
    assert.ok(found, `no declaration of ${name}`);
    return found;
  };
  return { program, sourceFile, checker: program.getTypeChecker(), declaration };
}

describe("declaredCallbackParameter", () => {
  it("follows a destructured name into the element type the callee declares", () => {
    const { checker, declaration } = load(`
      export function copy(value: object) {
        return Object.entries(Object.getOwnPropertyDescriptors(value)).map(([key, descriptor]) => descriptor.get ?? key);
      }`);
    const declared = declaredCallbackParameter(checker, declaration("descriptor"));
    assert.ok(declared);
    assert.deepEqual(declared.types.map((type) => checker.typeToString(type)), ["PropertyDescriptor"]);
    // A step into a destructured name: not the name's exact type (a default or optionality on the way changes it).
    assert.equal(declared.exact, false);
  });

  it("gives a plain parameter's exact type when the callee has one signature", () => {
    const { checker, declaration } = load(`
      declare function enqueue(task: (signal: AbortSignal, attempt: number) => Promise<void>): void;
      enqueue(async (taskSignal) => { taskSignal.throwIfAborted(); });`);
    const declared = declaredCallbackParameter(checker, declaration("taskSignal"));
    assert.ok(declared);
    assert.equal(declared.exact, true);
    assert.deepEqual(declared.types.map((type) => checker.typeToString(type)), ["AbortSignal"]);
  });

  it("collects every overload's type, and is not exact then", () => {
    const { checker, declaration } = load(`
      declare function on(event: "data", listener: (chunk: string) => void): void;
      declare function on(event: "end", listener: (code: number) => void): void;
      on("data", (received) => void received);`);
    const declared = declaredCallbackParameter(checker, declaration("received"));
    assert.ok(declared);
    assert.equal(declared.exact, false);
    assert.deepEqual(declared.types.map((type) => checker.typeToString(type)).sort(), ["number", "string"]);
  });

  it("is not exact when the callback requires more parameters than the callee gives (they are `any` then)", () => {
    const { checker, declaration } = load(`
      declare function each(visit: (entry: string) => void): void;
      each((item, index: number) => void [item, index]);`);
    const declared = declaredCallbackParameter(checker, declaration("item"));
    assert.ok(declared);
    assert.equal(declared.exact, false);
  });

  it("leaves to the checker what inference decides, a written type, a default, and a function that is no argument", () => {
    const { checker, declaration } = load(`
      declare function apply<T>(value: T, visit: (entry: T) => void): void;
      apply(1, (inferred) => void inferred);
      apply(1, (written: number) => void written);
      apply(1, (defaulted = 2) => void defaulted);
      const alone = (standalone: number) => standalone;
      export { alone };`);
    for (const name of ["inferred", "written", "defaulted", "standalone"]) {
      assert.equal(declaredCallbackParameter(checker, declaration(name)), undefined, name);
    }
  });
});

describe("misused-promise: what the declarations answer, the checker is not asked", () => {
  /** The text of every node whose type (or member symbol) the checker is asked for while `misused-promise` alone analyses `code`. */
  function typed(code: string) {
    const { program, sourceFile } = load(code);
    const checker = program.getTypeChecker();
    const asked: string[] = [];
    const original = checker.getTypeAtLocation.bind(checker);
    checker.getTypeAtLocation = (node: ts.Node) => (asked.push(node.getText()), original(node));
    // A member's symbol needs its receiver typed (`descriptor.get`: the call around the callback resolved); a name's does not.
    const originalSymbolAt = checker.getSymbolAtLocation.bind(checker);
    checker.getSymbolAtLocation = (node: ts.Node) => {
      if (ts.isPropertyAccessExpression(node.parent) && node.parent.name === node) asked.push(`member ${node.parent.getText()}`);
      return originalSymbolAt(node);
    };
    const originalOfSymbol = checker.getTypeOfSymbol.bind(checker);
    checker.getTypeOfSymbol = (symbol: ts.Symbol) => (asked.push(`symbol ${symbol.getName()}`), originalOfSymbol(symbol));
    const result = analyzeSourceFile(program, sourceFile, { rules: [misusedPromise] });
    return { asked, findings: result.findings.map((finding) => `${finding.rule}: ${finding.message.split(":")[0]}`) };
  }

  it("types neither a callback's destructured parameter nor its members when they cannot be promises", () => {
    const { asked, findings } = typed(`
      export function snapshot(value: object) {
        const entries = Object.entries(Object.getOwnPropertyDescriptors(value));
        return entries.map(([key, descriptor]) => [key, descriptor.get ? Reflect.apply(descriptor.get, value, []) : undefined]);
      }`);
    assert.deepEqual(findings, []);
    assert.ok(asked.length > 0, "the rule asked nothing at all");
    assert.deepEqual(asked.filter((question) => /descriptor/.test(question)), []);
  });

  it("asks the checker when a member may be a promise, and reports it", () => {
    const { asked, findings } = typed(`
      interface Job { name: string; done: Promise<void> }
      export function names(jobs: Job[]) {
        return jobs.filter((job) => !job.done);
      }`);
    assert.deepEqual(findings, ["misused-promise: Promise used as a condition"]);
    assert.ok(asked.includes("job.done"), asked.join(", "));
  });
});

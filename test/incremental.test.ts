import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { analyzeSourceFile, type AnalysisResult } from "../server/src/analysis/analyze";
import { changedSpan, isolatedEdit, outlineOf } from "../server/src/analysis/incremental";
import { functionValueOf, skipParentheses } from "../server/src/analysis/syntax";
import { ts } from "../server/src/typescript";
import { LintProject } from "../server/src/workspace/project";
import { Workspace } from "../server/src/workspace/workspace";

// An edit inside one function body re-analyses that function only and keeps the other findings: the result must be
// exactly what a full analysis of the edited file gives, for every rule's fixtures and edits that change findings.
const rulesDir = path.join(__dirname, "rules");
const config = { preset: "strict" as const, rules: {} };

function summary(result: AnalysisResult): string[] {
  const spans = (value: unknown): string => JSON.stringify(value, (key, item: unknown) => (key === "nursery" ? undefined : item));
  return [...result.findings, ...result.suppressed].map((f) => `${f.rule} ${f.range.start}-${f.range.end} ${f.message} ${spans(f.data)}`).sort();
}

/**
 * Edits inside the body of each top-level function, class member or function-valued variable: add a floating call,
 * delete the first or the last statement (a function's inferred type can change), and the
 * states typing goes through: a call not closed yet (the parser recovers inside the body), a block not closed yet, a
 * stray `}` and a template literal not closed yet (the parser may read the code after it differently).
 */
function editsOf(text: string, fileName: string, maxBodies: number): { name: string; text: string; broken?: boolean }[] {
  const sourceFile = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const edits: { name: string; text: string; broken?: boolean }[] = [];
  const bodies: ts.Block[] = [];
  /** The block body of the function a variable or field holds. */
  const valueBody = (holder: ts.Node) => {
    const value = functionValueOf(holder);
    return value && ts.isBlock(value.body) ? value.body : undefined;
  };
  for (const statement of sourceFile.statements) {
    if (ts.isFunctionDeclaration(statement) && statement.body) bodies.push(statement.body);
    if (ts.isVariableStatement(statement)) bodies.push(...statement.declarationList.declarations.flatMap((declaration) => valueBody(declaration) ?? []));
    if (ts.isClassDeclaration(statement)) {
      for (const member of statement.members) {
        if (ts.isMethodDeclaration(member) && member.body) bodies.push(member.body);
        const body = valueBody(member);
        if (body) bodies.push(body);
      }
    }
  }
  // Function arguments of call statements, at any depth (`it("…", async () => { … })` inside `describe`), and functions
  // declared inside them (a helper inside a test).
  const callbackBodies: ts.Block[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isExpressionStatement(node) && ts.isCallExpression(skipParentheses(node.expression))) {
      for (const argument of (skipParentheses(node.expression) as ts.CallExpression).arguments) {
        if ((ts.isArrowFunction(argument) || ts.isFunctionExpression(argument)) && ts.isBlock(argument.body)) callbackBodies.push(argument.body);
      }
    }
    const body = ts.isVariableDeclaration(node) && !ts.isSourceFile(node.parent.parent.parent) ? valueBody(node) : undefined;
    if (body) callbackBodies.push(body);
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  // Functions inside top-level declarations' values (`export const routes = define({ list: route(async () => { … }) })`,
  // `export default define(() => { … })`): re-analysed with the declaration when nothing else in the file names it.
  const declarationBodies: ts.Block[] = [];
  const collect = (node: ts.Node): void => {
    if ((ts.isArrowFunction(node) || ts.isFunctionExpression(node)) && ts.isBlock(node.body)) declarationBodies.push(node.body);
    ts.forEachChild(node, collect);
  };
  for (const statement of sourceFile.statements) {
    if (ts.isExportAssignment(statement)) collect(statement.expression);
    if (ts.isVariableStatement(statement)) for (const declaration of statement.declarationList.declarations) if (declaration.initializer && !functionValueOf(declaration)) collect(declaration.initializer);
  }
  const few = maxBodies === Infinity ? Infinity : 4;
  for (const body of [...bodies.slice(0, maxBodies), ...callbackBodies.slice(0, few), ...declarationBodies.slice(0, few)]) {
    const at = body.getStart(sourceFile) + 1;
    const line = sourceFile.getLineAndCharacterOfPosition(at).line + 1;
    edits.push({ name: `insert a floating call at line ${line}`, text: `${text.slice(0, at)}\n  Promise.resolve(1);${text.slice(at)}` });
    const first = body.statements[0];
    if (first) edits.push({ name: `delete the first statement at line ${line}`, text: text.slice(0, first.getFullStart()) + text.slice(first.getEnd()) });
    const last = body.statements[body.statements.length - 1];
    if (last && last !== first) edits.push({ name: `delete the last statement at line ${line}`, text: text.slice(0, last.getFullStart()) + text.slice(last.getEnd()) });
    edits.push({ name: `type an unclosed call at line ${line}`, text: `${text.slice(0, at)}\n  Promise.resolve(${text.slice(at)}`, broken: true });
    edits.push({ name: `type an unclosed block at line ${line}`, text: `${text.slice(0, at)}\n  if (Math.random()) {${text.slice(at)}`, broken: true });
    edits.push({ name: `type a stray brace at line ${line}`, text: `${text.slice(0, at)}\n  }${text.slice(at)}`, broken: true });
    edits.push({ name: `type an unclosed template at line ${line}`, text: `${text.slice(0, at)}\n  const typing = \`${text.slice(at)}`, broken: true });
  }
  return edits;
}

describe("incremental analysis of an edit inside one function", () => {
  const rulesProject = LintProject.fromTsconfig(path.join(rulesDir, "tsconfig.json"));
  // Every rule's fixtures (the first six bodies of each), and every body of the file written for this test.
  const fixtures = fs
    .readdirSync(rulesDir)
    .filter((entry) => fs.statSync(path.join(rulesDir, entry)).isDirectory())
    .flatMap((ruleId) => fs.readdirSync(path.join(rulesDir, ruleId)).filter((file) => /\.tsx?$/.test(file)).map((file) => ({ fileName: path.join(rulesDir, ruleId, file), project: rulesProject, maxBodies: 6 })));
  fixtures.push({ fileName: path.join(__dirname, "incremental", "values.ts"), project: LintProject.fromTsconfig(path.join(__dirname, "incremental", "tsconfig.json")), maxBodies: Infinity });
  let compared = 0;
  let isolated = 0;
  let isolatedBroken = 0;
  let isolatedValues = 0;
  let isolatedStatements = 0;
  let isolatedDeclarations = 0;

  after(() => {
    // The property must actually be exercised: most edits qualify, and the comparisons ran.
    assert.ok(isolated > 100, `only ${isolated} of ${compared} edits were re-analysed incrementally`);
    assert.ok(isolatedStatements > 50, `only ${isolatedStatements} edits inside functions given to call statements were re-analysed incrementally`);
    assert.ok(isolatedDeclarations > 20, `only ${isolatedDeclarations} edits inside top-level declarations nothing else names were re-analysed incrementally`);
    assert.ok(isolatedValues > 10, `only ${isolatedValues} edits inside functions held by variables or fields were re-analysed incrementally`);
    assert.ok(isolatedBroken > 100, `only ${isolatedBroken} edits with syntax errors were re-analysed incrementally`);
  });

  for (const { fileName, project, maxBodies } of fixtures) {
    it(`${path.basename(path.dirname(fileName))}/${path.basename(fileName)}: same findings as a full analysis`, () => {
      const original = fs.readFileSync(fileName, "utf8");
      try {
        project.setOverlay(fileName, original);
        const before = analyzeSourceFile(project.program(), project.sourceFile(fileName)!, { config });
        const previous = { text: original, outline: outlineOf(project.sourceFile(fileName)!), ruleFindings: before.ruleFindings };
        for (const edit of editsOf(original, fileName, maxBodies)) {
          project.setOverlay(fileName, edit.text);
          const program = project.program();
          const sourceFile = program.getSourceFile(fileName)!;
          const full = analyzeSourceFile(program, sourceFile, { config });
          const region = isolatedEdit(previous, sourceFile);
          compared++;
          if (!region) continue;
          isolated++;
          if (ts.isVariableDeclaration(region.root) || ts.isPropertyDeclaration(region.root)) isolatedValues++;
          if (ts.isExpressionStatement(region.root)) isolatedStatements++;
          if (ts.isVariableStatement(region.root) || ts.isExportAssignment(region.root) || ts.isClassDeclaration(region.root) || ts.isFunctionDeclaration(region.root)) isolatedDeclarations++;
          if (edit.broken) {
            assert.ok(program.getSyntacticDiagnostics(sourceFile).length > 0, `${edit.name}: meant to leave a syntax error`);
            isolatedBroken++;
          }
          const incremental = analyzeSourceFile(program, sourceFile, { config, reuse: { root: region.root, findings: region.findings } });
          assert.deepEqual(summary(incremental), summary(full), `${edit.name}`);
        }
      } finally {
        project.setOverlay(fileName, original);
      }
    });
  }
});

describe("warming up a full analysis part by part", () => {
  it("takes one step per top-level statement or class member, and the full analysis after it finds the same", () => {
    const fileName = path.join(__dirname, "incremental", "values.ts");
    const config = { preset: "strict" as const, rules: {} };
    // Questions the rules' shared memo (analysis/checker-cache.ts) passes on to the checker: new ones.
    const counted = (workspace: Workspace) => {
      const checker = workspace.projectFor(fileName).program().getTypeChecker();
      const calls = { count: 0 };
      for (const name of ["getTypeAtLocation", "getSymbolAtLocation", "getContextualType"] as const) {
        const original = checker[name].bind(checker) as (...args: unknown[]) => unknown;
        (checker as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => (calls.count++, original(...args));
      }
      return calls;
    };
    const coldWorkspace = new Workspace();
    const coldCalls = counted(coldWorkspace);
    const cold = coldWorkspace.analyze(fileName, { config })!;
    const askedCold = coldCalls.count;
    const warmed = new Workspace();
    const warmedCalls = counted(warmed);
    const sourceFile = warmed.projectFor(fileName).program().getSourceFile(fileName)!;
    const units = sourceFile.statements.reduce((count, statement) => count + (ts.isClassDeclaration(statement) ? statement.members.length : 1), 0);
    assert.equal([...warmed.warmUp(fileName, { config })].length, units);
    const askedWhileWarming = warmedCalls.count;
    const full = warmed.analyze(fileName, { config })!;
    // The full analysis after the warm-up finds every answer made. (Counted before comparing: the run-in-nursery data
    // that the comparison reads is computed on demand, with questions of its own.)
    assert.equal(warmedCalls.count - askedWhileWarming, 0);
    assert.ok(askedCold > 50, `${askedCold} questions`);
    assert.ok(cold.findings.length > 10);
    assert.deepEqual(summary(full), summary(cold));
  });
});

describe("changedSpan", () => {
  /** Character by character, as the definition says. */
  function naive(before: string, after: string) {
    let start = 0;
    const shorter = Math.min(before.length, after.length);
    while (start < shorter && before[start] === after[start]) start++;
    let suffix = 0;
    while (suffix < shorter - start && before[before.length - 1 - suffix] === after[after.length - 1 - suffix]) suffix++;
    return { start, oldEnd: before.length - suffix, newEnd: after.length - suffix };
  }

  it("finds the same span as a character-by-character comparison, across chunk boundaries", () => {
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    // Few distinct characters, so prefixes and suffixes often match by chance around the edit.
    const text = (n: number) => Array.from({ length: n }, () => "ab\n"[random(3)]).join("");
    const cases: [string, string][] = [["", ""], ["", "x"], ["abc", "abc"], ["a".repeat(600), "a".repeat(601)], ["a".repeat(512), "a".repeat(256)]];
    for (let length = 240; length < 270; length++) {
      const rest = "b".repeat(length);
      // Equal texts, and an "a" typed after an "a": the common prefix and suffix meet, and must not overlap.
      cases.push([rest, rest], [`a${rest}`, `aa${rest}`], [`${rest}a`, `${rest}aa`], [`a${rest}${rest}`, `aa${rest}${rest}`]);
    }
    for (let i = 0; i < 300; i++) {
      const before = text(random(2000));
      const at = random(before.length + 1);
      const removed = random(Math.min(40, before.length - at) + 1);
      cases.push([before, before.slice(0, at) + text(random(40)) + before.slice(at + removed)]);
      // One repeated character: prefix and suffix could overlap, the comparison must not count a character twice.
      const uniform = "a".repeat(random(2000));
      const where = random(uniform.length + 1);
      cases.push([uniform, uniform.slice(0, where) + "b".repeat(random(3)) + uniform.slice(where + random(3))]);
    }
    for (const [before, after] of cases) assert.deepEqual(changedSpan(before, after), naive(before, after), JSON.stringify([before.length, after.length]));
  });
});

describe("files parsed without parent pointers", () => {
  // Declaration and library files are parsed without parents (the binder sets them); an edit to such a file, open in
  // the editor before any checker bound it, is re-parsed incrementally and must come out whole.
  it("a declaration file edited before it was bound re-parses with parents, and the checker sees the change", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "nursery-dts-"));
    fs.writeFileSync(path.join(root, "tsconfig.json"), JSON.stringify({ compilerOptions: { strict: true, noEmit: true, types: [] }, include: ["*.ts"] }));
    const declarations = path.join(root, "globals.d.ts");
    const main = path.join(root, "main.ts");
    fs.writeFileSync(declarations, "declare function loadUser(id: string): Promise<string>;\n");
    fs.writeFileSync(main, 'export async function main() {\n  loadUser("a");\n  saveUser("a");\n}\n');
    const project = LintProject.fromTsconfig(path.join(root, "tsconfig.json"));
    const before = project.program().getSourceFile(declarations)!;
    assert.equal(before.statements[0]!.parent, undefined, "parsed without parents");

    const edited = "declare function loadUser(id: string): Promise<string>;\ndeclare function saveUser(id: string): Promise<void>;\n";
    project.setOverlay(declarations, edited);
    const program = project.program();
    const after = program.getSourceFile(declarations)!;
    const fresh = ts.createSourceFile(declarations, edited, ts.ScriptTarget.Latest, true);
    const shape = (node: ts.Node): string => `${ts.SyntaxKind[node.kind]}@${node.pos}-${node.end}(${node.getChildren().map(shape).join(",")})`;
    assert.equal(shape(after), shape(fresh));
    const orphans: string[] = [];
    const visit = (node: ts.Node): void => ts.forEachChild(node, (child) => void (child.parent !== node && orphans.push(ts.SyntaxKind[child.kind]), visit(child)));
    visit(after);
    assert.deepEqual(orphans, []);
    const findings = analyzeSourceFile(program, program.getSourceFile(main)!, { config }).findings.map((f) => `${f.rule} ${f.range.start}`);
    assert.deepEqual(findings, ["floating-promise 33", "floating-promise 50"], "both declared functions are known to return promises");
  });
});

describe("one-statement helpers called elsewhere in the file", () => {
  // The timer rules read such a helper at its call sites (`await sleep(100)`), so an edit that makes or unmakes one
  // changes findings outside it: those edits are analysed in full; a method called on a value is no timer.
  const caller = "export async function main() {\n  await helper(5);\n}\n";
  const cases: { name: string; before: string; after: string; isolated: boolean }[] = [
    { name: "a method chain", before: "return Promise.resolve(ms).then((value) => value);", after: "return Promise.resolve(ms).then((value) => value + 1);", isolated: true },
    { name: "a method on this", before: "return this.queue.add(ms);", after: "return this.queue.add(ms + 1);", isolated: true },
    { name: "a chain turned into a timer", before: "return Promise.resolve(ms).then((value) => value);", after: "return new Promise((resolve) => setTimeout(resolve, ms));", isolated: false },
    { name: "a timer turned into a chain", before: "return new Promise((resolve) => setTimeout(resolve, ms));", after: "return Promise.resolve(ms).then((value) => value);", isolated: false },
    { name: "a timer's delay", before: "return new Promise((resolve) => setTimeout(resolve, ms));", after: "return new Promise((resolve) => setTimeout(resolve, ms * 2));", isolated: false },
    { name: "a function that may be imported setTimeout", before: "return sleep(ms);", after: "return sleep(ms * 2);", isolated: false },
    { name: "a module's setTimeout", before: "return timers.setTimeout(ms);", after: "return timers.setTimeout(ms * 2);", isolated: false },
    { name: "a module imported in place", before: 'return (await import("node:timers/promises")).setTimeout(ms);', after: 'return (await import("node:timers/promises")).setTimeout(ms * 2);', isolated: false },
  ];
  for (const { name, before, after, isolated } of cases) {
    it(`${name}: ${isolated ? "re-analysed alone" : "analysed in full"}`, () => {
      const file = (statement: string) => `async function helper(ms: number): Promise<unknown> {\n  ${statement}\n}\n${caller}`;
      const previous = ts.createSourceFile("helpers.ts", file(before), ts.ScriptTarget.Latest, true);
      const next = ts.createSourceFile("helpers.ts", file(after), ts.ScriptTarget.Latest, true);
      const edit = isolatedEdit({ text: previous.text, outline: outlineOf(previous), ruleFindings: [] }, next);
      assert.equal(edit !== undefined, isolated);
      if (edit) assert.equal((edit.root as ts.FunctionDeclaration).name?.text, "helper");
    });
  }
});

describe("answers that depend on another function's body", () => {
  it("a helper edited to read the signal makes the call that gives it none a finding in the next program", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "nursery-helper-"));
    fs.writeFileSync(path.join(root, "tsconfig.json"), JSON.stringify({ compilerOptions: { strict: true, noEmit: true, lib: ["ES2022", "DOM"], types: [] }, include: ["*.ts"] }));
    const main = path.join(root, "main.ts");
    const text = [
      "interface Options { body?: unknown; signal?: AbortSignal }",
      "declare function send(options: Options): Promise<void>;",
      "function prepare(options: Options): Promise<void> {",
      "  return send({ body: options.body });",
      "}",
      "export async function main(body: unknown, signal: AbortSignal) {",
      "  await prepare({ body });",
      "}",
      "",
    ].join("\n");
    fs.writeFileSync(main, text);
    const project = LintProject.fromTsconfig(path.join(root, "tsconfig.json"));
    const rulesAt = () => {
      const program = project.program();
      return analyzeSourceFile(program, program.getSourceFile(main)!, { config }).findings.map((f) => `${f.rule} line ${program.getSourceFile(main)!.getLineAndCharacterOfPosition(f.range.start).line + 1}`);
    };
    assert.deepEqual(rulesAt(), ["signal-not-forwarded line 4"], "prepare drops the signal: only its own send is flagged");
    project.setOverlay(main, text.replace("send({ body: options.body })", "send({ body: options.body, signal: options.signal })"));
    assert.deepEqual(rulesAt(), ["signal-not-forwarded line 7"], "prepare now passes the signal on: its caller must give it one");
  });
});

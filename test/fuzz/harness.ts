/**
 * Fuzzing harness (issue 10): mutated fixture files go through every rule (strict preset) and every offered fix.
 * Shared by `smoke.test.ts` (fixed seed, `npm test`) and `run.ts` (`npm run fuzz`, 10,000 inputs, saves failures).
 *
 * A mutated fixture replaces its own file as an overlay in the fixture folder's project (test/rules or test/fixes), so
 * it sees the same globals and sibling modules as the original; the original text is restored after each input.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import fc from "fast-check";
import typescript from "typescript";
import { analyzeSourceFile } from "../../server/src/analysis/analyze";
import { AnalysisCancelledError } from "../../server/src/analysis/types";
import { applyEdits, fixesFor, suppressFileEdits, suppressLineEdits, type TextEdit } from "../../server/src/fixes";
import { LintProject } from "../../server/src/workspace/project";

export const testDir = path.join(__dirname, "..");
export const regressionsDir = path.join(__dirname, "regressions");
/** Per-file limit for one analysis (all rules); measured, and enforced through `isCancelled`. */
export const timeLimitMs = 5_000;
const everyRule = { preset: "strict", rules: {} } as const;

export type Suite = "rules" | "fixes";

export interface Fixture {
  suite: Suite;
  /** Relative to test/, with forward slashes. */
  file: string;
  text: string;
}

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return walk(full);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith(".d.ts") ? [full] : [];
  });
}

/** Every fixture file under test/rules and test/fixes (declaration files are context, not fixtures). */
export function loadFixtures(): Fixture[] {
  return (["rules", "fixes"] as const).flatMap((suite) =>
    walk(path.join(testDir, suite))
      .sort()
      .map((full) => ({ suite, file: path.relative(testDir, full).split(path.sep).join("/"), text: fs.readFileSync(full, "utf8") })),
  );
}

// ---- mutations ------------------------------------------------------------------------------------------------------

const longLine = (n: number) => `  const long = [${Array.from({ length: n }, (_, i) => `fetch("/${i}")`).join(", ")}]; fetch("/end"); Promise.resolve(${"1 + ".repeat(n)}1);`;
const deepNesting = (n: number) => `  void ${"(".repeat(n)}fetch("/deep")${")".repeat(n)};`;

/** Syntax from other corners of the language, dropped into the middle of a fixture. */
export const snippets: readonly string[] = [
  `const el = <div onClick={async () => { fetch("/x"); }}>{load()}</div>;`,
  `function View() { return <><button onClick={() => save()} />{[1, 2].map(async (i) => <span key={i}>{i}</span>)}</>; }`,
  `<T,>(x: T) => x;`,
  `@decorator class Decorated { @field() value = 1; @method async run(@param() signal: AbortSignal) { fetch("/d"); } }`,
  `@sealed export default class { accessor x = 1; }`,
  `async function disposer() { await using res = open(); using other = lock(); fetch("/u"); }`,
  `await using top = { async [Symbol.asyncDispose]() {} };`,
  `for await (using x of items) { x.run(); }`,
  `label: for (;;) { await Promise.all([fetch("/a"), fetch("/b")]); break label; }`,
  `const { a = fetch("/a"), ...rest } = await Promise.race([p, q]);`,
  "const t = tag`${fetch(\"/t\")}${`${nested}`}`;",
  `enum E { A = 1, B = A << 1 } namespace N.M { export const x = fetch("/n"); } declare module "m" {}`,
  `class P { #secret = 1; static { fetch("/static"); } get x() { return this.#secret; } }`,
  `type X<T> = T extends Promise<infer U> ? U : never; let y = x satisfies unknown as any!;`,
  `async function* gen(signal: AbortSignal) { yield* other(); yield await fetch("/g", { signal }); }`,
  `new Promise(async (resolve, reject) => { setTimeout(resolve, 10); await sleep(1); });`,
  `try { await work(); } catch { } finally { void cleanup(); }`,
  `if (a) b; else if (c) d(); else { e?.(); f!?.g?.[h](); }`,
  `export = foo; import x = require("x"); export * as ns from "./mod";`,
  `/* unterminated comment`,
  `"unterminated string`,
  "`unterminated template ${",
  `// nursery-ignore-next-line floating-promise -- fuzz`,
  `/* nursery-ignore-file */`,
  `#!/usr/bin/env node`,
  `\u2028\u2029\uFEFF\u0000\uD800`,
  longLine(400),
  deepNesting(150),
  `const s = "${"x".repeat(20_000)}";`,
];

const brackets = ["(", ")", "{", "}", "[", "]", "<", ">", "`", '"', "'", "/*", "*/", "${", "=>", ";", ",", "?.", "@", "#", "\\"];

export type Mutation =
  | { kind: "delete-token" | "duplicate-token" | "delete-line" | "duplicate-line" | "swap-lines" | "truncate"; at: number }
  | { kind: "insert-text"; at: number; text: string }
  | { kind: "insert-snippet"; at: number; snippet: number; atLineStart: boolean };

const at = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constantFrom("delete-token", "duplicate-token", "delete-line", "duplicate-line", "swap-lines") as fc.Arbitrary<"delete-token">, at }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("truncate" as const), at }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("insert-text" as const),
      at,
      text: fc.oneof(fc.constantFrom(...brackets), fc.string({ maxLength: 6 }), fc.string({ unit: "binary", maxLength: 4 })),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("insert-snippet" as const), at, snippet: fc.nat({ max: snippets.length - 1 }), atLineStart: fc.boolean() }) },
);

function tokens(text: string): { start: number; end: number }[] {
  const found: { start: number; end: number }[] = [];
  for (const match of text.matchAll(/[A-Za-z_$][\w$]*|\d+|\s+|[^\sA-Za-z_$\d]/g)) found.push({ start: match.index, end: match.index + match[0].length });
  return found;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === "\n") starts.push(i + 1);
  return starts;
}

export function mutate(text: string, mutation: Mutation): string {
  const pick = <T>(items: readonly T[]): T | undefined => items[Math.floor(mutation.at * items.length)];
  switch (mutation.kind) {
    case "delete-token":
    case "duplicate-token": {
      const token = pick(tokens(text).filter((t) => !/^\s+$/.test(text.slice(t.start, t.end))));
      if (!token) return text;
      const piece = text.slice(token.start, token.end);
      return text.slice(0, token.start) + (mutation.kind === "duplicate-token" ? piece + piece : "") + text.slice(token.end);
    }
    case "delete-line":
    case "duplicate-line":
    case "swap-lines": {
      const lines = text.split("\n");
      const index = Math.floor(mutation.at * lines.length);
      if (mutation.kind === "delete-line") lines.splice(index, 1);
      else if (mutation.kind === "duplicate-line") lines.splice(index, 0, lines[index]!);
      else if (index + 1 < lines.length) [lines[index], lines[index + 1]] = [lines[index + 1]!, lines[index]!];
      return lines.join("\n");
    }
    case "truncate":
      return text.slice(0, Math.floor(mutation.at * text.length));
    case "insert-text": {
      const offset = Math.floor(mutation.at * (text.length + 1));
      return text.slice(0, offset) + mutation.text + text.slice(offset);
    }
    case "insert-snippet": {
      const snippet = snippets[mutation.snippet]!;
      if (mutation.atLineStart) {
        const offset = pick(lineStarts(text)) ?? 0;
        return `${text.slice(0, offset)}${snippet}\n${text.slice(offset)}`;
      }
      const offset = Math.floor(mutation.at * (text.length + 1));
      return text.slice(0, offset) + snippet + text.slice(offset);
    }
  }
}

export interface FuzzCase {
  fixture: number;
  /** Analyse as a .tsx file next to the fixture (JSX parses) instead of the fixture's own name. */
  asTsx: boolean;
  mutations: Mutation[];
}

export function caseArb(fixtureCount: number): fc.Arbitrary<FuzzCase> {
  return fc.record({
    fixture: fc.nat({ max: fixtureCount - 1 }),
    asTsx: fc.nat({ max: 3 }).map((n) => n === 0),
    mutations: fc.array(mutationArb, { minLength: 1, maxLength: 6 }),
  });
}

/** A concrete input: which fixture's place it takes, and the text. Regression files store exactly this. */
export interface FuzzInput {
  suite: Suite;
  /** Fixture path relative to test/ (its project and folder). */
  file: string;
  asTsx: boolean;
  text: string;
}

export function materialize(fixtures: readonly Fixture[], fuzzCase: FuzzCase): FuzzInput {
  const fixture = fixtures[fuzzCase.fixture]!;
  const text = fuzzCase.mutations.reduce(mutate, fixture.text);
  return { suite: fixture.suite, file: fixture.file, asTsx: fuzzCase.asTsx, text };
}

// ---- the properties -------------------------------------------------------------------------------------------------

/** Syntax errors as the real compiler's parser reports them (the `typescript` package, not our bundled copy). */
export function parseErrors(fileName: string, text: string): string[] {
  const kind = fileName.endsWith(".tsx") ? typescript.ScriptKind.TSX : typescript.ScriptKind.TS;
  const sourceFile = typescript.createSourceFile(fileName, text, typescript.ScriptTarget.Latest, false, kind);
  const diagnostics = (sourceFile as unknown as { parseDiagnostics: typescript.DiagnosticWithLocation[] }).parseDiagnostics;
  return diagnostics.map((d) => `${d.start}: ${typescript.flattenDiagnosticMessageText(d.messageText, " ")}`);
}

export interface CheckResult {
  problems: string[];
  analysisMs: number;
  findings: number;
  fixesApplied: number;
}

/** Checks the edits of one fix against the text: in range, non-overlapping, and (if the text parsed) still parsing. */
export function checkEdits(label: string, fileName: string, text: string, parsed: boolean, edits: readonly TextEdit[], problems: string[]): boolean {
  for (const edit of edits) {
    if (!Number.isInteger(edit.start) || !Number.isInteger(edit.end) || edit.start < 0 || edit.end < edit.start || edit.end > text.length) {
      problems.push(`${label}: edit out of range ${JSON.stringify({ start: edit.start, end: edit.end })} (text length ${text.length})`);
      return false;
    }
  }
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.start < sorted[i - 1]!.end) {
      problems.push(`${label}: overlapping edits ${JSON.stringify(sorted[i - 1])} and ${JSON.stringify(sorted[i])}`);
      return false;
    }
  }
  let output: string;
  try {
    output = applyEdits(text, edits);
  } catch (error) {
    problems.push(`${label}: applyEdits threw ${String(error)}`);
    return false;
  }
  if (parsed) {
    const errors = parseErrors(fileName, output);
    if (errors.length > 0) {
      problems.push(`${label}: code parsed before the fix and not after: ${errors.slice(0, 3).join("; ")}\n    edits: ${JSON.stringify(edits).slice(0, 400)}`);
      return false;
    }
  }
  return true;
}

/** One LintProject per fixture suite, reused for every input: the input is an overlay swapped in and out. */
export class FuzzRunner {
  private readonly projects = new Map<Suite, LintProject>();

  private project(suite: Suite): LintProject {
    let project = this.projects.get(suite);
    if (!project) {
      project = LintProject.fromTsconfig(path.join(testDir, suite, "tsconfig.json"));
      this.projects.set(suite, project);
    }
    return project;
  }

  fileNameFor(input: FuzzInput): string {
    const original = path.join(testDir, input.file);
    return input.asTsx ? path.join(path.dirname(original), "__fuzz__.tsx") : original;
  }

  check(input: FuzzInput): CheckResult {
    const project = this.project(input.suite);
    const fileName = this.fileNameFor(input);
    const original = path.join(testDir, input.file);
    const problems: string[] = [];
    let analysisMs = 0;
    let findingCount = 0;
    let fixesApplied = 0;
    project.setOverlay(fileName, input.text);
    try {
      const program = project.program();
      const sourceFile = program.getSourceFile(fileName);
      if (!sourceFile) return { problems: [`${fileName} not in the program`], analysisMs, findings: 0, fixesApplied };
      const started = performance.now();
      const deadline = started + timeLimitMs;
      let result: ReturnType<typeof analyzeSourceFile> | undefined;
      try {
        result = analyzeSourceFile(program, sourceFile, { config: everyRule, isCancelled: () => performance.now() > deadline });
      } catch (error) {
        if (error instanceof AnalysisCancelledError) problems.push(`analysis exceeded ${timeLimitMs} ms (cancelled)`);
        else problems.push(`analysis threw: ${error instanceof Error ? error.stack : String(error)}`);
      }
      analysisMs = performance.now() - started;
      if (analysisMs > timeLimitMs) problems.push(`analysis took ${Math.round(analysisMs)} ms (limit ${timeLimitMs} ms)`);
      if (!result) return { problems, analysisMs, findings: 0, fixesApplied };
      for (const failure of result.failures) {
        problems.push(`rule ${failure.rule} threw: ${(failure.error.stack ?? failure.error.message).split("\n").slice(0, 4).join(" | ")}`);
      }
      findingCount = result.findings.length;
      const text = sourceFile.text;
      const parsed = parseErrors(fileName, text).length === 0;
      const context = { runtimeModule: "nursery", compilerOptions: project.compilerOptions() };
      for (const finding of [...result.findings, ...result.suppressed]) {
        const where = `${finding.rule}@${finding.range.start}`;
        if (finding.range.start < 0 || finding.range.end < finding.range.start || finding.range.end > text.length) {
          problems.push(`${where}: finding range out of the text ${JSON.stringify(finding.range)}`);
          continue;
        }
        const candidates: [string, () => TextEdit[] | undefined][] = [
          ...fixesFor(finding).map((fix): [string, () => TextEdit[] | undefined] => [
            fix.id,
            () => (fix.unavailableReason?.(sourceFile, finding, context) ? undefined : fix.edits(sourceFile, finding, context)),
          ]),
          ["ignore-line", () => suppressLineEdits(sourceFile, finding, false)],
          ["ignore-file", () => suppressFileEdits(sourceFile, finding, false)],
        ];
        for (const [fixId, compute] of candidates) {
          let edits: TextEdit[] | undefined;
          try {
            edits = compute();
          } catch (error) {
            problems.push(`${where} fix ${fixId} threw: ${error instanceof Error ? (error.stack ?? "").split("\n").slice(0, 4).join(" | ") : String(error)}`);
            continue;
          }
          if (!edits) continue;
          if (checkEdits(`${where} fix ${fixId}`, fileName, text, parsed, edits, problems)) fixesApplied++;
        }
      }
    } finally {
      // Put the fixture back (or empty the scratch .tsx), so the next input sees the original project.
      project.setOverlay(fileName, fileName === original ? fs.readFileSync(original, "utf8") : "export {};\n");
    }
    return { problems: [...new Set(problems)], analysisMs, findings: findingCount, fixesApplied };
  }
}

// ---- regressions ----------------------------------------------------------------------------------------------------

export interface Regression extends FuzzInput {
  seed?: number;
  problems?: string[];
}

export function loadRegressions(): { name: string; input: Regression }[] {
  if (!fs.existsSync(regressionsDir)) return [];
  return fs
    .readdirSync(regressionsDir)
    .filter((name) => name.endsWith(".json"))
    .sort()
    .map((name) => ({ name, input: JSON.parse(fs.readFileSync(path.join(regressionsDir, name), "utf8")) as Regression }));
}

export function saveRegression(input: FuzzInput, seed: number, index: number, problems: string[]): string {
  fs.mkdirSync(regressionsDir, { recursive: true });
  const name = `${path.basename(input.file).replace(/\.tsx?$/, "")}-${seed}-${index}.json`;
  const regression: Regression = { ...input, seed, problems };
  fs.writeFileSync(path.join(regressionsDir, name), `${JSON.stringify(regression, null, 2)}\n`);
  return name;
}

/** The inputs of run `seed`, generated lazily in chunks (fast-check's sample is deterministic per seed). */
export function* inputs(fixtures: readonly Fixture[], seed: number, count: number, chunk = 100): Generator<FuzzInput> {
  const arb = caseArb(fixtures.length);
  for (let done = 0; done < count; done += chunk) {
    for (const fuzzCase of fc.sample(arb, { seed: seed + done, numRuns: Math.min(chunk, count - done) })) yield materialize(fixtures, fuzzCase);
  }
}

// npm run bench:agreement: where nursery's floating-promise / misused-promise and typescript-eslint's
// no-floating-promises / no-misused-promises disagree, on both corpora, compared by file:line and rule. Each
// disagreement is classified from bench/agreement-classes.json (written by a person after reading the code: our bug,
// their bug, different by design); new ones show up as "unclassified". On the generated corpus the planted issues
// (manifest.json) are the ground truth. Writes bench/AGREEMENT.md.
//
// `--reuse` reads the outputs `npm run bench` left in bench/.corpus/out instead of running both linters again.
import * as fs from "node:fs";
import * as path from "node:path";
import { allCorpora, writeEslintConfig, type Corpus } from "./corpora";
import { toolVersions } from "./report";
import { measure } from "./run";

const repo = path.resolve(__dirname, "..");
const outDir = path.join(__dirname, ".corpus", "out");
const classesFile = path.join(__dirname, "agreement-classes.json");

const RULES: [ours: string, theirs: string][] = [
  ["floating-promise", "@typescript-eslint/no-floating-promises"],
  ["misused-promise", "@typescript-eslint/no-misused-promises"],
];

interface Message {
  ruleId: string | null;
  line: number;
  column: number;
  message: string;
}
interface FileResult {
  filePath: string;
  messages: Message[];
}

export type Verdict = "our bug" | "their bug" | "by design";
interface Classification {
  class: Verdict;
  why: string;
}

interface Disagreement {
  corpus: string;
  file: string;
  line: number;
  rule: string;
  only: "nursery" | "typescript-eslint";
  message: string;
  source: string;
  planted?: string;
  key: string;
  classification?: Classification;
}

function runEslint(corpus: Corpus, reuse: boolean): FileResult[] {
  const outputFile = path.join(outDir, `${corpus.name}.eslint.json`);
  if (!reuse || !fs.existsSync(outputFile)) {
    fs.mkdirSync(outDir, { recursive: true });
    const m = measure([path.join(repo, "node_modules/eslint/bin/eslint.js"), "-c", writeEslintConfig(corpus), "-f", "json", "-o", outputFile, path.relative(corpus.root, corpus.srcDir)], corpus.root);
    if (m.exitCode > 1) throw new Error(`eslint failed on ${corpus.name}: ${m.stderr.slice(0, 500)}`);
    console.log(`${corpus.name}: typescript-eslint ${m.wall.toFixed(1)} s`);
  }
  return JSON.parse(fs.readFileSync(outputFile, "utf8")) as FileResult[];
}

function runNursery(corpus: Corpus, reuse: boolean): FileResult[] {
  const outputFile = path.join(outDir, `${corpus.name}.nursery2.out`);
  if (!reuse || !fs.existsSync(outputFile)) {
    fs.mkdirSync(outDir, { recursive: true });
    const schema = JSON.parse(fs.readFileSync(path.join(repo, "schemas", "nursery.schema.json"), "utf8")) as { properties: { rules: { properties: Record<string, unknown> } } };
    const flags = Object.keys(schema.properties.rules.properties).flatMap((id) => ["--rule", `${id}=${RULES.some(([ours]) => ours === id) ? "error" : "off"}`]);
    const m = measure([path.join(repo, "dist/cli.js"), "-p", corpus.tsconfig, "-f", "json", ...flags], corpus.root);
    if (m.exitCode > 1) throw new Error(`nursery-lint failed on ${corpus.name}: ${m.stderr.slice(0, 500)}`);
    fs.writeFileSync(outputFile, m.stdout);
    console.log(`${corpus.name}: nursery-lint ${m.wall.toFixed(1)} s`);
  }
  return JSON.parse(fs.readFileSync(outputFile, "utf8")) as FileResult[];
}

function index(results: FileResult[], root: string, ruleId: string): Map<string, Message> {
  const map = new Map<string, Message>();
  for (const file of results) {
    for (const message of file.messages) {
      if (message.ruleId !== ruleId) continue;
      const key = `${path.relative(root, path.resolve(root, file.filePath))}:${message.line}`;
      if (!map.has(key)) map.set(key, message);
    }
  }
  return map;
}

function loadClasses(): Record<string, Classification> {
  try {
    return JSON.parse(fs.readFileSync(classesFile, "utf8")) as Record<string, Classification>;
  } catch {
    return {};
  }
}

function compare(corpus: Corpus, reuse: boolean): { disagreements: Disagreement[]; agreed: Record<string, number>; counts: Record<string, [number, number]> } {
  const theirs = runEslint(corpus, reuse);
  const ours = runNursery(corpus, reuse);
  const classes = loadClasses();
  const planted = new Map<string, string>();
  if (corpus.name === "generated") {
    const manifest = JSON.parse(fs.readFileSync(path.join(corpus.root, "manifest.json"), "utf8")) as { planted: { file: string; line: number; kind: string }[] };
    for (const p of manifest.planted) planted.set(`${p.file}:${p.line}`, p.kind);
  }
  const lines = new Map<string, string[]>();
  const sourceLine = (file: string, line: number) => {
    let text = lines.get(file);
    if (!text) lines.set(file, (text = fs.readFileSync(path.join(corpus.root, file), "utf8").split("\n")));
    return (text[line - 1] ?? "").trim();
  };
  const disagreements: Disagreement[] = [];
  const agreed: Record<string, number> = {};
  const counts: Record<string, [number, number]> = {};
  for (const [ourRule, theirRule] of RULES) {
    const a = index(ours, corpus.root, ourRule);
    const b = index(theirs, corpus.root, theirRule);
    counts[ourRule] = [a.size, b.size];
    agreed[ourRule] = [...a.keys()].filter((k) => b.has(k)).length;
    const add = (key: string, only: Disagreement["only"], message: Message) => {
      const [file, line] = [key.slice(0, key.lastIndexOf(":")), Number(key.slice(key.lastIndexOf(":") + 1))];
      const id = `${corpus.name}:${key}:${ourRule}:${only}`;
      disagreements.push({ corpus: corpus.name, file, line, rule: ourRule, only, message: message.message, source: sourceLine(file, line), planted: planted.get(key), key: id, classification: classes[id] });
    };
    for (const [key, message] of a) if (!b.has(key)) add(key, "nursery", message);
    for (const [key, message] of b) if (!a.has(key)) add(key, "typescript-eslint", message);
  }
  return { disagreements: disagreements.sort((x, y) => x.key.localeCompare(y.key)), agreed, counts };
}

function render(results: { corpus: Corpus; disagreements: Disagreement[]; agreed: Record<string, number>; counts: Record<string, [number, number]> }[]): string {
  const out: string[] = [
    `# Agreement with typescript-eslint`,
    ``,
    `Generated by \`npm run bench:agreement\` (bench/agreement.ts) on ${new Date().toISOString().slice(0, 10)}; classifications come from`,
    `\`bench/agreement-classes.json\`, written after reading each case. ${toolVersions().markdown}`,
    ``,
    `Compared: nursery \`floating-promise\` ↔ \`@typescript-eslint/no-floating-promises\`, nursery \`misused-promise\` ↔`,
    `\`@typescript-eslint/no-misused-promises\` (both with default options; nursery with every other rule off), by file and line.`,
    ``,
    `| corpus | rule | nursery findings | typescript-eslint findings | same line | only nursery | only typescript-eslint |`,
    `|---|---|---:|---:|---:|---:|---:|`,
  ];
  for (const r of results) {
    for (const [ours] of RULES) {
      const [a, b] = r.counts[ours]!;
      const onlyOurs = r.disagreements.filter((d) => d.rule === ours && d.only === "nursery").length;
      const onlyTheirs = r.disagreements.filter((d) => d.rule === ours && d.only === "typescript-eslint").length;
      out.push(`| ${r.corpus.name} | ${ours} | ${a} | ${b} | ${r.agreed[ours]} | ${onlyOurs} | ${onlyTheirs} |`);
    }
  }
  const all = results.flatMap((r) => r.disagreements);
  const byClass = new Map<string, number>();
  for (const d of all) byClass.set(d.classification?.class ?? "unclassified", (byClass.get(d.classification?.class ?? "unclassified") ?? 0) + 1);
  out.push(``, `**Classification of the ${all.length} disagreements:** ${[...byClass].map(([k, v]) => `${k} ${v}`).join(", ") || "none"}.`, ``);
  out.push(`<!-- agreement:notes -->`, ``);
  for (const r of results) {
    out.push(`## ${r.corpus.name} (${r.corpus.description})`, ``);
    if (r.disagreements.length === 0) {
      out.push(`No disagreements.`, ``);
      continue;
    }
    out.push(`| where | rule | reported only by | code | planted | class | why |`, `|---|---|---|---|---|---|---|`);
    for (const d of r.disagreements) {
      const code = d.source.length > 90 ? `${d.source.slice(0, 87)}…` : d.source;
      out.push(
        `| \`${d.file}:${d.line}\` | ${d.rule} | ${d.only} | \`${code.replace(/\|/g, "\\|").replace(/`/g, "'")}\` | ${d.planted ?? ""} | ${d.classification?.class ?? "**unclassified**"} | ${d.classification?.why ?? ""} |`,
      );
    }
    out.push(``);
  }
  return out.join("\n");
}

function main(): void {
  const reuse = process.argv.includes("--reuse");
  const wanted = process.env.BENCH_CORPORA?.split(",");
  const results = allCorpora()
    .filter((c) => !wanted || wanted.includes(c.name))
    .map((corpus) => ({ corpus, ...compare(corpus, reuse) }));
  const generated = render(results);
  // Keep the hand-written part of AGREEMENT.md (everything after the generated tables' notes marker is regenerated;
  // the analysis above `<!-- agreement:analysis -->`… is preserved when present).
  const target = path.join(__dirname, "AGREEMENT.md");
  let analysis = "";
  if (fs.existsSync(target)) {
    const previous = fs.readFileSync(target, "utf8");
    const at = previous.indexOf("<!-- agreement:analysis -->");
    if (at >= 0) analysis = previous.slice(at);
  }
  fs.writeFileSync(target, `${generated}\n${analysis ? `\n${analysis}` : ""}`);
  for (const r of results) {
    console.log(`${r.corpus.name}: ${r.disagreements.length} disagreements, unclassified: ${r.disagreements.filter((d) => !d.classification).length}`);
  }
  const unclassified = results.flatMap((r) => r.disagreements).filter((d) => !d.classification);
  fs.rmSync(path.join(outDir, "unclassified.json"), { force: true });
  if (unclassified.length > 0) {
    fs.writeFileSync(path.join(outDir, "unclassified.json"), `${JSON.stringify(unclassified, null, 1)}\n`);
    console.log(`unclassified cases in ${path.relative(process.cwd(), path.join(outDir, "unclassified.json"))}`);
  }
}

if (require.main === module) main();

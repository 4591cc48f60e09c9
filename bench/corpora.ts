// The two benchmark corpora, prepared on demand under bench/.corpus (gitignored, never committed):
//  - generated: bench/generate.ts's 1,500-module project (regenerated when the generator version changes);
//  - openai: the TypeScript sources (`src/`) that the `openai` npm package ships, at a pinned version, fetched with
//    `npm pack`, with the optional peer dependencies it imports types from installed next to it (zod, ws, undici).
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { generate, GENERATOR_VERSION } from "./generate";

export const corpusRoot = path.join(__dirname, ".corpus");
export const OPENAI_VERSION = "7.59.0";
/** Exact versions of the packages openai's sources import types from (its optional peer dependencies). */
const OPENAI_TYPE_DEPS = { zod: "3.25.76", ws: "8.23.0", "@types/ws": "8.18.2", undici: "7.30.2" };

export interface Corpus {
  name: string;
  root: string;
  tsconfig: string;
  /** The folder the linters are pointed at. */
  srcDir: string;
  files: number;
  /** The corpus's source files (no declarations), absolute. */
  fileList: string[];
  lines: number;
  /** A file nothing imports: the warm run changes it. */
  leafFile: string;
  description: string;
}

function countLines(files: string[]): number {
  return files.reduce((sum, file) => sum + fs.readFileSync(file, "utf8").split("\n").length, 0);
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(c|m)?ts$/.test(entry.name) && !/\.d\.(c|m)?ts$/.test(entry.name)) out.push(full);
    }
  };
  walk(dir);
  return out.sort();
}

export function generatedCorpus(): Corpus {
  const root = path.join(corpusRoot, "generated");
  let manifest: { generatorVersion?: number } = {};
  try {
    manifest = JSON.parse(fs.readFileSync(path.join(root, "manifest.json"), "utf8"));
  } catch {
    // not generated yet
  }
  if (manifest.generatorVersion !== GENERATOR_VERSION) generate(root);
  // A job entry point (nothing imports jobs): the middle one by name.
  const jobs = fs.readdirSync(path.join(root, "src", "jobs")).sort();
  const leafFile = path.join(root, "src", "jobs", jobs[Math.floor(jobs.length / 2)]!);
  const files = sourceFiles(path.join(root, "src"));
  return {
    name: "generated",
    root,
    tsconfig: path.join(root, "tsconfig.json"),
    srcDir: path.join(root, "src"),
    files: files.length,
    fileList: files,
    lines: countLines(files),
    leafFile,
    description: "bench/generate.ts, 1,500 modules (seeded)",
  };
}

/** Files that no other file of the corpus imports by a relative specifier; the warm run edits the first of them. */
function leafOf(files: string[]): string {
  const imported = new Set<string>();
  for (const file of files) {
    const text = fs.readFileSync(file, "utf8");
    for (const match of text.matchAll(/(?:from|import|require\()\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
      const base = path.resolve(path.dirname(file), match[1]!).replace(/\.(m|c)?js$/, "");
      for (const candidate of [base, `${base}.ts`, `${base}.cts`, `${base}.mts`, path.join(base, "index.ts")]) imported.add(candidate);
    }
  }
  const leaves = files.filter((file) => !imported.has(file) && !imported.has(file.replace(/\.(c|m)?ts$/, "")));
  // Prefer an ordinary resource module (what people edit), not a top-level entry point.
  return leaves.find((file) => file.includes(`${path.sep}resources${path.sep}`)) ?? leaves[0]!;
}

export function openaiCorpus(): Corpus {
  const root = path.join(corpusRoot, "openai");
  const stamp = path.join(root, ".prepared");
  if (!fs.existsSync(stamp) || fs.readFileSync(stamp, "utf8") !== OPENAI_VERSION) {
    fs.rmSync(root, { recursive: true, force: true });
    fs.mkdirSync(root, { recursive: true });
    const tarball = execFileSync("npm", ["pack", `openai@${OPENAI_VERSION}`, "--silent", "--pack-destination", root], { cwd: root, encoding: "utf8" }).trim().split("\n").pop()!;
    execFileSync("tar", ["xzf", tarball, "package/src", "package/package.json"], { cwd: root });
    fs.renameSync(path.join(root, "package", "src"), path.join(root, "src"));
    const upstream = JSON.parse(fs.readFileSync(path.join(root, "package", "package.json"), "utf8")) as { imports?: unknown };
    fs.rmSync(path.join(root, "package"), { recursive: true, force: true });
    fs.rmSync(path.join(root, tarball));
    // The package's own `imports` map resolves `#x509-transport-state` to a source file, as in the published package.
    const manifest = { name: "openai-src-corpus", private: true, type: "commonjs", imports: upstream.imports, dependencies: OPENAI_TYPE_DEPS };
    fs.writeFileSync(path.join(root, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
    execFileSync("npm", ["install", "--no-audit", "--no-fund", "--ignore-scripts", "--no-package-lock", "--silent"], { cwd: root, stdio: "inherit" });
    const tsconfig = {
      include: ["src/**/*.ts", "src/**/*.cts", "src/**/*.mts"],
      compilerOptions: {
        target: "ES2020",
        lib: ["DOM", "DOM.Iterable", "ES2022"],
        module: "Node16",
        moduleResolution: "Node16",
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        types: ["node"],
        typeRoots: [path.join(__dirname, "..", "node_modules", "@types")],
      },
    };
    fs.writeFileSync(path.join(root, "tsconfig.json"), `${JSON.stringify(tsconfig, null, 2)}\n`);
    fs.writeFileSync(stamp, OPENAI_VERSION);
  }
  const files = sourceFiles(path.join(root, "src"));
  return {
    name: "openai",
    root,
    tsconfig: path.join(root, "tsconfig.json"),
    srcDir: path.join(root, "src"),
    files: files.length,
    fileList: files,
    lines: countLines(files),
    leafFile: leafOf(files),
    description: `openai@${OPENAI_VERSION} src/ (npm pack)`,
  };
}

export function allCorpora(): Corpus[] {
  return [generatedCorpus(), openaiCorpus()];
}

/** Flat ESLint config with typed linting and only the two promise rules; written next to the corpus. */
export function writeEslintConfig(corpus: Corpus): string {
  const file = path.join(corpus.root, "eslint.config.mjs");
  fs.writeFileSync(
    file,
    `import tseslint from "typescript-eslint";

export default [
  {
    files: ["**/*.ts", "**/*.cts", "**/*.mts"],
    ignores: ["**/*.d.ts", "**/*.d.cts", "**/*.d.mts"],
    languageOptions: { parser: tseslint.parser, parserOptions: { projectService: true, tsconfigRootDir: ${JSON.stringify(corpus.root)} } },
    linterOptions: { reportUnusedDisableDirectives: "off" },
    plugins: { "@typescript-eslint": tseslint.plugin },
    rules: { "@typescript-eslint/no-floating-promises": "error", "@typescript-eslint/no-misused-promises": "error" },
  },
];
`,
  );
  return file;
}

export function writeOxlintConfig(corpus: Corpus): string {
  const file = path.join(corpus.root, ".oxlintrc.json");
  const config = {
    categories: { correctness: "off" },
    rules: { "typescript/no-floating-promises": "error", "typescript/no-misused-promises": "error" },
  };
  fs.writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`);
  return file;
}

if (require.main === module) {
  for (const corpus of allCorpora()) console.log(`${corpus.name}: ${corpus.files} files, ${corpus.lines} lines, leaf ${path.relative(corpus.root, corpus.leafFile)}`);
}

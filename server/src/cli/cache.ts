import { createHash } from "node:crypto";
import { ts } from "../typescript";
import * as fs from "node:fs";
import * as path from "node:path";
import type { LintResult } from "./results";

/**
 * `--cache`: a file's result is reused while its text, its configuration and the text of every project file it
 * depends on (its imports, transitively, and the project's global declaration files) are unchanged. Packages in
 * node_modules are covered through the lock file's hash in the cache key, as they only change with an install.
 */
interface CacheEntry {
  /** Hash of the file's text, its config and its project's compiler options. */
  key: string;
  /** Project files the result depends on, as indices into the cache file's `files`: a path and its hash at the time. */
  deps: number[];
  result: Omit<LintResult, "filePath">;
}

interface CacheFile {
  key: string;
  /**
   * Each (file, content hash) pair some entry depends on, once: most entries share most of their dependencies, and
   * writing them out per entry made the cache 9 MB for 1,500 files (reading it was a tenth of a warm run).
   */
  files: [fileName: string, hash: string][];
  entries: Record<string, CacheEntry>;
  /**
   * What each file looked like on disk when it was hashed: size, mtime and the time of that look. With the `metadata`
   * strategy an unchanged size and mtime stand for the hash, as git's index does, unless the file was modified within
   * two seconds of the look (then a later same-tick write could hide behind the same mtime: "racily clean").
   */
  stats?: Record<string, FileStat>;
}

type FileStat = [size: number, mtimeMs: number, seenAt: number, hash: string];

/** `metadata`: size and mtime first, the content hash when they changed (the default); `content`: always hash. */
export type CacheStrategy = "metadata" | "content";

const racyWindowMs = 2000;

export function hashText(text: string | Buffer): string {
  return createHash("sha1").update(text).digest("hex");
}

export class LintCache {
  private readonly hashes = new Map<string, string | null>();
  /** Whether each row of `data.files` still holds (memoised: entries share rows). */
  private readonly fresh = new Map<number, boolean>();
  /** Rows for entries stored this run, appended to `data.files` (interned by file and hash). */
  private readonly rows = new Map<string, number>();
  private dirty = false;

  /** Stats of the files hashed this run, written with the cache. */
  private readonly seen = new Map<string, FileStat>();

  private constructor(
    private readonly location: string,
    private readonly data: CacheFile,
    private readonly strategy: CacheStrategy,
  ) {}

  /** Loads the cache at `location`; a missing, corrupt, older-format or differently-keyed cache starts empty. */
  static load(location: string, globalKey: string, strategy: CacheStrategy = "metadata"): LintCache {
    let data: CacheFile = { key: globalKey, files: [], entries: {} };
    try {
      const parsed = JSON.parse(fs.readFileSync(location, "utf8")) as CacheFile;
      if (parsed.key === globalKey && Array.isArray(parsed.files) && typeof parsed.entries === "object") data = parsed;
    } catch {
      // No cache yet, or an unreadable one: lint everything and write a fresh one.
    }
    return new LintCache(location, data, strategy);
  }

  /** Content hash of a file on disk (memoised for the run); null when it is gone. */
  fileHash(fileName: string): string | null {
    let hash = this.hashes.get(fileName);
    if (hash === undefined) {
      hash = this.readHash(fileName);
      this.hashes.set(fileName, hash);
    }
    return hash;
  }

  private readHash(fileName: string): string | null {
    try {
      // Stat before reading: a write after the stat leaves a newer mtime, so the next run hashes again.
      const stat = fs.statSync(fileName);
      const known = this.data.stats?.[fileName];
      if (
        this.strategy === "metadata" &&
        Array.isArray(known) &&
        known[0] === stat.size &&
        known[1] === stat.mtimeMs &&
        stat.mtimeMs < known[2] - racyWindowMs &&
        typeof known[3] === "string"
      ) {
        this.seen.set(fileName, known);
        return known[3];
      }
      const hash = hashText(fs.readFileSync(fileName));
      this.seen.set(fileName, [stat.size, stat.mtimeMs, Date.now(), hash]);
      return hash;
    } catch {
      return null;
    }
  }

  entryKey(fileName: string, configKey: string): string | null {
    const hash = this.fileHash(fileName);
    return hash === null ? null : hashText(`${hash}\0${configKey}`);
  }

  private isFresh(row: number): boolean {
    let fresh = this.fresh.get(row);
    if (fresh === undefined) {
      const file = this.data.files[row];
      fresh = file !== undefined && this.fileHash(file[0]) === file[1];
      this.fresh.set(row, fresh);
    }
    return fresh;
  }

  lookup(fileName: string, configKey: string): LintResult | undefined {
    const entry = this.data.entries[fileName];
    if (!entry || entry.key !== this.entryKey(fileName, configKey) || !Array.isArray(entry.deps)) return undefined;
    for (const row of entry.deps) if (!this.isFresh(row)) return undefined;
    return { filePath: fileName, ...entry.result };
  }

  store(fileName: string, configKey: string, result: LintResult, deps: readonly string[]): void {
    const key = this.entryKey(fileName, configKey);
    if (key === null) return;
    const { filePath: _filePath, output: _output, ...rest } = result;
    const rows: number[] = [];
    for (const dep of deps) {
      const hash = this.fileHash(dep);
      if (hash === null) continue;
      const id = `${dep}\0${hash}`;
      let row = this.rows.get(id);
      if (row === undefined) {
        row = this.data.files.push([dep, hash]) - 1;
        this.rows.set(id, row);
        this.fresh.set(row, true);
      }
      rows.push(row);
    }
    this.data.entries[fileName] = { key, deps: rows, result: rest };
    this.dirty = true;
  }

  /** Writes the cache (atomically), keeping only the rows some entry still refers to. */
  save(): void {
    if (!this.dirty) return;
    const files: CacheFile["files"] = [];
    const renumbered = new Map<number, number>();
    const entries: CacheFile["entries"] = {};
    for (const [fileName, entry] of Object.entries(this.data.entries)) {
      if (!Array.isArray(entry.deps) || entry.deps.some((row) => this.data.files[row] === undefined)) continue; // damaged: re-check next time
      const deps = entry.deps.map((row) => {
        let next = renumbered.get(row);
        if (next === undefined) renumbered.set(row, (next = files.push(this.data.files[row]!) - 1));
        return next;
      });
      entries[fileName] = { ...entry, deps };
    }
    fs.mkdirSync(path.dirname(path.resolve(this.location)), { recursive: true });
    const temporary = `${this.location}.${process.pid}.tmp`;
    const stats: Record<string, FileStat> = {};
    for (const fileName of [...new Set(files.map(([fileName]) => fileName)), ...Object.keys(entries)]) {
      const stat = this.seen.get(fileName) ?? this.data.stats?.[fileName];
      if (stat) stats[fileName] = stat;
    }
    fs.writeFileSync(temporary, JSON.stringify({ key: this.data.key, files, entries, stats } satisfies CacheFile));
    fs.renameSync(temporary, this.location);
  }
}

/** Module specifiers a file imports, exports from, `import()`s, `require()`s or references in `import("…")` types. */
function moduleSpecifiers(sourceFile: ts.SourceFile): ts.StringLiteralLike[] {
  const found: ts.StringLiteralLike[] = [];
  const visit = (node: ts.Node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteralLike(node.moduleSpecifier)) {
      found.push(node.moduleSpecifier);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && ts.isStringLiteralLike(node.moduleReference.expression)) {
      found.push(node.moduleReference.expression);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteralLike(node.argument.literal)) {
      found.push(node.argument.literal);
    } else if (
      ts.isCallExpression(node) &&
      (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === "require")) &&
      node.arguments[0] &&
      ts.isStringLiteralLike(node.arguments[0])
    ) {
      found.push(node.arguments[0]);
    }
    ts.forEachChild(node, visit);
  };
  // Top-level statements hold nearly all imports; the full walk runs only when the text has `import(` or `require(`.
  if (/\b(import|require)\s*\(/.test(sourceFile.text)) visit(sourceFile);
  else sourceFile.statements.forEach(visit);
  return found;
}

/**
 * The project files a file's analysis may depend on: its imports, transitively, and every global declaration file of
 * the program (ambient `.d.ts`, scripts). Library files and node_modules are left to the cache key.
 * One graph per program: each file's own imports are read and resolved once, however many files' closures pass
 * through it (a cold `--cache` run asks for every file's closure; re-reading them per closure cost as much as the
 * analysis itself).
 */
export class DependencyGraph {
  private readonly direct = new Map<ts.SourceFile, ts.SourceFile[]>();
  private globals: string[] | undefined;

  constructor(
    private readonly program: ts.Program,
    /** How the program resolved an import (the project's resolver and cache, so nothing is resolved twice). */
    private readonly resolveImport: (specifier: ts.StringLiteralLike, file: ts.SourceFile) => ts.ResolvedModuleFull | undefined,
  ) {}

  dependenciesOf(sourceFile: ts.SourceFile): string[] {
    const seen = new Set<string>([sourceFile.fileName]);
    const queue = [sourceFile];
    while (queue.length > 0) {
      for (const dependency of this.importsOf(queue.pop()!)) {
        if (seen.has(dependency.fileName)) continue;
        seen.add(dependency.fileName);
        queue.push(dependency);
      }
    }
    for (const fileName of this.globalFiles()) seen.add(fileName);
    seen.delete(sourceFile.fileName);
    return [...seen].sort();
  }

  private isProjectFile(file: ts.SourceFile): boolean {
    return !this.program.isSourceFileDefaultLibrary(file) && !this.program.isSourceFileFromExternalLibrary(file) && !file.fileName.includes("/node_modules/");
  }

  /** The project files `file` imports or references directly. */
  private importsOf(file: ts.SourceFile): ts.SourceFile[] {
    let imports = this.direct.get(file);
    if (imports) return imports;
    const next: string[] = file.referencedFiles.map((ref) => path.resolve(path.dirname(file.fileName), ref.fileName));
    for (const specifier of moduleSpecifiers(file)) {
      const resolved = this.resolveImport(specifier, file);
      if (resolved && !resolved.isExternalLibraryImport) next.push(resolved.resolvedFileName);
    }
    imports = [];
    for (const fileName of next) {
      const dependency = this.program.getSourceFile(fileName);
      if (dependency && this.isProjectFile(dependency)) imports.push(dependency);
    }
    this.direct.set(file, imports);
    return imports;
  }

  private globalFiles(): string[] {
    return (this.globals ??= this.program
      .getSourceFiles()
      .filter((file) => this.isProjectFile(file) && !ts.isExternalModule(file))
      .map((file) => file.fileName));
  }
}

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
  /** Project files the result depends on, with their content hashes at the time. */
  deps: Record<string, string>;
  result: Omit<LintResult, "filePath">;
}

interface CacheFile {
  key: string;
  entries: Record<string, CacheEntry>;
}

export function hashText(text: string | Buffer): string {
  return createHash("sha1").update(text).digest("hex");
}

export class LintCache {
  private readonly hashes = new Map<string, string | null>();
  private dirty = false;

  private constructor(
    private readonly location: string,
    private readonly data: CacheFile,
  ) {}

  /** Loads the cache at `location`; a missing, corrupt or differently-keyed cache starts empty. */
  static load(location: string, globalKey: string): LintCache {
    let data: CacheFile = { key: globalKey, entries: {} };
    try {
      const parsed = JSON.parse(fs.readFileSync(location, "utf8")) as CacheFile;
      if (parsed.key === globalKey && typeof parsed.entries === "object") data = parsed;
    } catch {
      // No cache yet, or an unreadable one: lint everything and write a fresh one.
    }
    return new LintCache(location, data);
  }

  /** Content hash of a file on disk (memoised for the run); null when it is gone. */
  fileHash(fileName: string): string | null {
    let hash = this.hashes.get(fileName);
    if (hash === undefined) {
      try {
        hash = hashText(fs.readFileSync(fileName));
      } catch {
        hash = null;
      }
      this.hashes.set(fileName, hash);
    }
    return hash;
  }

  entryKey(fileName: string, configKey: string): string | null {
    const hash = this.fileHash(fileName);
    return hash === null ? null : hashText(`${hash}\0${configKey}`);
  }

  lookup(fileName: string, configKey: string): LintResult | undefined {
    const entry = this.data.entries[fileName];
    if (!entry || entry.key !== this.entryKey(fileName, configKey)) return undefined;
    for (const [dep, hash] of Object.entries(entry.deps)) if (this.fileHash(dep) !== hash) return undefined;
    return { filePath: fileName, ...entry.result };
  }

  store(fileName: string, configKey: string, result: LintResult, deps: readonly string[]): void {
    const key = this.entryKey(fileName, configKey);
    if (key === null) return;
    const { filePath: _filePath, output: _output, ...rest } = result;
    const depHashes: Record<string, string> = {};
    for (const dep of deps) {
      const hash = this.fileHash(dep);
      if (hash !== null) depHashes[dep] = hash;
    }
    this.data.entries[fileName] = { key, deps: depHashes, result: rest };
    this.dirty = true;
  }

  save(): void {
    if (!this.dirty) return;
    fs.mkdirSync(path.dirname(path.resolve(this.location)), { recursive: true });
    const temporary = `${this.location}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, JSON.stringify(this.data));
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
  private readonly resolutionCache: ts.ModuleResolutionCache;

  constructor(private readonly program: ts.Program) {
    this.resolutionCache = ts.createModuleResolutionCache(program.getCurrentDirectory(), (fileName) => fileName, program.getCompilerOptions());
  }

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
    const options = this.program.getCompilerOptions();
    const next: string[] = file.referencedFiles.map((ref) => path.resolve(path.dirname(file.fileName), ref.fileName));
    for (const specifier of moduleSpecifiers(file)) {
      const mode = ts.getModeForUsageLocation(file, specifier, options);
      const resolved = ts.resolveModuleName(specifier.text, file.fileName, options, ts.sys, this.resolutionCache, undefined, mode);
      if (resolved.resolvedModule && !resolved.resolvedModule.isExternalLibraryImport) next.push(resolved.resolvedModule.resolvedFileName);
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

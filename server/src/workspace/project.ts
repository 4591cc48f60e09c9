import { getLibFiles } from "@ts-morph/common";
import { ts } from "../typescript";
import { changedSpan } from "../analysis/incremental";
import * as fs from "node:fs";
import * as path from "node:path";

/** A tsconfig that cannot be used: missing, unreadable or invalid. The message names the file and the problem. */
export class ProjectConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ProjectConfigError";
  }
}

/** Options for files that belong to no tsconfig: what a fresh `tsc --init` project with bundler resolution would use. */
export const looseFileOptions: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ["lib.es2023.d.ts", "lib.dom.d.ts"],
  strict: true,
  allowJs: true,
  skipLibCheck: true,
  noEmit: true,
  jsx: ts.JsxEmit.Preserve,
  types: ["*"],
};

const lintableExtensions = new Set([".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"]);

export function isLintableFile(fileName: string): boolean {
  if (/\.d\.[cm]?ts$/.test(fileName)) return false;
  if (fileName.split(/[\\/]/).includes("node_modules")) return false;
  return lintableExtensions.has(path.extname(fileName).toLowerCase());
}

function formatDiagnostic(diagnostic: ts.Diagnostic): string {
  const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, " ");
  if (diagnostic.file && diagnostic.start !== undefined) {
    const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    return `${diagnostic.file.fileName}:${line + 1}:${character + 1}: ${text}`;
  }
  return text;
}

/** Reads a tsconfig (following `extends`) without reading the files it includes. */
/** What a jsconfig.json implies before its own options, as tsserver sets it up for JavaScript projects. */
const jsconfigDefaults: ts.CompilerOptions = { allowJs: true, maxNodeModuleJsDepth: 2, allowSyntheticDefaultImports: true, skipLibCheck: true, noEmit: true };

function parseTsconfig(configFile: string, displayName: string): ts.ParsedCommandLine {
  let unrecoverable: ts.Diagnostic | undefined;
  const existing = path.basename(configFile) === "jsconfig.json" ? jsconfigDefaults : {};
  const parsed = ts.getParsedCommandLineOfConfigFile(configFile, existing, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      unrecoverable = diagnostic;
    },
  });
  const errors = [...(unrecoverable ? [unrecoverable] : []), ...(parsed?.errors ?? [])].filter(
    // "No inputs were found" only means the project is empty; everything else makes the config unusable.
    (d) => d.category === ts.DiagnosticCategory.Error && d.code !== 18003,
  );
  if (!parsed || errors.length > 0) {
    throw new ProjectConfigError(`Invalid tsconfig "${displayName}": ${errors.map(formatDiagnostic).join("; ") || "cannot be read"}`);
  }
  return parsed;
}

/** Files whose declarations are global (ambient `.d.ts`, scripts without import/export): every file may depend on them. */
function isGlobalDeclarationFile(fileName: string): boolean {
  if (/\.d\.[cm]?ts$/.test(fileName)) return true;
  try {
    return !/^\s*(import|export)\b/m.test(fs.readFileSync(fileName, "utf8"));
  } catch {
    return false;
  }
}

/**
 * One TypeScript project (a tsconfig, or the loose files of a folder). Its file list comes from the tsconfig alone;
 * the ts-morph Project (which parses files) is created on first use, with every file or only the files a run needs
 * (`restrictTo`, for a warm cached run). The Project stays alive, so after an edit the program is re-created from the
 * previous one and unchanged files are reused. Open documents are overlays: their text comes from the editor.
 */
/**
 * The default library (lib.*.d.ts) comes from the copy embedded in ts-morph's TypeScript, served from a virtual folder:
 * the bundles run without node_modules, so there is no lib folder on disk to read.
 */
const libraryDir = path.resolve("/", "__nursery__", "typescript", "lib");
let libraryTexts: Map<string, string> | undefined;
function libraryText(absolute: string): string | undefined {
  if (!absolute.startsWith(libraryDir)) return undefined;
  libraryTexts ??= new Map(getLibFiles().map((file) => [path.join(libraryDir, file.fileName), file.text]));
  return libraryTexts.get(absolute);
}

/**
 * `path.resolve`, remembered: the compiler asks the host about every file of the program each time a program is
 * re-created after an edit, and resolving 1,500 paths each time was most of that (12 of 17 ms per edit).
 */
const absolutePaths = new Map<string, string>();
function absolutePath(fileName: string): string {
  let absolute = absolutePaths.get(fileName);
  if (absolute === undefined) {
    absolute = path.resolve(fileName);
    absolutePaths.set(fileName, absolute);
  }
  return absolute;
}

/**
 * The edited text of a file parsed before: TypeScript's incremental parser re-uses the nodes outside the changed span,
 * as tsserver does on every keystroke (a large file re-parsed in full was most of an edit's program update). The old
 * SourceFile must not be used afterwards; the program it belonged to is replaced by the one this is for.
 */
function reparse(known: ts.SourceFile, text: string, options: ts.ScriptTarget | ts.CreateSourceFileOptions): ts.SourceFile {
  const impliedNodeFormat = typeof options === "object" ? options.impliedNodeFormat : undefined;
  if (impliedNodeFormat !== known.impliedNodeFormat) return ts.createSourceFile(known.fileName, text, options, true);
  const { start, oldEnd, newEnd } = changedSpan(known.text, text);
  const change = ts.createTextChangeRange(ts.createTextSpanFromBounds(start, oldEnd), newEnd - start);
  const updated = ts.updateSourceFile(known, text, change);
  updated.impliedNodeFormat = known.impliedNodeFormat;
  return updated;
}

/** Parsed default-library files, shared by every project: they never change while the process lives. */
const libraryFiles = new Map<string, ts.SourceFile>();

/**
 * One TypeScript project (a tsconfig, or the loose files of a folder). Its file list comes from the tsconfig alone; the
 * program is created on first use, with every file or only the files a run needs (`restrictTo`, for a warm cached run).
 * A compiler host of our own hands the compiler the same SourceFile object for every file whose text did not change,
 * so after an edit the next program is created from the previous one and re-parses only the edited file (this is what
 * a ts-morph Project did for us, at about twice the cost: measured 5.3 s against 3.0 s for 1,500 files).
 * Open documents are overlays: their text comes from the editor, not the disk.
 */
export class LintProject {
  private readonly overlays = new Map<string, string>();
  private readonly files: Set<string>;
  private readonly roots = new Set<string>();
  private readonly parsedFiles = new Map<string, ts.SourceFile>();
  private current: ts.Program | undefined;
  private stale = true;
  private restricted = false;
  private host: ts.CompilerHost | undefined;
  /**
   * Module resolutions and package.json lookups, kept across the programs of one project. A new program otherwise
   * starts with an empty cache and looks up every file's package.json scope again (for Node16 module resolution, with
   * `stat` calls up every folder): 12 of 17 ms of an edit's program update on openai's sources. Dropped whenever the set
   * of files changes (a document opened or closed, a file added); files created or deleted on disk reload the project.
   */
  private resolutionCache: ts.ModuleResolutionCache | undefined;

  private constructor(
    /** The tsconfig path, or undefined for loose files. */
    readonly configFile: string | undefined,
    readonly rootDir: string,
    private readonly parsed: ts.ParsedCommandLine | undefined,
    files: readonly string[],
  ) {
    this.files = new Set(files.map((f) => path.resolve(f)));
  }

  static fromTsconfig(configFile: string): LintProject {
    const absolute = path.resolve(configFile);
    if (!fs.existsSync(absolute)) throw new ProjectConfigError(`Cannot find tsconfig "${configFile}".`);
    const parsed = parseTsconfig(absolute, configFile);
    return new LintProject(absolute, path.dirname(absolute), parsed, parsed.fileNames);
  }

  /** A project for files that no tsconfig covers. */
  static loose(rootDir: string, fileNames: readonly string[] = []): LintProject {
    return new LintProject(undefined, path.resolve(rootDir), undefined, fileNames);
  }

  /** Before first use: parse only these files (and global declarations); their imports are followed as usual. */
  restrictTo(fileNames: readonly string[]): void {
    if (this.current) throw new Error("restrictTo must be called before the project is used");
    this.restricted = true;
    for (const fileName of [...fileNames.map((f) => path.resolve(f)), ...[...this.files].filter(isGlobalDeclarationFile)]) this.roots.add(fileName);
  }

  private compilerHost(): ts.CompilerHost {
    if (this.host) return this.host;
    const options = this.compilerOptions();
    const host = ts.createCompilerHost(options, true);
    const overlayOf = (fileName: string) => {
      const absolute = absolutePath(fileName);
      return this.overlays.get(absolute) ?? libraryText(absolute);
    };
    // JSDoc in TypeScript files carries no types, and no rule reads it: not building its nodes saves a sixth of parsing
    // (openai's sources are mostly doc comments). tsc itself skips most of it (`ParseForTypeErrors`).
    host.jsDocParsingMode = ts.JSDocParsingMode.ParseForTypeInfo;
    host.getDefaultLibLocation = () => libraryDir;
    host.getDefaultLibFileName = (compilerOptions) => path.join(libraryDir, ts.getDefaultLibFileName(compilerOptions));
    host.fileExists = (fileName) => overlayOf(fileName) !== undefined || ts.sys.fileExists(fileName);
    host.readFile = (fileName) => overlayOf(fileName) ?? ts.sys.readFile(fileName);
    host.getSourceFile = (fileName, languageVersionOrOptions, onError) => {
      const absolute = absolutePath(fileName);
      const isLibrary = absolute.startsWith(libraryDir + path.sep);
      const overlay = overlayOf(absolute);
      const known = isLibrary ? libraryFiles.get(absolute) : this.parsedFiles.get(absolute);
      if (known && (overlay === undefined || known.text === overlay)) return known;
      let text = overlay;
      if (text === undefined) {
        try {
          text = fs.readFileSync(absolute, "utf8");
        } catch (error) {
          onError?.((error as Error).message);
          return undefined;
        }
      }
      // Parent pointers are set at parse only where rules walk before there is a checker: the checker's binder sets
      // them in every file it binds, so a second walk over the library and declaration files would be wasted.
      const sourceFile = known && !isLibrary ? reparse(known, text, languageVersionOrOptions) : ts.createSourceFile(fileName, text, languageVersionOrOptions, isLintableFile(absolute));
      (isLibrary ? libraryFiles : this.parsedFiles).set(absolute, sourceFile);
      return sourceFile;
    };
    host.getModuleResolutionCache = () => (this.resolutionCache ??= ts.createModuleResolutionCache(host.getCurrentDirectory(), (fileName) => host.getCanonicalFileName(fileName), options));
    // Resolving ourselves is what makes the compiler use the cache above (without this hook it makes a fresh one).
    host.resolveModuleNameLiterals = (literals, containingFile, redirectedReference, compilerOptions, containingSourceFile) => {
      const cache = host.getModuleResolutionCache!();
      return literals.map((literal) =>
        ts.resolveModuleName(literal.text, containingFile, compilerOptions, host, cache, redirectedReference, ts.getModeForUsageLocation(containingSourceFile, literal, compilerOptions)),
      );
    };
    this.host = host;
    return host;
  }

  private changed(): void {
    this.stale = true;
  }

  /** Which files exist changed: a cached failed resolution may now succeed (an unsaved new file), or the reverse. */
  private filesChanged(): void {
    this.resolutionCache = undefined;
    this.changed();
  }

  /** The project's own source files that rules should look at (no declarations, nothing from node_modules). */
  lintableFiles(): string[] {
    return [...this.files].filter(isLintableFile).map((fileName) => path.normalize(fileName));
  }

  contains(fileName: string): boolean {
    return this.files.has(path.resolve(fileName));
  }

  /** Adds a file from disk (a loose file, or one created after the tsconfig was read). */
  addFile(fileName: string): void {
    const absolute = path.resolve(fileName);
    this.files.add(absolute);
    if (!this.roots.has(absolute)) {
      this.roots.add(absolute);
      this.filesChanged();
    }
  }

  /** Uses `text` for `fileName` instead of its content on disk (an open, possibly unsaved, document). */
  setOverlay(fileName: string, text: string): void {
    const absolute = path.resolve(fileName);
    if (this.overlays.get(absolute) === text && this.roots.has(absolute)) return;
    const opened = !this.overlays.has(absolute);
    this.overlays.set(absolute, text);
    this.roots.add(absolute);
    if (opened) this.filesChanged();
    else this.changed();
  }

  /** Returns to the disk content of a closed document; loose files and files gone from disk leave the project. */
  removeOverlay(fileName: string): void {
    const absolute = path.resolve(fileName);
    if (!this.overlays.delete(absolute)) return;
    this.parsedFiles.delete(absolute);
    if (this.configFile === undefined || !fs.existsSync(absolute)) {
      this.roots.delete(absolute);
      if (this.configFile === undefined) this.files.delete(absolute);
    }
    this.filesChanged();
  }

  /**
   * Where an import of `file` leads, answered as the program's own resolution did (same host, same cache: for the
   * files of the current program, a cache hit).
   */
  resolveImport(specifier: ts.StringLiteralLike, file: ts.SourceFile): ts.ResolvedModuleFull | undefined {
    return this.resolve(specifier.text, file, ts.getModeForUsageLocation(file, specifier, this.compilerOptions()));
  }

  /** Whether an import of `specifier` written in `file` would resolve: the runtime module a fix is about to import. */
  resolvesModule(specifier: string, file: ts.SourceFile): boolean {
    return this.resolve(specifier, file, file.impliedNodeFormat) !== undefined;
  }

  private resolve(specifier: string, file: ts.SourceFile, mode: ts.ResolutionMode): ts.ResolvedModuleFull | undefined {
    const host = this.compilerHost();
    return ts.resolveModuleName(specifier, file.fileName, this.compilerOptions(), host, host.getModuleResolutionCache!(), undefined, mode).resolvedModule;
  }

  program(): ts.Program {
    if (!this.current && !this.restricted) for (const fileName of this.files) this.roots.add(fileName);
    if (this.stale || !this.current) {
      // A file parsed before is known to exist (deletions reach us as watched-file events, which reload the project).
      const rootNames = [...this.roots].filter((fileName) => this.overlays.has(fileName) || this.parsedFiles.has(fileName) || fs.existsSync(fileName));
      this.current = ts.createProgram({
        rootNames,
        options: this.compilerOptions(),
        host: this.compilerHost(),
        oldProgram: this.current,
        projectReferences: this.parsed?.projectReferences,
      });
      this.stale = false;
    }
    return this.current;
  }

  sourceFile(fileName: string): ts.SourceFile | undefined {
    const absolute = path.resolve(fileName);
    if (!this.roots.has(absolute) && this.files.has(absolute) && this.current) {
      this.roots.add(absolute);
      this.changed();
    }
    return this.program().getSourceFile(absolute);
  }

  compilerOptions(): ts.CompilerOptions {
    return this.parsed?.options ?? looseFileOptions;
  }

  /** tsconfigs this one references (solution-style configs list their real projects here). */
  references(): string[] {
    return (this.parsed?.projectReferences ?? []).map((reference) => {
      const target = path.resolve(this.rootDir, reference.path);
      return target.endsWith(".json") ? target : path.join(target, "tsconfig.json");
    });
  }
}

/**
 * The project that owns `fileName`, starting from `configFile` and following project references depth-first, as
 * tsserver does for solution-style tsconfigs (e.g. Vite's tsconfig.json → tsconfig.app.json + tsconfig.node.json).
 * `load` returns undefined for a config it cannot use.
 */
export function findOwningProject(
  fileName: string,
  configFile: string,
  load: (configFile: string) => LintProject | undefined,
  visited = new Set<string>(),
): LintProject | undefined {
  const absolute = path.resolve(configFile);
  if (visited.has(absolute)) return undefined;
  visited.add(absolute);
  const project = load(absolute);
  if (!project) return undefined;
  if (project.contains(fileName)) return project;
  for (const reference of project.references()) {
    if (!fs.existsSync(reference)) continue;
    const owner = findOwningProject(fileName, reference, load, visited);
    if (owner) return owner;
  }
  return undefined;
}

/** The nearest tsconfig.json (or, for JavaScript projects, jsconfig.json) at or above `fileName`'s folder. */
export function findTsconfig(fileOrDir: string, stopAt?: string): string | undefined {
  let dir = fs.existsSync(fileOrDir) && fs.statSync(fileOrDir).isDirectory() ? fileOrDir : path.dirname(fileOrDir);
  dir = path.resolve(dir);
  for (;;) {
    for (const name of ["tsconfig.json", "jsconfig.json"]) {
      const candidate = path.join(dir, name);
      if (fs.existsSync(candidate)) return candidate;
    }
    const parent = path.dirname(dir);
    if (parent === dir || (stopAt && path.resolve(stopAt) === dir)) return undefined;
    dir = parent;
  }
}

import { Project, ts } from "ts-morph";
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

/**
 * One TypeScript project (a tsconfig, or the loose files of a folder), loaded with ts-morph. It keeps one
 * ts-morph Project alive, so an edited file re-creates the program from the old one (unchanged files are reused).
 * Open documents are overlays: their text comes from the editor, not the disk.
 */
export class LintProject {
  private readonly overlays = new Set<string>();

  private constructor(
    private readonly project: Project,
    /** The tsconfig path, or undefined for loose files. */
    readonly configFile: string | undefined,
    readonly rootDir: string,
  ) {}

  static fromTsconfig(configFile: string): LintProject {
    const absolute = path.resolve(configFile);
    if (!fs.existsSync(absolute)) throw new ProjectConfigError(`Cannot find tsconfig "${configFile}".`);
    let project: Project;
    try {
      project = new Project({ tsConfigFilePath: absolute });
    } catch (error) {
      throw new ProjectConfigError(`Invalid tsconfig "${configFile}": ${(error as Error).message}`);
    }
    const errors = project.getConfigFileParsingDiagnostics().filter((d) => d.getCategory() === ts.DiagnosticCategory.Error);
    // "No inputs were found" only means the project is empty; everything else makes the config unusable.
    const fatal = errors.filter((d) => d.getCode() !== 18003);
    if (fatal.length > 0) {
      const detail = fatal.map((d) => formatDiagnostic(d.compilerObject)).join("; ");
      throw new ProjectConfigError(`Invalid tsconfig "${configFile}": ${detail}`);
    }
    return new LintProject(project, absolute, path.dirname(absolute));
  }

  /** A project for files that no tsconfig covers. */
  static loose(rootDir: string, fileNames: readonly string[] = []): LintProject {
    const project = new Project({ compilerOptions: looseFileOptions, skipAddingFilesFromTsConfig: true });
    for (const fileName of fileNames) project.addSourceFileAtPath(path.resolve(fileName));
    return new LintProject(project, undefined, path.resolve(rootDir));
  }

  /** The project's own source files that rules should look at (no declarations, nothing from node_modules). */
  lintableFiles(): string[] {
    return this.project
      .getSourceFiles()
      .map((file) => file.getFilePath() as string)
      .filter(isLintableFile)
      .map((fileName) => path.normalize(fileName));
  }

  contains(fileName: string): boolean {
    return this.project.getSourceFile(path.resolve(fileName)) !== undefined;
  }

  /** Adds a file from disk to a loose project. */
  addFile(fileName: string): void {
    if (!this.contains(fileName)) this.project.addSourceFileAtPath(path.resolve(fileName));
  }

  /** Uses `text` for `fileName` instead of its content on disk (an open, possibly unsaved, document). */
  setOverlay(fileName: string, text: string): void {
    const absolute = path.resolve(fileName);
    const existing = this.project.getSourceFile(absolute);
    if (existing && existing.getFullText() === text) return;
    this.project.createSourceFile(absolute, text, { overwrite: true });
    this.overlays.add(absolute);
  }

  /** Returns to the disk content of a closed document; loose files and files gone from disk leave the project. */
  removeOverlay(fileName: string): void {
    const absolute = path.resolve(fileName);
    if (!this.overlays.delete(absolute)) return;
    const existing = this.project.getSourceFile(absolute);
    if (!existing) return;
    if (this.configFile !== undefined && fs.existsSync(absolute)) existing.refreshFromFileSystemSync();
    else this.project.removeSourceFile(existing);
  }

  program(): ts.Program {
    return this.project.getProgram().compilerObject;
  }

  sourceFile(fileName: string): ts.SourceFile | undefined {
    return this.program().getSourceFile(path.resolve(fileName));
  }

  compilerOptions(): ts.CompilerOptions {
    return this.project.getCompilerOptions();
  }

  /** Syntax errors of a file: a file that does not parse still gets analysed, but the user should know. */
  syntaxErrors(fileName: string): ts.DiagnosticWithLocation[] {
    const file = this.sourceFile(fileName);
    return file ? this.program().getSyntacticDiagnostics(file).slice() : [];
  }
}

/** The nearest tsconfig.json at or above `fileName`'s folder, or undefined. */
export function findTsconfig(fileOrDir: string, stopAt?: string): string | undefined {
  let dir = fs.existsSync(fileOrDir) && fs.statSync(fileOrDir).isDirectory() ? fileOrDir : path.dirname(fileOrDir);
  dir = path.resolve(dir);
  for (;;) {
    const candidate = path.join(dir, "tsconfig.json");
    if (fs.existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir || (stopAt && path.resolve(stopAt) === dir)) return undefined;
    dir = parent;
  }
}

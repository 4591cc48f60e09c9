import type { ts } from "../typescript";
import * as path from "node:path";
import { analyzeSourceFile, type AnalysisResult, type AnalyzeOptions } from "../analysis/analyze";
import { analysisUnits, isolatedEdit, outlineOf, type EditBasis } from "../analysis/incremental";
import type { TextSpan } from "../analysis/types";
import { findOwningProject, findTsconfig, isLintableFile, LintProject, ProjectConfigError } from "./project";

export interface FileAnalysis extends AnalysisResult {
  sourceFile: ts.SourceFile;
  project: LintProject;
  /** Only the edited declaration was analysed; the rest of the findings came from `previous`. */
  incremental: boolean;
  /** Where the outermost functions are, for the next edit's `PreviousAnalysis`. */
  outline: TextSpan[];
}

/** An earlier analysis of the same file, when nothing but the file's own text has changed since. */
export type PreviousAnalysis = EditBasis;

/**
 * The server's view of the user's code: which project each file belongs to, with open documents as overlays.
 * Protocol-free: file names and text in, findings out. Problems with a tsconfig are reported through `onProjectError`
 * and the files fall back to default options, so a broken config never stops analysis.
 */
export class Workspace {
  private readonly projects = new Map<string, LintProject>();
  private readonly brokenConfigs = new Map<string, string>();
  private readonly ownerOf = new Map<string, LintProject>();
  private looseProject: LintProject | undefined;

  constructor(private readonly onProjectError: (configFile: string, message: string) => void = () => {}) {}

  isLintable(fileName: string): boolean {
    return isLintableFile(fileName);
  }

  /** The project that checks `fileName`: the nearest tsconfig that includes it, else the loose-file project. */
  projectFor(fileName: string): LintProject {
    const absolute = path.resolve(fileName);
    const known = this.ownerOf.get(absolute);
    if (known) return known;
    const configFile = findTsconfig(absolute);
    let owner: LintProject | undefined;
    if (configFile) owner = findOwningProject(absolute, configFile, (file) => this.loadProject(file));
    if (!owner) {
      this.looseProject ??= LintProject.loose(path.dirname(absolute));
      owner = this.looseProject;
    }
    this.ownerOf.set(absolute, owner);
    return owner;
  }

  private loadProject(configFile: string): LintProject | undefined {
    const existing = this.projects.get(configFile);
    if (existing) return existing;
    if (this.brokenConfigs.has(configFile)) return undefined;
    try {
      const project = LintProject.fromTsconfig(configFile);
      this.projects.set(configFile, project);
      return project;
    } catch (error) {
      const message = error instanceof ProjectConfigError ? error.message : String(error);
      this.brokenConfigs.set(configFile, message);
      this.onProjectError(configFile, `${message} Files under it are checked with default options.`);
      return undefined;
    }
  }

  /** An open document: its text replaces the file on disk until `close`. */
  update(fileName: string, text: string): void {
    this.projectFor(fileName).setOverlay(fileName, text);
  }

  close(fileName: string): void {
    const absolute = path.resolve(fileName);
    this.ownerOf.get(absolute)?.removeOverlay(absolute);
    this.ownerOf.delete(absolute);
  }

  /** With `previous`, an edit inside one function body re-analyses only that function (see analysis/incremental.ts). */
  analyze(fileName: string, options: AnalyzeOptions = {}, previous?: PreviousAnalysis): FileAnalysis | undefined {
    const project = this.projectFor(fileName);
    const program = project.program();
    const sourceFile = program.getSourceFile(path.resolve(fileName));
    if (!sourceFile) return undefined;
    const edit = previous && isolatedEdit(previous, sourceFile);
    const reuse = edit && { root: edit.root, findings: edit.findings };
    return { ...analyzeSourceFile(program, sourceFile, { ...options, reuse }), sourceFile, project, incremental: Boolean(reuse), outline: outlineOf(sourceFile) };
  }

  /**
   * Analyses the file's parts one at a time, for the checker's answers only (the findings are dropped): the caller
   * yields between steps, and the full analysis that follows finds most answers made. Steps stop when a part throws.
   */
  *warmUp(fileName: string, options: AnalyzeOptions = {}): Generator<void> {
    const program = this.projectFor(fileName).program();
    const sourceFile = program.getSourceFile(path.resolve(fileName));
    if (!sourceFile) return;
    for (const root of analysisUnits(sourceFile)) {
      try {
        analyzeSourceFile(program, sourceFile, { ...options, reuse: { root, findings: [] } });
      } catch {
        return;
      }
      yield;
    }
  }

  /** Projects loaded so far (for workspace diagnostics and status). */
  loadedProjects(): LintProject[] {
    return [...new Set([...this.projects.values(), ...(this.looseProject ? [this.looseProject] : [])])];
  }

  /** Whether `fileName`'s project has been created already (so analysing it will not load a project from disk). */
  isLoaded(fileName: string): boolean {
    return this.ownerOf.has(path.resolve(fileName));
  }

  /** Forget every project (a tsconfig changed); open documents must be `update`d again. */
  reset(): void {
    this.projects.clear();
    this.brokenConfigs.clear();
    this.ownerOf.clear();
    this.looseProject = undefined;
  }
}

import { ts } from "../typescript";
import * as fs from "node:fs";
import * as path from "node:path";
import { analyzeSourceFile } from "../analysis/analyze";
import type { Finding, FixId, RuleFailure } from "../analysis/types";
import type { NurseryConfig } from "../config/config";
import { applyEdits, automaticFixEdits, fixesFor, type Fix, type TextEdit } from "../fixes";
import type { LintProject } from "../workspace/project";
import type { LintTarget } from "./targets";

/** Which fixes `--fix` may apply: safe only by default; unsafe on request, but never the nursery rewrite. */
export type FixLevel = "none" | "safe" | "unsafe";

/** Fixes that change code structure so much that only a person applies them, one at a time. */
const manualOnlyFixes: ReadonlySet<FixId> = new Set(["run-in-nursery" as FixId]);

export function isAutoApplicable(fix: Fix, level: FixLevel): boolean {
  if (level === "none" || manualOnlyFixes.has(fix.id)) return false;
  return fix.safety === "safe" || level === "unsafe";
}

export interface FileReport {
  fileName: string;
  program: ts.Program;
  sourceFile: ts.SourceFile;
  /** Set when the file does not parse: no rule ran (ESLint's fatal parsing error). */
  parseError?: { message: string; start: number };
  findings: Finding[];
  suppressed: Finding[];
  failures: RuleFailure[];
  /** The fixed text, when fixes changed it. */
  output?: string;
  fixLevel: FixLevel;
}

export interface EngineOptions {
  fixLevel: FixLevel;
  configFor(fileName: string): NurseryConfig;
  /** Accumulates per-rule time when set (TIMING=1). */
  timings?: Map<string, number>;
  /** Called after each file, for progress output. */
  onFile?(done: number, total: number): void;
}

/** Fix passes per file: fixes can enable other fixes, but a loop must end. ESLint uses 10 as well. */
const maxFixPasses = 10;

function firstSyntaxError(program: ts.Program, sourceFile: ts.SourceFile) {
  const diagnostic = program.getSyntacticDiagnostics(sourceFile)[0];
  if (!diagnostic) return undefined;
  return { message: `Parsing error: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, " ")}`, start: diagnostic.start ?? 0 };
}

/** Non-overlapping edits of the first auto-applicable fix of each finding. */
function collectFixEdits(project: LintProject, sourceFile: ts.SourceFile, findings: readonly Finding[], config: NurseryConfig, level: FixLevel): TextEdit[] {
  const context = { runtimeModule: config.runtimeModule, compilerOptions: {} };
  return automaticFixEdits(sourceFile, findings, (fix) => isAutoApplicable(fix, level), context, () => project.resolvesModule(config.runtimeModule, sourceFile));
}

function lintFile(project: LintProject, fileName: string, options: EngineOptions): FileReport {
  const config = options.configFor(fileName);
  const original = project.sourceFile(fileName);
  if (!original) throw new Error(`cannot read "${fileName}"`);
  let sourceFile = original;
  for (let pass = 0; ; pass++) {
    const program = project.program();
    sourceFile = program.getSourceFile(path.resolve(fileName))!;
    const parseError = firstSyntaxError(program, sourceFile);
    if (parseError) {
      return { fileName, program, sourceFile, parseError, findings: [], suppressed: [], failures: [], fixLevel: options.fixLevel, ...changedOutput(original, sourceFile) };
    }
    const result = analyzeSourceFile(program, sourceFile, { config, timings: options.timings });
    const edits = pass < maxFixPasses && options.fixLevel !== "none" ? collectFixEdits(project, sourceFile, result.findings, config, options.fixLevel) : [];
    if (edits.length === 0) {
      return { fileName, program, sourceFile, ...result, fixLevel: options.fixLevel, ...changedOutput(original, sourceFile) };
    }
    project.setOverlay(fileName, applyEdits(sourceFile.text, edits));
  }
}

function changedOutput(original: ts.SourceFile, final: ts.SourceFile): { output?: string } {
  return final.text === original.text ? {} : { output: final.text };
}

export function lintTargets(targets: readonly LintTarget[], options: EngineOptions): FileReport[] {
  const total = targets.reduce((sum, target) => sum + target.files.length, 0);
  const reports: FileReport[] = [];
  for (const { project, files } of targets) {
    for (const fileName of files) {
      reports.push(lintFile(project, fileName, options));
      options.onFile?.(reports.length, total);
    }
  }
  return reports;
}

/** Writes a fixed file through a temporary file and a rename, so a crash never leaves half a file. */
export function writeFileAtomically(fileName: string, text: string): void {
  const temporary = path.join(path.dirname(fileName), `.${path.basename(fileName)}.nursery-${process.pid}.tmp`);
  const mode = fs.statSync(fileName).mode;
  fs.writeFileSync(temporary, text, { mode });
  fs.renameSync(temporary, fileName);
}

/** How many of a report's findings `--fix` at `level` could fix (ESLint's fixable counts). */
export function isFixable(finding: Finding, level: FixLevel): boolean {
  return fixesFor(finding).some((fix) => isAutoApplicable(fix, level === "none" ? "safe" : level));
}

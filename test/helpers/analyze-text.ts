import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { analyzeSourceFile, type AnalysisResult } from "../../server/src/analysis/analyze";
import type { AnalysisConfig } from "../../server/src/analysis/types";
import { LintProject } from "../../server/src/workspace/project";
import type { ts } from "ts-morph";

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "nursery-text-"));
let counter = 0;
let project: LintProject | undefined;
process.on("exit", () => fs.rmSync(scratch, { recursive: true, force: true }));

/** Analyses `text` as a loose module file (default options), for tests that build code inline. */
export function analyzeText(
  text: string,
  config?: AnalysisConfig,
): AnalysisResult & { sourceFile: ts.SourceFile; lineOf(offset: number): number } {
  const fileName = path.join(scratch, `case-${counter++}.ts`);
  fs.writeFileSync(fileName, text);
  // One project for every case: the lib files are parsed once, each case is one more file.
  project ??= LintProject.loose(scratch);
  project.addFile(fileName);
  const sourceFile = project.sourceFile(fileName)!;
  const result = analyzeSourceFile(project.program(), sourceFile, { config });
  return { ...result, sourceFile, lineOf: (offset) => sourceFile.getLineAndCharacterOfPosition(offset).line + 1 };
}

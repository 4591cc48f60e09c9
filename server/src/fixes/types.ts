import type { ts } from "../typescript";
import type { Finding, FixId, TextSpan } from "../analysis/types";

/** Replace `[start, end)` of the file text with `newText`. Offsets, not positions: the LSP layer converts. */
export interface TextEdit extends TextSpan {
  newText: string;
}

/** Safe fixes keep the success path exactly as it was; unsafe ones change timing or concurrency (Biome's split). */
export type FixSafety = "safe" | "unsafe";

/** What a fix may need besides the finding: settings and the program's options. */
export interface FixContext {
  /** Module specifier the rewrites import the runtime from (`nursery.runtimeModule`, default "nursery"). */
  runtimeModule: string;
  compilerOptions: ts.CompilerOptions;
}

export const defaultFixContext: FixContext = { runtimeModule: "nursery", compilerOptions: {} };

export interface Fix {
  id: FixId;
  /** Imperative, at most six words. */
  title: string;
  safety: FixSafety;
  /** Computes the edits; undefined when the code no longer has the shape the finding described. */
  edits(sourceFile: ts.SourceFile, finding: Finding, context: FixContext): TextEdit[] | undefined;
  /**
   * Why the fix is listed but cannot apply here (shown as a disabled code action), or undefined when it can.
   * For fixes whose preconditions are too subtle for the rule to decide (run-in-nursery).
   */
  unavailableReason?(sourceFile: ts.SourceFile, finding: Finding, context: FixContext): string | undefined;
}

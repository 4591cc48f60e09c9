import type { ts } from "../typescript";
import type { Finding, FixId } from "../analysis/types";
import { addAwait } from "./add-await";
import { awaitAll } from "./await-all";
import { forOf } from "./for-of";
import { defaultFixContext, type Fix, type FixContext, type TextEdit } from "./types";
import { removeSuppression } from "./suppress";
import { markVoid } from "./void";
import { passSignal } from "./pass-signal";
import { cancellableSleep } from "./cancellable-sleep";
import { rethrowAbort } from "./rethrow-abort";
import { timeoutSignal } from "./timeout-signal";
import { throwIfAborted } from "./throw-if-aborted";
import { runInNursery } from "./nursery";

export { suppressFileEdits, suppressLineEdits } from "./suppress";
export { defaultFixContext, type Fix, type FixContext, type FixSafety, type TextEdit } from "./types";

export const fixesById: ReadonlyMap<FixId, Fix> = new Map([addAwait, awaitAll, markVoid, removeSuppression, passSignal, cancellableSleep, forOf, rethrowAbort, timeoutSignal, throwIfAborted, runInNursery].map((fix) => [fix.id, fix]));

/** The fixes a finding offers, preferred first. */
export function fixesFor(finding: Finding): Fix[] {
  return finding.data.fixes.flatMap((id) => fixesById.get(id) ?? []);
}

/**
 * Joins the edits of several fixes, keeping each fix whole or not at all: a fix that touches what an earlier one
 * changed waits for the next round (fix-all in the editor, `--fix` passes in the CLI).
 */
export function combineEdits(groups: readonly (readonly TextEdit[] | undefined)[]): TextEdit[] {
  const chosen: TextEdit[] = [];
  const clashes = (edit: TextEdit) =>
    chosen.some((other) => (edit.start < other.end && other.start < edit.end) || (edit.start === other.start && edit.end === other.end));
  for (const group of groups) {
    if (group && group.length > 0 && !group.some(clashes)) chosen.push(...group);
  }
  return chosen;
}

/** Applies non-overlapping edits to `text` (edits may come in any order). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let result = text;
  let lastStart = Number.POSITIVE_INFINITY;
  for (const edit of sorted) {
    if (edit.end > lastStart) throw new Error("overlapping edits");
    result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
    lastStart = edit.start;
  }
  return result;
}

export function computeFix(
  sourceFile: ts.SourceFile,
  finding: Finding,
  fixId: FixId,
  context: FixContext = defaultFixContext,
): TextEdit[] | undefined {
  return fixesById.get(fixId)?.edits(sourceFile, finding, context);
}

/**
 * Non-overlapping edits of the first fix of each finding that `applies` allows, for applying them without a person
 * choosing them (`--fix`, fix-all on save). A fix that would import the runtime into a file from which it does not
 * resolve (a project without the `nursery` package yet) is left out, since that breaks the build; `runtimeResolves`
 * is asked once, and only then. Chosen in the editor, the fix is offered import and all: taking it is how the runtime
 * comes in.
 */
export function automaticFixEdits(
  sourceFile: ts.SourceFile,
  findings: readonly Finding[],
  applies: (fix: Fix) => boolean,
  context: FixContext,
  runtimeResolves: () => boolean,
): TextEdit[] {
  let resolves: boolean | undefined;
  return combineEdits(
    findings.map((finding) => {
      const fix = fixesFor(finding).find(applies);
      const edits = fix && computeFix(sourceFile, finding, fix.id, context);
      if (edits && edits.some((edit) => importsFrom(edit.newText, context.runtimeModule)) && !(resolves ??= runtimeResolves())) return undefined;
      return edits;
    }),
  );
}

function importsFrom(text: string, moduleSpecifier: string): boolean {
  const escaped = moduleSpecifier.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`\\bfrom\\s*(["'])${escaped}\\1`).test(text);
}

import type { ts } from "../typescript";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { CodeActionKind, type CodeAction, type Diagnostic, type WorkspaceEdit } from "vscode-languageserver";
import type { Finding, FixId } from "../analysis/types";
import type { NurseryConfig } from "../config/config";
import { docsBaseUrl } from "../docs";
import { automaticFixEdits, combineEdits, computeFix, fixesFor, suppressFileEdits, suppressLineEdits, type TextEdit } from "../fixes";
import { toLspEdit } from "./convert";

/** `source.fixAll.nursery`, for `editor.codeActionsOnSave`: safe fixes only. */
export const fixAllKind = `${CodeActionKind.SourceFixAll}.nursery`;

/** What an unresolved code action carries so `codeAction/resolve` can compute its edit later. */
export type ActionData =
  | { kind: "fix"; uri: string; version: number; index: number; fixId: FixId }
  | { kind: "fix-rule"; uri: string; version: number; rule: string; fixId: FixId }
  | { kind: "suppress-line" | "suppress-file"; uri: string; version: number; index: number };

export interface ActionSource {
  document: TextDocument;
  sourceFile: ts.SourceFile;
  findings: readonly Finding[];
  config: NurseryConfig;
  /** Whether the runtime module resolves from this file (fix-all leaves out fixes that would import it otherwise). */
  runtimeResolves(): boolean;
}

export function workspaceEdit(document: TextDocument, edits: readonly TextEdit[]): WorkspaceEdit {
  return {
    documentChanges: [{ textDocument: { uri: document.uri, version: document.version }, edits: edits.map((e) => toLspEdit(document, e)) }],
  };
}

/** Computes the edit of a lazily resolved action, or undefined when the document moved on. */
export function resolveEdit(data: ActionData, source: ActionSource): TextEdit[] | undefined {
  const fixContext = { runtimeModule: source.config.runtimeModule, compilerOptions: {} };
  const requireReason = source.config.requireSuppressionReason;
  switch (data.kind) {
    case "fix": {
      const finding = source.findings[data.index];
      return finding && computeFix(source.sourceFile, finding, data.fixId, fixContext);
    }
    case "fix-rule":
      return combineEdits(
        source.findings
          .filter((f) => f.rule === data.rule && f.data.fixes.includes(data.fixId))
          .map((f) => computeFix(source.sourceFile, f, data.fixId, fixContext)),
      );
    case "suppress-line":
    case "suppress-file": {
      const finding = source.findings[data.index];
      if (!finding) return undefined;
      return data.kind === "suppress-line"
        ? suppressLineEdits(source.sourceFile, finding, requireReason)
        : suppressFileEdits(source.sourceFile, finding, requireReason);
    }
  }
}

/** vscode-eslint's menu per diagnostic: fixes (preferred first), fix all of the rule, ignore line/file, docs. */
export function quickFixesFor(
  diagnostic: Diagnostic,
  index: number,
  source: ActionSource,
  eager: boolean,
): CodeAction[] {
  const finding = source.findings[index];
  if (!finding) return [];
  const { document } = source;
  const base = { uri: document.uri, version: document.version };
  const actions: CodeAction[] = [];
  const add = (title: string, data: ActionData, extra: Partial<CodeAction> = {}) => {
    const action: CodeAction = { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], ...extra };
    if (eager) {
      const edits = resolveEdit(data, source);
      if (!edits || edits.length === 0) return;
      action.edit = workspaceEdit(document, edits);
    } else {
      action.data = data;
    }
    actions.push(action);
  };

  const fixContext = { runtimeModule: source.config.runtimeModule, compilerOptions: {} };
  fixesFor(finding).forEach((fix, position) => {
    // Listed but not applicable here (run-in-nursery where moving code would change it): say why, offer no edit.
    const reason = fix.unavailableReason?.(source.sourceFile, finding, fixContext);
    if (reason) actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], disabled: { reason } });
    else add(fix.title, { ...base, kind: "fix", index, fixId: fix.id }, { isPreferred: position === 0 });
  });
  const preferred = fixesFor(finding)[0];
  // run-in-nursery is applied one finding at a time, by a person: no "fix all" for it.
  if (preferred && preferred.id !== "run-in-nursery") {
    const sameRule = source.findings.filter((f) => f.rule === finding.rule && f.data.fixes.includes(preferred.id));
    if (sameRule.length > 1) {
      add(`Fix all \`${finding.rule}\` problems: ${preferred.title}`, { ...base, kind: "fix-rule", rule: finding.rule, fixId: preferred.id });
    }
  }
  if (finding.rule !== "unused-suppression" && finding.rule !== "invalid-suppression") {
    add(`Ignore \`${finding.rule}\` for this line`, { ...base, kind: "suppress-line", index });
    add(`Ignore \`${finding.rule}\` for this file`, { ...base, kind: "suppress-file", index });
  }
  actions.push({
    title: `Show documentation for \`${finding.rule}\``,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    command: { title: "Show documentation", command: "nursery.openDocs", arguments: [`${docsBaseUrl}${finding.rule}.md`] },
  });
  return actions;
}

/** Every safe fix in the document at once (one round; the next save catches fixes that depended on these). */
export function fixAllAction(source: ActionSource): CodeAction | undefined {
  const fixContext = { runtimeModule: source.config.runtimeModule, compilerOptions: {} };
  const edits = automaticFixEdits(source.sourceFile, source.findings, (fix) => fix.safety === "safe", fixContext, source.runtimeResolves);
  if (edits.length === 0) return undefined;
  return { title: "Fix all safe Nursery problems", kind: fixAllKind, edit: workspaceEdit(source.document, edits) };
}


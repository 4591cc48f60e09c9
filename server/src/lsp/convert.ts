import type { TextDocument } from "vscode-languageserver-textdocument";
import { DiagnosticSeverity, type Diagnostic, type TextEdit as LspTextEdit } from "vscode-languageserver";
import type { Finding } from "../analysis/types";
import type { TextEdit } from "../fixes";
import { docsBaseUrl } from "../docs";


/** What a diagnostic carries so a code action can find its finding again without re-running the rules. */
export interface DiagnosticData {
  /** Index into the findings of the analysis that produced the diagnostic. */
  index: number;
  /** The document version the finding was computed on. */
  version: number;
}

export function toDiagnostic(document: TextDocument, finding: Finding, index: number): Diagnostic {
  const data: DiagnosticData = { index, version: document.version };
  return {
    range: { start: document.positionAt(finding.range.start), end: document.positionAt(finding.range.end) },
    severity: finding.severity === "error" ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    source: "nursery",
    code: finding.rule,
    codeDescription: { href: `${docsBaseUrl}${finding.rule}.md` },
    message: finding.message,
    data,
  };
}

/** Same problems at the same places: what the client shows would not change. */
export function sameDiagnostics(a: readonly Diagnostic[], b: readonly Diagnostic[]): boolean {
  const key = (d: Diagnostic) => `${d.code}@${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.severity} ${d.message}`;
  const left = a.map(key).sort();
  const right = b.map(key).sort();
  return left.length === right.length && left.every((item, i) => item === right[i]);
}

/** The finding a diagnostic shows: at `hint` when it matches (rule and range), else searched by rule and range. */
export function findingIndexOf(document: TextDocument, findings: readonly Finding[], diagnostic: Diagnostic, hint: number): number | undefined {
  const start = document.offsetAt(diagnostic.range.start);
  const end = document.offsetAt(diagnostic.range.end);
  const matches = (finding: Finding | undefined) => finding !== undefined && finding.rule === diagnostic.code && finding.range.start === start && finding.range.end === end;
  if (matches(findings[hint])) return hint;
  const index = findings.findIndex(matches);
  return index >= 0 ? index : undefined;
}

export function toLspEdit(document: TextDocument, edit: TextEdit): LspTextEdit {
  return {
    range: { start: document.positionAt(edit.start), end: document.positionAt(edit.end) },
    newText: edit.newText,
  };
}

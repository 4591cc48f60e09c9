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

export function toLspEdit(document: TextDocument, edit: TextEdit): LspTextEdit {
  return {
    range: { start: document.positionAt(edit.start), end: document.positionAt(edit.end) },
    newText: edit.newText,
  };
}

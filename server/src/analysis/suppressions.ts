import { ts } from "../typescript";
import type { Finding, FixId, Severity, TextSpan } from "./types";

/**
 * `// nursery-ignore-next-line RULE[, RULE] -- reason` and `// nursery-ignore-file RULE -- reason` (block comments too).
 * Suppressions are explicit about their rules (no blanket ignore), and one that suppresses nothing is reported,
 * so stale ones do not pile up.
 */
export interface SuppressionDirective {
  kind: "next-line" | "file";
  /** The whole comment. */
  comment: TextSpan;
  rules: { id: string; span: TextSpan }[];
  reason?: string;
  /** 0-based line a next-line directive covers. */
  targetLine?: number;
}

const directivePattern = /^(\/\/|\/\*)\s*nursery-ignore-(next-line|file)\b([^]*?)(\*\/)?$/;

function commentRanges(sourceFile: ts.SourceFile): ts.CommentRange[] {
  const text = sourceFile.text;
  const seen = new Map<number, ts.CommentRange>();
  const collect = (ranges: ts.CommentRange[] | undefined) => ranges?.forEach((range) => seen.set(range.pos, range));
  const visit = (node: ts.Node) => {
    collect(ts.getLeadingCommentRanges(text, node.pos));
    collect(ts.getTrailingCommentRanges(text, node.end));
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  collect(ts.getLeadingCommentRanges(text, sourceFile.endOfFileToken.pos));
  return [...seen.values()].sort((a, b) => a.pos - b.pos);
}

export function parseDirectives(sourceFile: ts.SourceFile): SuppressionDirective[] {
  const text = sourceFile.text;
  if (!text.includes("nursery-ignore-")) return [];
  const directives: SuppressionDirective[] = [];
  for (const range of commentRanges(sourceFile)) {
    const commentText = text.slice(range.pos, range.end);
    const match = directivePattern.exec(commentText);
    if (!match) continue;
    const body = match[3]!;
    const bodyStart = range.pos + commentText.indexOf(body, match[1]!.length);
    const separator = body.indexOf("--");
    const ruleList = separator >= 0 ? body.slice(0, separator) : body;
    const reason = separator >= 0 ? body.slice(separator + 2).trim() : undefined;
    const rules: SuppressionDirective["rules"] = [];
    for (const idMatch of ruleList.matchAll(/[^\s,]+/g)) {
      const start = bodyStart + idMatch.index;
      rules.push({ id: idMatch[0], span: { start, end: start + idMatch[0].length } });
    }
    const kind = match[2] === "file" ? "file" : "next-line";
    const endLine = sourceFile.getLineAndCharacterOfPosition(range.end).line;
    directives.push({
      kind,
      comment: { start: range.pos, end: range.end },
      rules,
      reason: reason || undefined,
      targetLine: kind === "next-line" ? endLine + 1 : undefined,
    });
  }
  return directives;
}

export interface SuppressionSettings {
  requireReason: boolean;
  knownRuleIds: ReadonlySet<string>;
  /** Rules that ran: a suppression of a rule that is off is not "unused", it is just idle. */
  enabledRuleIds: ReadonlySet<string>;
  unusedSeverity: Severity | undefined;
  invalidSeverity: Severity | undefined;
}

export const suppressionMessages = {
  unused: "Suppression of `{{rule}}` suppresses nothing: stale suppressions hide the next real problem on this line. Remove it.",
  unknownRule: "Suppression names `{{rule}}`, which is not a Nursery rule, so it suppresses nothing. Fix the rule id or remove it.",
  noRules: "Suppression names no rule: Nursery suppressions must say which rule they silence. Add the rule id.",
  missingReason:
    "Suppression has no reason, and this project requires one (`requireSuppressionReason`): the next reader cannot tell why the problem is acceptable. Add `-- reason`.",
} as const;

export interface SuppressionResult {
  findings: Finding[];
  suppressed: Finding[];
}

/** Removes suppressed findings and adds findings for unused or malformed suppressions. */
export function applySuppressions(sourceFile: ts.SourceFile, findings: readonly Finding[], settings: SuppressionSettings): SuppressionResult {
  const directives = parseDirectives(sourceFile);
  if (directives.length === 0) return { findings: [...findings], suppressed: [] };
  const used = new Set<string>();
  const kept: Finding[] = [];
  const suppressed: Finding[] = [];
  for (const finding of findings) {
    const line = sourceFile.getLineAndCharacterOfPosition(finding.range.start).line;
    const suppressor = directives.find(
      (d) => (d.kind === "file" || d.targetLine === line) && d.rules.some((r) => r.id === finding.rule),
    );
    if (suppressor) {
      used.add(`${suppressor.comment.start}:${finding.rule}`);
      suppressed.push(finding);
    } else {
      kept.push(finding);
    }
  }
  const problem = (rule: string, severity: Severity, range: TextSpan, message: string, fixes: FixId[] = []): Finding => ({
    rule,
    severity,
    file: sourceFile.fileName,
    range,
    message,
    data: { fixes, suppression: range },
  });
  for (const directive of directives) {
    if (settings.invalidSeverity) {
      if (directive.rules.length === 0) {
        kept.push(problem("invalid-suppression", settings.invalidSeverity, directive.comment, suppressionMessages.noRules));
      }
      if (settings.requireReason && !directive.reason) {
        kept.push(problem("invalid-suppression", settings.invalidSeverity, directive.comment, suppressionMessages.missingReason));
      }
    }
    for (const rule of directive.rules) {
      if (!settings.knownRuleIds.has(rule.id)) {
        if (settings.invalidSeverity) {
          kept.push(
            problem("invalid-suppression", settings.invalidSeverity, rule.span, suppressionMessages.unknownRule.replace("{{rule}}", rule.id), [
              "remove-suppression",
            ]),
          );
        }
      } else if (settings.unusedSeverity && settings.enabledRuleIds.has(rule.id) && !used.has(`${directive.comment.start}:${rule.id}`)) {
        kept.push(
          problem("unused-suppression", settings.unusedSeverity, rule.span, suppressionMessages.unused.replace("{{rule}}", rule.id), [
            "remove-suppression",
          ]),
        );
      }
    }
  }
  kept.sort((a, b) => a.range.start - b.range.start || a.rule.localeCompare(b.rule));
  return { findings: kept, suppressed };
}

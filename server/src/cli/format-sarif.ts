import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { suppressionRuleIds } from "../analysis/analyze";
import { allRules } from "../analysis/rules";
import { docsBaseUrl } from "../docs";
import type { LintMessage, LintResult } from "./results";

interface SarifRule {
  id: string;
  shortDescription: { text: string };
  helpUri: string;
  defaultConfiguration: { level: "error" | "warning" | "none" };
  properties: { preset: string; tags: string[] };
}

const suppressionRuleDocs: Record<(typeof suppressionRuleIds)[number], string> = {
  "unused-suppression": "A `nursery-ignore` comment that suppresses nothing.",
  "invalid-suppression": "A `nursery-ignore` comment that names an unknown rule, no rule, or lacks a required reason.",
};

function ruleDescriptors(): SarifRule[] {
  return [
    ...allRules.map((rule) => ({
      id: rule.id,
      shortDescription: { text: rule.meta.docs },
      helpUri: `${docsBaseUrl}${rule.id}.md`,
      defaultConfiguration: { level: rule.meta.preset === "recommended" ? rule.meta.defaultSeverity : ("none" as const) },
      properties: { preset: rule.meta.preset, tags: ["concurrency"] },
    })),
    ...suppressionRuleIds.map((id) => ({
      id,
      shortDescription: { text: suppressionRuleDocs[id] },
      helpUri: `${docsBaseUrl}suppressions.md`,
      defaultConfiguration: { level: id === "unused-suppression" ? ("warning" as const) : ("error" as const) },
      properties: { preset: "recommended", tags: ["suppressions"] },
    })),
  ];
}

function region(m: LintMessage) {
  return {
    startLine: m.line,
    startColumn: m.column,
    ...(m.endLine !== undefined ? { endLine: m.endLine, endColumn: m.endColumn } : {}),
  };
}

/** SARIF 2.1.0, as GitHub code scanning and other SARIF viewers read it. */
export function formatSarif(results: readonly LintResult[], version: string): string {
  const rules = ruleDescriptors();
  const index = new Map(rules.map((rule, i) => [rule.id, i]));
  const root = process.cwd();
  const location = (filePath: string, m: LintMessage) => ({
    physicalLocation: {
      artifactLocation: { uri: path.relative(root, filePath).split(path.sep).join("/"), uriBaseId: "%SRCROOT%" },
      region: region(m),
    },
  });
  const sarifResults: object[] = [];
  const notifications: object[] = [];
  for (const result of results) {
    for (const m of result.messages) {
      if (m.ruleId === null) {
        notifications.push({ level: "error", message: { text: m.message }, locations: [location(result.filePath, m)] });
        continue;
      }
      sarifResults.push({
        ruleId: m.ruleId,
        ruleIndex: index.get(m.ruleId),
        level: m.severity === 2 ? "error" : "warning",
        message: { text: m.message },
        locations: [location(result.filePath, m)],
      });
    }
    for (const m of result.suppressedMessages) {
      sarifResults.push({
        ruleId: m.ruleId,
        ruleIndex: m.ruleId ? index.get(m.ruleId) : undefined,
        level: m.severity === 2 ? "error" : "warning",
        message: { text: m.message },
        locations: [location(result.filePath, m)],
        suppressions: [{ kind: "inSource" }],
      });
    }
  }
  const log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: { driver: { name: "nursery-lint", version, semanticVersion: version, informationUri: "https://github.com/nursery-dev/nursery", rules } },
        originalUriBaseIds: { "%SRCROOT%": { uri: `${pathToFileURL(root).href}/` } },
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
        results: sarifResults,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

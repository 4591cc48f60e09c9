import { ts } from "../typescript";
import { memoizedChecker } from "./checker-cache";
import { NodeIndex } from "./node-index";
import { allRules } from "./rules";
import { applySuppressions } from "./suppressions";
import {
  AnalysisCancelledError,
  type AnalysisConfig,
  type Finding,
  type Rule,
  type RuleContext,
  type RuleFailure,
  type RuleLevel,
  type Severity,
} from "./types";

export interface AnalysisResult {
  findings: Finding[];
  /** Findings silenced by `nursery-ignore` comments (ESLint's `suppressedMessages`). */
  suppressed: Finding[];
  /** Rules that threw on this file; their findings are missing, every other rule's are there. */
  failures: RuleFailure[];
  /** Every rule's findings before suppression comments apply: what a later `reuse` keeps. */
  ruleFindings: Finding[];
}

export interface AnalyzeOptions {
  config?: AnalysisConfig;
  /** Polled between statements; return true to abandon a stale run. */
  isCancelled?: () => boolean;
  rules?: readonly Rule<any>[];
  /** When given, each rule's time (ms) is added under its id (ESLint's TIMING=1). */
  timings?: Map<string, number>;
  /**
   * Analyse only `root` and take `findings` (rule findings from an earlier analysis, outside `root`) for the rest of
   * the file: see analysis/incremental.ts.
   */
  reuse?: { root: ts.Node; findings: readonly Finding[] };
}

export const defaultConfig: AnalysisConfig = { preset: "recommended", rules: {} };

interface EnabledRule {
  rule: Rule<any>;
  severity: Severity;
  options: Record<string, unknown>;
}

function levelToSeverity(level: RuleLevel): Severity | undefined {
  if (level === "off") return undefined;
  return level === "warn" ? "warning" : "error";
}

/** Which rules run, at which severity and with which options, under `config`. */
export function enabledRules(config: AnalysisConfig, rules: readonly Rule<any>[] = allRules): EnabledRule[] {
  const enabled: EnabledRule[] = [];
  for (const rule of rules) {
    const setting = config.rules[rule.id];
    const inPreset = rule.meta.preset === "recommended" || config.preset === "strict";
    let severity: Severity | undefined = inPreset ? rule.meta.defaultSeverity : undefined;
    let options: Record<string, unknown> = {};
    if (typeof setting === "string") severity = levelToSeverity(setting);
    else if (setting) {
      severity = levelToSeverity(setting.level);
      options = setting.options ?? {};
    }
    if (severity) enabled.push({ rule, severity, options: { ...rule.defaultOptions, ...options } });
  }
  return enabled;
}

/** Ids of the checks on suppression comments; configured like rules, run after every rule. */
export const suppressionRuleIds = ["unused-suppression", "invalid-suppression"] as const;

function suppressionSeverity(config: AnalysisConfig, id: string, fallback: Severity): Severity | undefined {
  const setting = config.rules[id];
  if (setting === undefined) return fallback;
  return levelToSeverity(typeof setting === "string" ? setting : setting.level);
}

function fillPlaceholders(template: string, values: Record<string, string> | undefined): string {
  if (!values) return template;
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => values[name] ?? whole);
}

/** Runs the enabled rules on one file of `program`. Pure: no I/O, no protocol. */
export function analyzeSourceFile(program: ts.Program, sourceFile: ts.SourceFile, options: AnalyzeOptions = {}): AnalysisResult {
  const checker = memoizedChecker(program.getTypeChecker());
  const findings: Finding[] = [...(options.reuse?.findings ?? [])];
  const failures: RuleFailure[] = [];
  const checkCancelled = () => {
    if (options.isCancelled?.()) throw new AnalysisCancelledError();
  };
  const enabled = enabledRules(options.config ?? defaultConfig, options.rules);
  const root = options.reuse?.root ?? sourceFile;
  const index = new NodeIndex(root);
  const nodes = <T extends ts.Node>(...kinds: ts.SyntaxKind[]) => index.of(kinds) as readonly T[];
  for (const { rule, severity, options: ruleOptions } of enabled) {
    const context: RuleContext<Record<string, unknown>> = {
      sourceFile,
      root,
      nodes,
      program,
      checker,
      options: ruleOptions,
      severity,
      preset: (options.config ?? defaultConfig).preset,
      checkCancelled,
      report({ node, range, messageId, data, values }) {
        const template = rule.meta.messages[messageId];
        if (template === undefined) throw new Error(`rule ${rule.id} reported unknown message id ${messageId}`);
        const span = range ?? (node ? { start: node.getStart(sourceFile), end: node.getEnd() } : undefined);
        if (!span) throw new Error(`rule ${rule.id} reported without a node or range`);
        findings.push({
          rule: rule.id,
          severity,
          file: sourceFile.fileName,
          range: span,
          message: fillPlaceholders(template, values),
          data: data ?? { fixes: [] },
        });
      },
    };
    const started = options.timings ? performance.now() : 0;
    try {
      rule.check(context);
    } catch (error) {
      if (error instanceof AnalysisCancelledError) throw error;
      failures.push({ rule: rule.id, file: sourceFile.fileName, error: error instanceof Error ? error : new Error(String(error)) });
    } finally {
      if (options.timings) options.timings.set(rule.id, (options.timings.get(rule.id) ?? 0) + performance.now() - started);
    }
  }
  // In reading order (as ESLint reports), whichever part of the file was analysed this time.
  findings.sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0));
  const config = options.config ?? defaultConfig;
  const unusedSeverity = suppressionSeverity(config, "unused-suppression", "warning");
  const invalidSeverity = suppressionSeverity(config, "invalid-suppression", "error");
  const enabledRuleIds = new Set(enabled.map(({ rule }) => rule.id));
  if (unusedSeverity) enabledRuleIds.add("unused-suppression");
  if (invalidSeverity) enabledRuleIds.add("invalid-suppression");
  const { findings: kept, suppressed } = applySuppressions(sourceFile, findings, {
    requireReason: config.requireSuppressionReason ?? false,
    knownRuleIds: new Set([...allRules.map((rule) => rule.id), ...suppressionRuleIds]),
    enabledRuleIds,
    unusedSeverity,
    invalidSeverity,
  });
  return { findings: kept, suppressed, failures, ruleFindings: findings };
}

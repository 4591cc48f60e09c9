import { parse, printParseErrorCode, type ParseError } from "jsonc-parser";
import { suppressionRuleIds } from "../analysis/analyze";
import { allRules, rulesById } from "../analysis/rules";
import type { AnalysisConfig, Preset, RuleLevel, RuleSettings } from "../analysis/types";

/** Everything `nursery.json` (plus settings and flags on top) can say. */
export interface NurseryConfig extends AnalysisConfig {
  /** Module the rewrites import the runtime from. */
  runtimeModule: string;
  /** `// nursery-ignore-next-line RULE -- reason`: the reason is required (as Biome's `biome-ignore` does). */
  requireSuppressionReason: boolean;
}

export { suppressionRuleIds };

export const defaultNurseryConfig: NurseryConfig = {
  preset: "recommended",
  rules: {},
  runtimeModule: "nursery",
  requireSuppressionReason: false,
};

/** A problem in a config file, with where it is so editors can underline it. */
export interface ConfigProblem {
  message: string;
  offset: number;
  length: number;
}

export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly problems: ConfigProblem[],
    readonly text: string,
  ) {
    super(
      `Invalid config "${file}": ${problems
        .map((p) => {
          const { line, column } = lineColumn(text, p.offset);
          return `${line}:${column} ${p.message}`;
        })
        .join("; ")}`,
    );
    this.name = "ConfigError";
  }
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split(/\r?\n/);
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}

const presets: readonly Preset[] = ["recommended", "strict"];
const levels: readonly RuleLevel[] = ["off", "warn", "error"];

export function isKnownRuleId(id: string): boolean {
  return rulesById.has(id) || (suppressionRuleIds as readonly string[]).includes(id);
}

function describe(value: unknown): string {
  return Array.isArray(value) ? "an array" : value === null ? "null" : typeof value;
}

/** Checks one rule's options against the rule's defaults: known names, same JSON kinds. */
function optionProblems(ruleId: string, options: unknown): string[] {
  if (typeof options !== "object" || options === null || Array.isArray(options)) return [`options of "${ruleId}" must be an object`];
  const rule = rulesById.get(ruleId);
  if (!rule) return Object.keys(options).length ? [`"${ruleId}" takes no options`] : [];
  const defaults = rule.defaultOptions as Record<string, unknown>;
  const problems: string[] = [];
  for (const [name, value] of Object.entries(options)) {
    if (!(name in defaults)) {
      problems.push(`unknown option "${name}" for "${ruleId}" (known: ${Object.keys(defaults).join(", ") || "none"})`);
    } else if (describe(value) !== describe(defaults[name])) {
      problems.push(`option "${name}" of "${ruleId}" must be ${describe(defaults[name])}, not ${describe(value)}`);
    }
  }
  return problems;
}

/** Reads a rule entry in ESLint's forms: `"warn"`, `["warn", { …options }]`, or `{ "level": "warn", "options": { … } }`. */
export function parseRuleEntry(ruleId: string, entry: unknown): { settings?: RuleSettings; problems: string[] } {
  let level: unknown;
  let options: unknown;
  if (typeof entry === "string") level = entry;
  else if (Array.isArray(entry)) [level, options] = entry;
  else if (typeof entry === "object" && entry !== null) ({ level, options } = entry as { level?: unknown; options?: unknown });
  else return { problems: [`"${ruleId}" must be "off", "warn", "error", [level, options] or { level, options }`] };
  if (!levels.includes(level as RuleLevel)) return { problems: [`level of "${ruleId}" must be one of ${levels.join(", ")}, not ${JSON.stringify(level)}`] };
  const problems = options === undefined ? [] : optionProblems(ruleId, options);
  return { settings: { level: level as RuleLevel, options: options as Record<string, unknown> | undefined }, problems };
}

/**
 * Parses `nursery.json` text (comments and trailing commas allowed, as in VS Code's own settings files).
 * Throws ConfigError with every problem found, each with its position.
 */
export function parseConfig(file: string, text: string): NurseryConfig {
  const syntaxErrors: ParseError[] = [];
  const raw = parse(text, syntaxErrors, { allowTrailingComma: true, disallowComments: false }) as unknown;
  if (syntaxErrors.length > 0) {
    throw new ConfigError(
      file,
      syntaxErrors.map((e) => ({ message: `JSON: ${printParseErrorCode(e.error)}`, offset: e.offset, length: e.length })),
      text,
    );
  }
  const problems: ConfigProblem[] = [];
  // Positions of keys, found textually: precise enough to underline the offending entry.
  const at = (key: string) => {
    const offset = text.indexOf(JSON.stringify(key));
    return { offset: Math.max(0, offset), length: offset >= 0 ? key.length + 2 : 1 };
  };
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new ConfigError(file, [{ message: "the config must be a JSON object", offset: 0, length: 1 }], text);
  }
  const config: NurseryConfig = { ...defaultNurseryConfig, rules: {} };
  for (const [key, value] of Object.entries(raw)) {
    switch (key) {
      case "$schema":
        break;
      case "preset":
        if (presets.includes(value as Preset)) config.preset = value as Preset;
        else problems.push({ message: `"preset" must be one of ${presets.join(", ")}`, ...at(key) });
        break;
      case "runtimeModule":
        if (typeof value === "string" && value.length > 0) config.runtimeModule = value;
        else problems.push({ message: `"runtimeModule" must be a non-empty string`, ...at(key) });
        break;
      case "requireSuppressionReason":
        if (typeof value === "boolean") config.requireSuppressionReason = value;
        else problems.push({ message: `"requireSuppressionReason" must be true or false`, ...at(key) });
        break;
      case "rules":
        if (typeof value !== "object" || value === null || Array.isArray(value)) {
          problems.push({ message: `"rules" must be an object of rule id → level`, ...at(key) });
          break;
        }
        for (const [ruleId, entry] of Object.entries(value)) {
          if (!isKnownRuleId(ruleId)) {
            problems.push({ message: `unknown rule "${ruleId}" (known: ${[...allRules.map((r) => r.id), ...suppressionRuleIds].join(", ")})`, ...at(ruleId) });
            continue;
          }
          const parsed = parseRuleEntry(ruleId, entry);
          for (const message of parsed.problems) problems.push({ message, ...at(ruleId) });
          if (parsed.settings && parsed.problems.length === 0) config.rules[ruleId] = parsed.settings;
        }
        break;
      default:
        problems.push({ message: `unknown key "${key}" (known: preset, rules, runtimeModule, requireSuppressionReason)`, ...at(key) });
    }
  }
  if (problems.length > 0) throw new ConfigError(file, problems, text);
  return config;
}

/** Layers `override` on `base`: rule entries merge per rule (a later level or options win). */
export function mergeConfig(base: NurseryConfig, override: Partial<NurseryConfig>): NurseryConfig {
  return {
    ...base,
    ...Object.fromEntries(Object.entries(override).filter(([, v]) => v !== undefined)),
    rules: { ...base.rules, ...(override.rules ?? {}) },
  };
}

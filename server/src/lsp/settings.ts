import { parseRuleEntry, type NurseryConfig } from "../config/config";
import type { Preset, RuleSettings } from "../analysis/types";

/** The `nursery.*` VS Code settings of one resource. */
export interface Settings {
  enable: boolean;
  preset?: Preset;
  rules?: Record<string, unknown>;
  runtimeModule?: string;
  requireSuppressionReason?: boolean;
}

export const defaultSettings: Settings = { enable: true };

/** Turns settings into config overrides (settings win over nursery.json), dropping entries that do not validate. */
export function settingsOverrides(settings: Settings, warn: (message: string) => void): Partial<NurseryConfig> {
  const overrides: Partial<NurseryConfig> = {};
  if (settings.preset === "recommended" || settings.preset === "strict") overrides.preset = settings.preset;
  if (typeof settings.runtimeModule === "string" && settings.runtimeModule) overrides.runtimeModule = settings.runtimeModule;
  if (typeof settings.requireSuppressionReason === "boolean") overrides.requireSuppressionReason = settings.requireSuppressionReason;
  if (settings.rules && typeof settings.rules === "object") {
    const rules: Record<string, RuleSettings> = {};
    for (const [id, entry] of Object.entries(settings.rules)) {
      const parsed = parseRuleEntry(id, entry);
      if (parsed.settings && parsed.problems.length === 0) rules[id] = parsed.settings;
      else warn(`Ignoring setting nursery.rules["${id}"]: ${parsed.problems.join("; ")}`);
    }
    overrides.rules = rules;
  }
  return overrides;
}

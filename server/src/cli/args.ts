import { parseArgs } from "node:util";
import { isKnownRuleId } from "../config/config";
import type { Preset, RuleLevel } from "../analysis/types";

export type FormatName = "stylish" | "json" | "sarif" | "github";
const formats: readonly FormatName[] = ["stylish", "json", "sarif", "github"];

export interface CliOptions {
  paths: string[];
  projects: string[];
  format: FormatName;
  quiet: boolean;
  maxWarnings: number;
  fix: boolean;
  fixDryRun: boolean;
  fixType: "safe" | "unsafe";
  rules: Record<string, RuleLevel>;
  preset?: Preset;
  cache: boolean;
  cacheLocation: string;
  cacheStrategy: "metadata" | "content";
  printConfig?: string;
  debug: boolean;
  help: boolean;
  version: boolean;
}

/** A command line that cannot be run: exit 2 with this message. */
export class UsageError extends Error {}

export const helpText = `nursery-lint [options] [file|dir ...]

Reports orphaned promises and missing cancellation in TypeScript and JavaScript.
With no paths, lints the current folder. Each file is checked in the tsconfig.json
that includes it (the nearest one above it), or with default options if none does,
and configured by the nearest nursery.json.

Options:
  -p, --project <tsconfig>   Use this tsconfig (repeatable)
  -f, --format <name>        stylish (default) | json | sarif | github
      --fix                  Apply safe fixes and write the files
      --fix-dry-run          Compute fixes without writing (json output carries "output")
      --fix-type <kind>      safe (default) | unsafe: also fixes that change timing
      --rule <id=level>      Set a rule to off | warn | error (repeatable)
      --preset <name>        recommended (default) | strict
      --quiet                Report errors only
      --max-warnings <n>     Exit 1 when there are more than n warnings
      --cache                Only re-check files whose content or dependencies changed
      --cache-location <p>   Cache file (default .nurserycache)
      --cache-strategy <s>   metadata (default: size and mtime, then content when they
                             changed) | content (always compare content)
      --print-config <file>  Print the configuration used for a file and exit
      --debug                Print stack traces for internal errors
  -h, --help                 Show this help
  -v, --version              Print the version

Exit codes: 0 no errors, 1 errors found (or too many warnings), 2 usage, config or internal error.
`;

const levels: readonly RuleLevel[] = ["off", "warn", "error"];

function parseRuleFlag(value: string): [string, RuleLevel] {
  const match = /^\s*([\w-]+)\s*[=:]\s*(\w+)\s*$/.exec(value);
  if (!match) throw new UsageError(`--rule expects id=level (e.g. floating-promise=warn), got "${value}".`);
  const [, id, level] = match as unknown as [string, string, string];
  if (!isKnownRuleId(id)) throw new UsageError(`Unknown rule "${id}" in --rule.`);
  if (!levels.includes(level as RuleLevel)) throw new UsageError(`--rule ${id}: level must be off, warn or error, not "${level}".`);
  return [id, level as RuleLevel];
}

export function parseCliArgs(argv: readonly string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        project: { type: "string", short: "p", multiple: true },
        format: { type: "string", short: "f" },
        quiet: { type: "boolean" },
        "max-warnings": { type: "string" },
        fix: { type: "boolean" },
        "fix-dry-run": { type: "boolean" },
        "fix-type": { type: "string" },
        rule: { type: "string", multiple: true },
        preset: { type: "string" },
        cache: { type: "boolean" },
        "cache-location": { type: "string" },
        "cache-strategy": { type: "string" },
        "print-config": { type: "string" },
        debug: { type: "boolean" },
        help: { type: "boolean", short: "h" },
        version: { type: "boolean", short: "v" },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  const format = (values.format ?? "stylish") as FormatName;
  if (!formats.includes(format)) throw new UsageError(`Unknown format "${values.format}". Use one of: ${formats.join(", ")}.`);
  let maxWarnings = -1;
  if (values["max-warnings"] !== undefined) {
    maxWarnings = Number(values["max-warnings"]);
    if (!Number.isInteger(maxWarnings) || maxWarnings < -1) {
      throw new UsageError(`--max-warnings expects a whole number, got "${values["max-warnings"]}".`);
    }
  }
  const fixType = values["fix-type"] ?? "safe";
  if (fixType !== "safe" && fixType !== "unsafe") throw new UsageError(`--fix-type must be safe or unsafe, not "${fixType}".`);
  if (values["fix-type"] && !values.fix && !values["fix-dry-run"]) throw new UsageError("--fix-type needs --fix or --fix-dry-run.");
  const cacheStrategy = values["cache-strategy"] ?? "metadata";
  if (cacheStrategy !== "metadata" && cacheStrategy !== "content") throw new UsageError(`--cache-strategy must be metadata or content, not "${cacheStrategy}".`);
  const preset = values.preset;
  if (preset !== undefined && preset !== "recommended" && preset !== "strict") {
    throw new UsageError(`--preset must be recommended or strict, not "${preset}".`);
  }
  return {
    paths: positionals,
    projects: values.project ?? [],
    format,
    quiet: values.quiet ?? false,
    maxWarnings,
    fix: values.fix ?? false,
    fixDryRun: values["fix-dry-run"] ?? false,
    fixType,
    rules: Object.fromEntries((values.rule ?? []).map(parseRuleFlag)),
    preset,
    cache: values.cache ?? false,
    cacheLocation: values["cache-location"] ?? ".nurserycache",
    cacheStrategy,
    printConfig: values["print-config"],
    debug: values.debug ?? false,
    help: values.help ?? false,
    version: values.version ?? false,
  };
}

import { parseArgs } from "node:util";

export type FormatName = "stylish" | "json";
const formats: readonly FormatName[] = ["stylish", "json"];

export interface CliOptions {
  paths: string[];
  projects: string[];
  format: FormatName;
  quiet: boolean;
  maxWarnings: number;
  debug: boolean;
  help: boolean;
  version: boolean;
}

/** A command line that cannot be run: exit 2 with this message. */
export class UsageError extends Error {}

export const helpText = `nursery-lint [options] [file|dir ...]

Reports orphaned promises and missing cancellation in TypeScript and JavaScript.
With no paths, lints the current folder. Each file is checked in the tsconfig.json
that includes it (the nearest one above it), or with default options if none does.

Options:
  -p, --project <tsconfig>   Use this tsconfig (repeatable)
  -f, --format <name>        Output format: stylish (default) | json
      --quiet                Report errors only
      --max-warnings <n>     Exit 1 when there are more than n warnings
      --debug                Print stack traces for internal errors
  -h, --help                 Show this help
  -v, --version              Print the version

Exit codes: 0 no errors, 1 errors found (or too many warnings), 2 usage, config or internal error.
`;

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
  return {
    paths: positionals,
    projects: values.project ?? [],
    format,
    quiet: values.quiet ?? false,
    maxWarnings,
    debug: values.debug ?? false,
    help: values.help ?? false,
    version: values.version ?? false,
  };
}

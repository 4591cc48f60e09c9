// Writes schemas/nursery.schema.json from the rule registry, so the schema can never drift from the rules.
// `npm run schema` regenerates it; test/schema.test.ts fails when the committed file is stale.
import * as fs from "node:fs";
import * as path from "node:path";
import { suppressionRuleIds } from "../server/src/analysis/analyze";
import { allRules } from "../server/src/analysis/rules";

function jsonSchemaOf(value: unknown): object {
  if (Array.isArray(value)) return { type: "array" };
  if (value === null) return { type: "null" };
  return { type: typeof value };
}

export function buildSchema(): object {
  const level = { enum: ["off", "warn", "error"] };
  const rules: Record<string, object> = {};
  for (const rule of allRules) {
    const optionNames = Object.keys(rule.defaultOptions as object);
    const options = {
      type: "object",
      additionalProperties: false,
      properties: Object.fromEntries(
        optionNames.map((name) => [name, { ...jsonSchemaOf((rule.defaultOptions as Record<string, unknown>)[name]), default: (rule.defaultOptions as Record<string, unknown>)[name] }]),
      ),
    };
    rules[rule.id] = {
      markdownDescription: `${rule.meta.docs}\n\nPreset: \`${rule.meta.preset}\`, default severity: \`${rule.meta.defaultSeverity}\`.`,
      oneOf: [
        level,
        { type: "array", prefixItems: [level, options], items: false, minItems: 1 },
        { type: "object", required: ["level"], additionalProperties: false, properties: { level, options } },
      ],
    };
  }
  for (const id of suppressionRuleIds) {
    rules[id] = { markdownDescription: `Checks on \`nursery-ignore\` comments (\`${id}\`).`, enum: ["off", "warn", "error"] };
  }
  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    $id: "https://github.com/nursery-dev/nursery/schemas/nursery.schema.json",
    title: "Nursery configuration (nursery.json)",
    type: "object",
    additionalProperties: false,
    properties: {
      $schema: { type: "string" },
      preset: { enum: ["recommended", "strict"], default: "recommended", markdownDescription: "`recommended`: every rule not marked strict. `strict`: all rules." },
      runtimeModule: { type: "string", default: "nursery", markdownDescription: "Module the rewrites import the runtime from." },
      requireSuppressionReason: { type: "boolean", default: false, markdownDescription: "`nursery-ignore` comments must give a reason after `--`." },
      rules: { type: "object", additionalProperties: false, properties: rules },
    },
  };
}

export const schemaPath = path.join(__dirname, "..", "schemas", "nursery.schema.json");

if (require.main === module) {
  fs.writeFileSync(schemaPath, `${JSON.stringify(buildSchema(), null, 2)}\n`);
  console.log(`wrote ${path.relative(process.cwd(), schemaPath)}`);
}

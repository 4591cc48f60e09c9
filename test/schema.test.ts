import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import { buildSchema, schemaPath } from "../scripts/generate-schema";
import { allRules } from "../server/src/analysis/rules";

describe("schemas/nursery.schema.json", () => {
  it("is generated from the rule registry (run `npm run schema` after changing rules)", () => {
    assert.deepEqual(JSON.parse(fs.readFileSync(schemaPath, "utf8")), buildSchema());
  });

  it("lists every rule with its options", () => {
    const schema = JSON.parse(fs.readFileSync(schemaPath, "utf8"));
    for (const rule of allRules) assert.ok(schema.properties.rules.properties[rule.id], rule.id);
  });

  it("is contributed to VS Code for nursery.json", () => {
    const manifest = JSON.parse(fs.readFileSync("package.json", "utf8"));
    assert.deepEqual(manifest.contributes.jsonValidation, [{ fileMatch: "nursery.json", url: "./schemas/nursery.schema.json" }]);
  });
});

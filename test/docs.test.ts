import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { allDocs, docsDir } from "../scripts/generate-docs";
import { allRules } from "../server/src/analysis/rules";
import { analyzeText } from "./helpers/analyze-text";

describe("rule docs (docs/rules, generated from the rules)", () => {
  it("are up to date (run `npm run docs` after changing a rule)", () => {
    for (const [name, text] of allDocs()) {
      const file = path.join(docsDir, name);
      assert.ok(fs.existsSync(file), `${name} is missing`);
      assert.equal(fs.readFileSync(file, "utf8"), text, `${name} is stale`);
    }
  });

  for (const rule of allRules) {
    const examples = rule.meta.examples;
    if (!examples) continue;
    it(`${rule.id}: the flagged example is flagged, the other is not`, () => {
      const config = { preset: "strict" as const, rules: { [rule.id]: "error" as const } };
      const invalid = analyzeText(examples.invalid, config).findings.filter((f) => f.rule === rule.id);
      assert.ok(invalid.length > 0, "the invalid example has no finding");
      const valid = analyzeText(examples.valid, config).findings.filter((f) => f.rule === rule.id);
      assert.deepEqual(valid.map((f) => f.message), [], "the valid example has findings");
    });
  }
});

describe("messages give advice that fits the code", () => {
  it("misused-promise: the `for…of` advice only for a `forEach` loop, not for other callbacks", () => {
    const { findings, lineOf } = analyzeText(`declare function save(id: string): Promise<void>;
declare function compose(handler: (input: object) => void): void;
export async function run(ids: string[]) {
  ids.forEach(async (id) => save(id));
  compose(async () => {});
}
`);
    const advice = findings.filter((f) => f.rule === "misused-promise").map((f) => [lineOf(f.range.start), f.message.includes("for…of")]);
    assert.deepEqual(advice, [
      [4, true],
      [5, false],
    ]);
  });

  it("floating-promise: in a synchronous function, `return it` only where returning it reaches a caller", () => {
    const { findings, lineOf } = analyzeText(`declare function save(id: string): Promise<void>;
export function handOff(id: string) {
  save(id);
}
export function onClick(id: string): void {
  save(id);
}
export class Form {
  constructor(id: string) {
    save(id);
  }
}
setTimeout(() => {
  save("late");
}, 10);
`);
    const advice = findings.filter((f) => f.rule === "floating-promise").map((f) => [lineOf(f.range.start), f.message.includes("Return it")]);
    assert.deepEqual(advice, [
      [3, true],
      [6, false],
      [10, false],
      [14, false],
    ]);
  });
});

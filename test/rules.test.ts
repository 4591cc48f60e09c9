import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { analyzeSourceFile } from "../server/src/analysis/analyze";
import { rulesById } from "../server/src/analysis/rules";
import { LintProject } from "../server/src/workspace/project";
import { diffFindings, parseMarkers, parseOptions, type ExpectedFinding } from "./helpers/markers";
import { positionOf } from "../server/src/analysis/positions";

const rulesDir = path.join(__dirname, "rules");
const project = LintProject.fromTsconfig(path.join(rulesDir, "tsconfig.json"));

for (const ruleId of fs.readdirSync(rulesDir).filter((entry) => fs.statSync(path.join(rulesDir, entry)).isDirectory())) {
  describe(`rule ${ruleId}`, () => {
    const rule = rulesById.get(ruleId);
    const fixtures = fs.readdirSync(path.join(rulesDir, ruleId)).filter((file) => file.endsWith(".ts") || file.endsWith(".tsx"));

    it("exists in the registry", () => assert.ok(rule, `no rule named ${ruleId}`));

    for (const fixture of fixtures) {
      it(fixture, () => {
        const fileName = path.join(rulesDir, ruleId, fixture);
        const text = fs.readFileSync(fileName, "utf8");
        const sourceFile = project.sourceFile(fileName);
        assert.ok(sourceFile, `${fixture} is not part of test/rules/tsconfig.json`);
        const options = parseOptions(text);
        const { findings, failures } = analyzeSourceFile(project.program(), sourceFile, {
          rules: [rule!],
          config: { preset: "strict", rules: { [ruleId]: { level: "error", options } } },
        });
        assert.deepEqual(failures, []);
        const actual: ExpectedFinding[] = findings.map((finding) => ({
          rule: finding.rule,
          ...positionOf(sourceFile, finding.range.start),
        }));
        const report = diffFindings(parseMarkers(text), actual);
        assert.equal(report, "", `${fixture}:\n${report}`);
      });
    }

    it("has at least as many valid cases as invalid ones across its fixtures", () => {
      let valid = 0;
      let invalid = 0;
      for (const fixture of fixtures) {
        const text = fs.readFileSync(path.join(rulesDir, ruleId, fixture), "utf8");
        valid += (text.match(/^\/\/ valid:/gm) ?? []).length;
        invalid += parseMarkers(text).length;
      }
      assert.ok(invalid >= 20 && valid >= invalid, `valid ${valid}, invalid ${invalid}`);
    });
  });
}

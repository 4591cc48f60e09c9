import * as assert from "node:assert/strict";
import { checkEdits, FuzzRunner, inputs, loadFixtures, loadRegressions, timeLimitMs } from "./harness";

/** Fixed seed, so a failure here reproduces with `npm run fuzz -- --seed 20260510 --count 300`. */
const seed = 20260510;
const count = 300;

describe("fuzz smoke (mutated fixtures through every rule and fix)", function () {
  this.timeout(240_000);
  const runner = new FuzzRunner();

  it(`${count} mutated fixtures (seed ${seed}): analysis returns within ${timeLimitMs} ms, every fix applies and keeps code parsing`, () => {
    const failures: string[] = [];
    let index = 0;
    for (const input of inputs(loadFixtures(), seed, count)) {
      const { problems } = runner.check(input);
      if (problems.length > 0) failures.push(`#${index} ${input.file}${input.asTsx ? " as .tsx" : ""}:\n  ${problems.join("\n  ")}`);
      index++;
    }
    assert.equal(index, count);
    assert.deepEqual(failures, []);
  });

  it("the checks can fail: edits out of range, overlapping, or breaking code that parsed", () => {
    const text = "export async function f() {\n  await g();\n}\n";
    const problems: string[] = [];
    assert.equal(checkEdits("range", "a.ts", text, true, [{ start: 0, end: text.length + 1, newText: "" }], problems), false);
    assert.equal(checkEdits("overlap", "a.ts", text, true, [{ start: 0, end: 5, newText: "" }, { start: 3, end: 4, newText: "x" }], problems), false);
    assert.equal(checkEdits("parse", "a.ts", text, true, [{ start: text.indexOf("}"), end: text.indexOf("}") + 1, newText: "" }], problems), false);
    assert.equal(checkEdits("fine", "a.ts", text, true, [{ start: 0, end: 0, newText: "// ok\n" }], problems), true);
    assert.equal(problems.length, 3);
  });

  for (const { name, input } of loadRegressions()) {
    it(`regression ${name}`, () => {
      assert.deepEqual(runner.check(input).problems, []);
    });
  }
});

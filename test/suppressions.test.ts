import * as assert from "node:assert/strict";
import { computeFix, applyEdits, suppressFileEdits, suppressLineEdits } from "../server/src/fixes";
import { analyzeText } from "./helpers/analyze-text";

const prelude = "declare function audit(): Promise<void>;\nexport {};\n";

function summary(text: string, config?: Parameters<typeof analyzeText>[1]) {
  const result = analyzeText(prelude + text, config);
  return {
    ...result,
    found: result.findings.map((f) => `${f.rule}@${result.lineOf(f.range.start) - 2}`),
    silenced: result.suppressed.map((f) => `${f.rule}@${result.lineOf(f.range.start) - 2}`),
  };
}

describe("suppression comments", () => {
  it("next-line silences the rule on the following line only", () => {
    const { found, silenced } = summary(
      "async function f() {\n  // nursery-ignore-next-line floating-promise -- fire and forget by design\n  audit();\n  audit();\n}\n",
    );
    assert.deepEqual(found, ["floating-promise@4"]);
    assert.deepEqual(silenced, ["floating-promise@3"]);
  });

  it("block comments and several rules work; file-level silences the whole file", () => {
    const line = summary("async function f() {\n  /* nursery-ignore-next-line unused-suppression, floating-promise */\n  audit();\n}\n");
    assert.deepEqual(line.silenced, ["floating-promise@3"]);
    // unused-suppression is named but has nothing to silence on that line: reported.
    assert.deepEqual(line.found, ["unused-suppression@2"]);
    const file = summary("// nursery-ignore-file floating-promise\nasync function f() {\n  audit();\n  audit();\n}\n");
    assert.deepEqual(file.found, []);
    assert.equal(file.silenced.length, 2);
  });

  it("reports an unused suppression, an unknown rule id, a directive without rules", () => {
    const { found, findings } = summary(
      [
        "// nursery-ignore-next-line floating-promise",
        "const x = 1;",
        "// nursery-ignore-next-line no-such-rule",
        "audit().catch(() => {});",
        "// nursery-ignore-next-line",
        "export const y = x;",
        "",
      ].join("\n"),
    );
    assert.deepEqual(found, ["unused-suppression@1", "invalid-suppression@3", "invalid-suppression@5"]);
    assert.equal(findings[0]!.severity, "warning");
    assert.equal(findings[1]!.severity, "error");
    assert.match(findings[1]!.message, /`no-such-rule`, which is not a Nursery rule/);
  });

  it("requires a reason when the config says so", () => {
    const text = "async function f() {\n  // nursery-ignore-next-line floating-promise\n  audit();\n}\n";
    const required = summary(text, { preset: "recommended", rules: {}, requireSuppressionReason: true });
    assert.deepEqual(required.found, ["invalid-suppression@2"]);
    assert.deepEqual(required.silenced, ["floating-promise@3"], "the suppression still applies");
    assert.deepEqual(summary(text).found, []);
  });

  it("a suppression of a rule that is off is idle, not unused; the checks can be turned off", () => {
    const text = "// nursery-ignore-next-line floating-promise\nexport const x = 1;\n";
    assert.deepEqual(summary(text, { preset: "recommended", rules: { "floating-promise": "off" } }).found, []);
    assert.deepEqual(summary(text, { preset: "recommended", rules: { "unused-suppression": "off" } }).found, []);
  });

  it("ignores the directive text inside strings and templates", () => {
    const { found } = summary('async function f() {\n  const s = "// nursery-ignore-next-line floating-promise";\n  audit();\n}\n');
    assert.deepEqual(found, ["floating-promise@3"]);
  });

  describe("fixes", () => {
    const apply = (text: string, edits: (r: ReturnType<typeof analyzeText>) => ReturnType<typeof suppressLineEdits>) => {
      const result = analyzeText(text);
      return applyEdits(text, edits(result));
    };

    it("suppress line: inserts a directive with the line's indentation", () => {
      const text = `${prelude}async function f() {\n    audit();\n}\n`;
      const out = apply(text, (r) => suppressLineEdits(r.sourceFile, r.findings[0]!));
      assert.equal(out, `${prelude}async function f() {\n    // nursery-ignore-next-line floating-promise\n    audit();\n}\n`);
      assert.deepEqual(analyzeText(out).findings, []);
    });

    it("suppress line: appends to an existing directive instead of stacking a second", () => {
      const text = `${prelude}async function f() {\n  // nursery-ignore-next-line unused-suppression -- legacy\n  audit();\n}\n`;
      const out = apply(text, (r) => suppressLineEdits(r.sourceFile, r.findings.find((f) => f.rule === "floating-promise")!));
      assert.equal(out, `${prelude}async function f() {\n  // nursery-ignore-next-line unused-suppression, floating-promise -- legacy\n  audit();\n}\n`);
    });

    it("suppress line: a reason placeholder when reasons are required; CRLF files stay CRLF", () => {
      const text = `${prelude}async function f() {\r\n  audit();\r\n}\r\n`;
      const out = apply(text, (r) => suppressLineEdits(r.sourceFile, r.findings[0]!, true));
      assert.ok(out.includes("  // nursery-ignore-next-line floating-promise -- <reason>\r\n  audit();"));
    });

    it("suppress file: at the top, after a shebang", () => {
      const text = `#!/usr/bin/env node\n${prelude}audit();\n`;
      const out = apply(text, (r) => suppressFileEdits(r.sourceFile, r.findings[0]!));
      assert.ok(out.startsWith("#!/usr/bin/env node\n// nursery-ignore-file floating-promise\n"));
      assert.deepEqual(analyzeText(out).findings, []);
    });

    it("remove unused suppression: the whole line, or just the id", () => {
      const whole = `${prelude}// nursery-ignore-next-line floating-promise\nexport const x = 1;\n`;
      let result = analyzeText(whole);
      assert.equal(applyEdits(whole, computeFix(result.sourceFile, result.findings[0]!, "remove-suppression")!), `${prelude}export const x = 1;\n`);

      const partial = `${prelude}// nursery-ignore-next-line unused-suppression, floating-promise -- why\naudit();\n`;
      result = analyzeText(partial);
      const unused = result.findings.find((f) => f.rule === "unused-suppression")!;
      assert.equal(
        applyEdits(partial, computeFix(result.sourceFile, unused, "remove-suppression")!),
        `${prelude}// nursery-ignore-next-line floating-promise -- why\naudit();\n`,
      );
    });
  });
});

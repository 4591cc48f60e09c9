// run-in-nursery in the language server's quick-fix menu: disabled with its reason where it cannot apply, a normal
// action where it can.
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { TextDocument } from "vscode-languageserver-textdocument";
import type { Diagnostic } from "vscode-languageserver";
import { analyzeSourceFile } from "../server/src/analysis/analyze";
import { defaultNurseryConfig } from "../server/src/config/config";
import { quickFixesFor } from "../server/src/lsp/code-actions";
import { LintProject } from "../server/src/workspace/project";

const dir = path.join(__dirname, "fixes", "run-in-nursery");
const project = LintProject.fromTsconfig(path.join(__dirname, "fixes", "tsconfig.json"));

function actionsFor(file: string) {
  const fileName = path.join(dir, file);
  const sourceFile = project.sourceFile(fileName)!;
  const { findings } = analyzeSourceFile(project.program(), sourceFile, { config: { preset: "strict", rules: {} } });
  const index = findings.findIndex((finding) => finding.data.fixes.includes("run-in-nursery"));
  assert.ok(index >= 0, "a finding lists run-in-nursery");
  const document = TextDocument.create(`file://${fileName}`, "typescript", 1, sourceFile.text);
  const diagnostic = { message: findings[index]!.message, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } } as Diagnostic;
  const source = { document, sourceFile, findings, config: { ...defaultNurseryConfig, preset: "strict" as const }, runtimeResolves: () => project.resolvesModule("nursery", sourceFile) };
  return quickFixesFor(diagnostic, index, source, true);
}

describe("run-in-nursery code actions", function () {
  this.timeout(60_000);

  it("is disabled with the reason, and carries no edit, where moving the code would change it", () => {
    const action = actionsFor("no-fix-sync-function.ts").find((candidate) => candidate.title === "Run in a nursery");
    assert.ok(action, "the action is listed");
    assert.match(action.disabled?.reason ?? "", /is not async/);
    assert.equal(action.edit, undefined);
    assert.equal(action.data, undefined);
  });

  it("is a normal quick fix with an edit where it applies", () => {
    const action = actionsFor("loop-body.before.ts").find((candidate) => candidate.title === "Run in a nursery");
    assert.ok(action?.edit, "the action has an edit");
    assert.equal(action.disabled, undefined);
  });
});

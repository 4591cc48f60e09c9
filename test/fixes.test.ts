import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import typescript from "typescript";
import { analyzeSourceFile } from "../server/src/analysis/analyze";
import type { ts } from "ts-morph";
import type { Finding, FixId } from "../server/src/analysis/types";
import { applyEdits, computeFix, defaultFixContext, fixesById, type TextEdit } from "../server/src/fixes";
import { LintProject } from "../server/src/workspace/project";

const fixesDir = path.join(__dirname, "fixes");
const project = LintProject.fromTsconfig(path.join(fixesDir, "tsconfig.json"));
/** Fix fixtures see the findings of every rule, strict ones included. */
const everyRule = { preset: "strict", rules: {} } as const;

/** A finding offers a fix when it lists it and the fix has no reason to stay disabled there. */
function unavailableReason(sourceFile: ts.SourceFile, finding: Finding, fixId: FixId): string | undefined {
  return fixesById.get(fixId)?.unavailableReason?.(sourceFile, finding, defaultFixContext);
}

function offers(sourceFile: ts.SourceFile, finding: Finding, fixId: FixId): boolean {
  return finding.data.fixes.includes(fixId) && !unavailableReason(sourceFile, finding, fixId);
}

/** Applies `fixId` to every finding in the file that offers it, as "fix all" would. */
function fixAll(fileName: string, fixId: FixId): { output: string; offered: number } {
  const sourceFile = project.sourceFile(fileName);
  assert.ok(sourceFile, `${fileName} is not in test/fixes/tsconfig.json`);
  const { findings, failures } = analyzeSourceFile(project.program(), sourceFile, { config: everyRule });
  assert.deepEqual(failures, []);
  const edits: TextEdit[] = [];
  let offered = 0;
  for (const finding of findings) {
    if (!offers(sourceFile, finding, fixId)) continue;
    offered++;
    const fixEdits = computeFix(sourceFile, finding, fixId);
    assert.ok(fixEdits, `fix ${fixId} offered but produced no edits`);
    edits.push(...fixEdits);
  }
  return { output: applyEdits(sourceFile.text, edits), offered };
}

/** Type-checks files with the real compiler (the `typescript` package, not our bundled copy) under test/fixes' tsconfig. */
function typeErrors(fileNames: readonly string[]): string[] {
  const configPath = path.join(fixesDir, "tsconfig.json");
  const config = typescript.getParsedCommandLineOfConfigFile(configPath, {}, {
    ...typescript.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => assert.fail(typescript.flattenDiagnosticMessageText(d.messageText, "\n")),
  })!;
  const program = typescript.createProgram({ rootNames: config.fileNames, options: config.options });
  return fileNames.flatMap((fileName) => {
    const sourceFile = program.getSourceFile(fileName);
    assert.ok(sourceFile, `${fileName} not in the type-check program`);
    return typescript.getPreEmitDiagnostics(program, sourceFile).map((d) => {
      const { line, character } = d.file!.getLineAndCharacterOfPosition(d.start ?? 0);
      return `${path.relative(fixesDir, fileName)}:${line + 1}:${character + 1} ${typescript.flattenDiagnosticMessageText(d.messageText, " ")}`;
    });
  });
}

const fixIds = fs.readdirSync(fixesDir).filter((entry) => fs.statSync(path.join(fixesDir, entry)).isDirectory()) as FixId[];

for (const fixId of fixIds) {
  describe(`fix ${fixId}`, () => {
    const dir = path.join(fixesDir, fixId);
    const files = fs.readdirSync(dir).sort();
    const befores = files.filter((file) => file.endsWith(".before.ts"));

    for (const before of befores) {
      const name = before.replace(/\.before\.ts$/, "");
      it(`${name}: applied to every finding, equals ${name}.after.ts`, () => {
        const expected = fs.readFileSync(path.join(dir, `${name}.after.ts`), "utf8");
        const { output, offered } = fixAll(path.join(dir, before), fixId);
        assert.ok(offered > 0, "the fix was not offered");
        assert.equal(output, expected);
      });
    }

    for (const noFix of files.filter((file) => file.startsWith("no-fix-"))) {
      it(`${noFix}: has a finding, but not this fix`, () => {
        const sourceFile = project.sourceFile(path.join(dir, noFix))!;
        const { findings } = analyzeSourceFile(project.program(), sourceFile, { config: everyRule });
        assert.ok(findings.length > 0, "the case should still have a finding");
        assert.ok(findings.every((finding) => !offers(sourceFile, finding, fixId)), `${fixId} offered`);
        // `// @unavailable: text` — the fix is listed, disabled with a reason that contains the text.
        const expectedReason = /^\/\/ @unavailable: (.+)$/m.exec(sourceFile.text)?.[1];
        if (expectedReason) {
          const reasons = findings.flatMap((finding) => (finding.data.fixes.includes(fixId) ? [unavailableReason(sourceFile, finding, fixId) ?? ""] : []));
          assert.ok(reasons.some((reason) => reason.includes(expectedReason)), `no disabled reason with "${expectedReason}" (got ${JSON.stringify(reasons)})`);
        }
      });
    }

    it("every before and after file type-checks with the real compiler", () => {
      assert.deepEqual(typeErrors(files.map((file) => path.join(dir, file))), []);
    });
  });
}

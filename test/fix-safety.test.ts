// Fix safety (issue 10). That each fix fixture's output equals its .after.ts and type-checks with the real compiler is
// test/fixes.test.ts; here: fix-all is idempotent, and `nursery-lint --fix` never makes a project's types worse.
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { analyzeSourceFile } from "../server/src/analysis/analyze";
import type { FixId } from "../server/src/analysis/types";
import { applyEdits, computeFix, type TextEdit } from "../server/src/fixes";
import { LintProject } from "../server/src/workspace/project";

const repoRoot = path.join(__dirname, "..");
const fixesDir = path.join(__dirname, "fixes");
const everyRule = { preset: "strict", rules: {} } as const;

describe("fix safety", function () {
  this.timeout(120_000);

  describe("fix-all twice: the second pass changes nothing", () => {
    const project = LintProject.fromTsconfig(path.join(fixesDir, "tsconfig.json"));

    /** Applies `fixId` to every finding in `fileName`'s current text (overlay) that offers it, as fix-all does. */
    const fixAll = (fileName: string, fixId: FixId): string => {
      const sourceFile = project.sourceFile(fileName)!;
      const { findings } = analyzeSourceFile(project.program(), sourceFile, { config: everyRule });
      const edits: TextEdit[] = findings
        .filter((finding) => finding.data.fixes.includes(fixId))
        .flatMap((finding) => computeFix(sourceFile, finding, fixId) ?? []);
      return applyEdits(sourceFile.text, edits);
    };

    const fixIds = fs.readdirSync(fixesDir).filter((entry) => fs.statSync(path.join(fixesDir, entry)).isDirectory()) as FixId[];
    for (const fixId of fixIds) {
      for (const before of fs.readdirSync(path.join(fixesDir, fixId)).filter((file) => file.endsWith(".before.ts")).sort()) {
        it(`${fixId}/${before}`, () => {
          const fileName = path.join(fixesDir, fixId, before);
          const original = fs.readFileSync(fileName, "utf8");
          try {
            const once = fixAll(fileName, fixId);
            assert.notEqual(once, original, "the first pass fixes something");
            project.setOverlay(fileName, once);
            assert.equal(fixAll(fileName, fixId), once);
          } finally {
            project.setOverlay(fileName, original);
          }
        });
      }
    }
  });

  describe("nursery-lint --fix on a copy of examples/ leaves `tsc --noEmit` as clean as before", () => {
    const tsc = (dir: string): string[] => {
      const result = spawnSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", dir, "--noEmit", "--pretty", "false"], { encoding: "utf8" });
      // One line per diagnostic, without positions (fixes move code): "src/a.ts: error TS2345: …".
      return result.stdout
        .split("\n")
        .filter((line) => / error TS\d+:/.test(line))
        .map((line) => line.replace(/\(\d+,\d+\)/, ""))
        .sort();
    };

    for (const extra of [[], ["--fix-type", "unsafe"]]) {
      it(`--fix ${extra.join(" ")}`.trim(), () => {
        const copy = fs.mkdtempSync(path.join(os.tmpdir(), "nursery-fix-safety-"));
        try {
          fs.cpSync(path.join(repoRoot, "examples"), copy, { recursive: true });
          const before = tsc(copy);
          const snapshot = () => fs.readdirSync(path.join(copy, "src")).map((file) => fs.readFileSync(path.join(copy, "src", file), "utf8")).join("\0");
          const textBefore = snapshot();
          const run = spawnSync(process.execPath, [path.join(repoRoot, "dist", "cli.js"), ".", "--fix", ...extra], { cwd: copy, encoding: "utf8" });
          assert.ok(run.status === 0 || run.status === 1, `exit ${run.status}: ${run.stderr}`);
          if (extra.length > 0) assert.notEqual(snapshot(), textBefore, "unsafe fixes changed the code");
          const after = tsc(copy);
          assert.deepEqual(after.filter((line) => !before.includes(line)), [], "new type errors after --fix");
        } finally {
          fs.rmSync(copy, { recursive: true, force: true });
        }
      });
    }
  });
});

import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

const repoRoot = path.join(__dirname, "..");

/** What the .vsix may hold: the bundles, the manifest and its documents, the icon, and three folders of assets. */
const requiredFiles = ["dist/client.js", "dist/server.js", "package.json", "README.md", "CHANGELOG.md", "LICENSE", "images/icon.png"];
const assetFolders: Record<string, RegExp> = {
  "syntaxes/": /\.tmLanguage\.json$/,
  "schemas/": /\.schema\.json$/,
  "walkthrough/": /\.(md|png|svg)$/,
};

describe("the .vsix contents (vsce ls --no-dependencies)", function () {
  // vsce reads the manifest and walks the tree; it does not build. Slow only on a loaded machine.
  this.timeout(120_000);
  let files: string[] = [];

  before(function () {
    const vsce = path.join(repoRoot, "node_modules", "@vscode", "vsce", "vsce");
    const result = spawnSync(process.execPath, [vsce, "ls", "--no-dependencies"], { cwd: repoRoot, encoding: "utf8", timeout: 110_000 });
    assert.equal(result.status, 0, `vsce ls failed: ${result.stderr || result.stdout}`);
    files = result.stdout.split("\n").map((line) => line.trim()).filter(Boolean).sort();
  });

  it("lists the bundles, manifest, README, CHANGELOG, LICENSE and icon", function () {
    const missing = requiredFiles.filter((file) => !files.includes(file));
    const hint = missing.some((file) => file.startsWith("dist/")) ? " (run `npm run build` first)" : "";
    assert.deepEqual(missing, [], `missing from the .vsix${hint}: ${missing.join(", ")}`);
  });

  it("lists nothing else but syntaxes/**, schemas/** and walkthrough/**", function () {
    const extra = files.filter(
      (file) => !requiredFiles.includes(file) && !Object.entries(assetFolders).some(([folder, ext]) => file.startsWith(folder) && ext.test(file)),
    );
    assert.deepEqual(extra, [], `unexpected files in the .vsix (fix .vscodeignore): ${extra.join(", ")}`);
  });

  it("ships every grammar, schema and walkthrough page the manifest names", function () {
    const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8"));
    const named: string[] = [
      ...(manifest.contributes?.grammars ?? []).map((g: { path: string }) => g.path),
      ...(manifest.contributes?.jsonValidation ?? []).map((j: { url: string }) => j.url),
      ...(manifest.contributes?.walkthroughs ?? []).flatMap((w: { steps: { media?: { markdown?: string; image?: string } }[] }) =>
        w.steps.flatMap((s) => [s.media?.markdown, s.media?.image].filter((m): m is string => typeof m === "string")),
      ),
      manifest.main,
      manifest.icon,
    ].map((p) => path.posix.normalize(p.replace(/^\.\//, "")));
    for (const folder of Object.keys(assetFolders)) {
      if (named.some((p) => p.startsWith(folder))) assert.ok(files.some((f) => f.startsWith(folder)), `nothing under ${folder} in the .vsix`);
    }
    const notShipped = named.filter((p) => !files.includes(p));
    assert.deepEqual(notShipped, [], `package.json names files the .vsix does not contain: ${notShipped.join(", ")}`);
  });

  it("holds no sources, tests, source maps or node_modules", function () {
    const bad = files.filter((file) => /(^|\/)node_modules\/|\.map$|\.tsx?$|^(client|server|test|runtime|scripts|examples|bench)\//.test(file));
    assert.deepEqual(bad, []);
  });
});

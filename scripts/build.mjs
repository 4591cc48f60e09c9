// Bundles the extension client, the language server and the CLI into dist/, so they run with no node_modules.
import * as esbuild from "esbuild";
import { readFileSync } from "node:fs";

const { version } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
const watch = process.argv.includes("--watch");

/** @type {esbuild.BuildOptions} */
const common = {
  bundle: true,
  platform: "node",
  // Prefer ESM builds: jsonc-parser's UMD build uses dynamic requires esbuild cannot follow (vscode-eslint does the same).
  mainFields: ["module", "main"],
  format: "cjs",
  target: "node20",
  sourcemap: "linked",
  sourcesContent: false,
  logLevel: "warning",
  // ESM dependencies (tinyglobby) read import.meta.url, which a CommonJS bundle must provide itself.
  define: { NURSERY_VERSION: JSON.stringify(version), "import.meta.url": "__nursery_import_meta_url" },
  banner: { js: 'const __nursery_import_meta_url = require("node:url").pathToFileURL(__filename).href;' },
};

const builds = [
  { ...common, entryPoints: ["client/src/extension.ts"], outfile: "dist/client.js", external: ["vscode"] },
  { ...common, entryPoints: ["server/src/lsp/server.ts"], outfile: "dist/server.js" },
  // The CLI: the bundle, and the small entry point `nursery-lint` runs, which loads the bundle through V8's code cache.
  { ...common, entryPoints: ["server/src/cli.ts"], outfile: "dist/nursery-lint.js" },
  { ...common, entryPoints: ["server/src/cli-launcher.ts"], outfile: "dist/cli.js", banner: { js: "#!/usr/bin/env node" } },
];

if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
} else {
  // nursery-ignore-next-line leaky-all -- a failed build ends the process; the other bundles need no cancelling
  await Promise.all(builds.map((options) => esbuild.build(options)));
  // The CLI's launcher reads its bundle as Latin-1 (no UTF-8 decoding of 13 MB at every start): exact only for ASCII.
  const nonAscii = /[^\x00-\x7f]/.exec(readFileSync("dist/nursery-lint.js", "latin1"));
  if (nonAscii) throw new Error(`dist/nursery-lint.js must be ASCII (the launcher reads it as Latin-1); found ${JSON.stringify(nonAscii[0])} at ${nonAscii.index}`);
}

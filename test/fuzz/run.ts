/**
 * `npm run fuzz [-- --seed N --count N]`: mutated fixtures through every rule and fix (see harness.ts).
 * Prints the seed; every failing input is saved as test/fuzz/regressions/<fixture>-<seed>-<index>.json, which the
 * smoke test (`npm test`) replays from then on. Exit 1 when anything failed.
 */
import { parseArgs } from "node:util";
import { FuzzRunner, inputs, loadFixtures, saveRegression } from "./harness";

const { values } = parseArgs({ options: { seed: { type: "string" }, count: { type: "string" } } });
const seed = values.seed !== undefined ? Number(values.seed) : Math.floor(Math.random() * 2 ** 31);
const count = values.count !== undefined ? Number(values.count) : 10_000;
console.log(`fuzz: seed ${seed}, ${count} inputs (replay with: npm run fuzz -- --seed ${seed} --count ${count})`);

const fixtures = loadFixtures();
const runner = new FuzzRunner();
const started = performance.now();
let index = 0;
let failed = 0;
let slowest = 0;
let findings = 0;
let fixes = 0;
for (const input of inputs(fixtures, seed, count)) {
  const result = runner.check(input);
  slowest = Math.max(slowest, result.analysisMs);
  findings += result.findings;
  fixes += result.fixesApplied;
  if (result.problems.length > 0) {
    failed++;
    const name = saveRegression(input, seed, index, result.problems);
    console.log(`FAIL #${index} (${input.file}${input.asTsx ? " as .tsx" : ""}) → test/fuzz/regressions/${name}\n  ${result.problems.join("\n  ")}`);
  }
  index++;
  if (index % 500 === 0) {
    const seconds = (performance.now() - started) / 1000;
    console.log(`  ${index}/${count} in ${seconds.toFixed(1)} s, ${failed} failing, slowest analysis ${Math.round(slowest)} ms`);
  }
}
const seconds = (performance.now() - started) / 1000;
console.log(
  `fuzz: ${index} inputs in ${seconds.toFixed(1)} s (seed ${seed}): ${failed} failing, ${findings} findings, ${fixes} fixes applied, slowest analysis ${Math.round(slowest)} ms`,
);
process.exitCode = failed > 0 ? 1 : 0;

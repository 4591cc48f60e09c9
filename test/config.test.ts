import * as assert from "node:assert/strict";
import { ConfigError, mergeConfig, parseConfig, defaultNurseryConfig } from "../server/src/config/config";
import { enabledRules } from "../server/src/analysis/analyze";

function problemsOf(text: string): string[] {
  try {
    parseConfig("nursery.json", text);
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return error.problems.map((p) => p.message);
  }
  assert.fail("expected a ConfigError");
}

describe("nursery.json", () => {
  it("reads presets, ESLint-style rule entries, comments and trailing commas", () => {
    const config = parseConfig(
      "nursery.json",
      `{
        // comments are fine, as in VS Code's settings
        "$schema": "./node_modules/nursery/schema.json",
        "preset": "strict",
        "runtimeModule": "@acme/nursery",
        "requireSuppressionReason": true,
        "rules": {
          "floating-promise": ["warn", { "allowVoid": false, "allowForKnownSafeCalls": ["it"] }],
          "unused-suppression": "off",
        },
      }`,
    );
    assert.equal(config.preset, "strict");
    assert.equal(config.runtimeModule, "@acme/nursery");
    assert.equal(config.requireSuppressionReason, true);
    assert.deepEqual(config.rules["floating-promise"], { level: "warn", options: { allowVoid: false, allowForKnownSafeCalls: ["it"] } });
    const floating = enabledRules(config).find(({ rule }) => rule.id === "floating-promise");
    assert.equal(floating!.severity, "warning");
    assert.equal(floating!.options.allowVoid, false);
    assert.equal(floating!.options.ignoreIIFE, false, "unset options keep their defaults");
  });

  it("accepts the object form and turns rules off", () => {
    const config = parseConfig("nursery.json", '{ "rules": { "floating-promise": { "level": "off" } } }');
    assert.ok(enabledRules(config).length > 0, "other rules stay on");
    assert.ok(!enabledRules(config).some(({ rule }) => rule.id === "floating-promise"));
  });

  it("reports every problem with its position", () => {
    try {
      parseConfig("nursery.json", '{\n  "preset": "lax",\n  "rules": { "no-such-rule": "warn" }\n}');
      assert.fail("expected a ConfigError");
    } catch (error) {
      assert.ok(error instanceof ConfigError);
      assert.equal(error.problems.length, 2);
      assert.match(error.message, /^Invalid config "nursery\.json": 2:3 "preset" must be one of recommended, strict; 3:14 unknown rule "no-such-rule"/);
    }
  });

  const invalid: [string, string, RegExp][] = [
    ["broken JSON", '{ "preset": ', /^JSON: /],
    ["not an object", "[]", /must be a JSON object/],
    ["unknown key", '{ "rulez": {} }', /unknown key "rulez"/],
    ["bad level", '{ "rules": { "floating-promise": "loud" } }', /level of "floating-promise" must be one of off, warn, error/],
    ["unknown option", '{ "rules": { "floating-promise": ["warn", { "allowVoids": true }] } }', /unknown option "allowVoids"/],
    ["option of the wrong kind", '{ "rules": { "floating-promise": ["warn", { "allowVoid": "yes" }] } }', /must be boolean, not string/],
    ["empty runtime module", '{ "runtimeModule": "" }', /non-empty string/],
  ];
  for (const [name, text, expected] of invalid) {
    it(`rejects ${name}`, () => assert.match(problemsOf(text)[0]!, expected));
  }

  it("merges overrides per rule", () => {
    const base = parseConfig("nursery.json", '{ "rules": { "floating-promise": ["warn", { "allowVoid": false }] } }');
    const merged = mergeConfig(base, { preset: "strict", rules: { "unused-suppression": "off" } });
    assert.equal(merged.preset, "strict");
    assert.deepEqual(Object.keys(merged.rules).sort(), ["floating-promise", "unused-suppression"]);
    assert.equal(mergeConfig(defaultNurseryConfig, { runtimeModule: undefined }).runtimeModule, "nursery");
  });
});

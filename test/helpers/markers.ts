/**
 * Inline expectations in fixture files, rust-analyzer style: a comment line of carets under the code names the rule
 * whose finding starts at the first caret's column, on the nearest code line above.
 *
 *     audit(user);
 *   //^^^^^^^^^^^^ floating-promise
 */
export interface ExpectedFinding {
  rule: string;
  /** 1-based, as the CLI reports. */
  line: number;
  column: number;
}

const markerLine = /^(\s*\/\/\s*)(\^+)\s+([a-z][a-z-]*)\s*$/;

export function parseMarkers(text: string): ExpectedFinding[] {
  const lines = text.split(/\r?\n/);
  const expected: ExpectedFinding[] = [];
  let lastCodeLine = -1;
  lines.forEach((line, index) => {
    const match = markerLine.exec(line);
    if (!match) {
      lastCodeLine = index;
      return;
    }
    if (lastCodeLine < 0) throw new Error(`marker on line ${index + 1} has no code line above it`);
    expected.push({ rule: match[3]!, line: lastCodeLine + 1, column: match[1]!.length + 1 });
  });
  return expected;
}

/** JSON options on the first line: `// @options {"allowVoid": false}`. */
export function parseOptions(text: string): Record<string, unknown> | undefined {
  const match = /^\/\/ @options (.*)$/m.exec(text.split(/\r?\n/, 1)[0] ?? "");
  return match ? (JSON.parse(match[1]!) as Record<string, unknown>) : undefined;
}

export function key(finding: ExpectedFinding): string {
  return `${finding.rule} at ${finding.line}:${finding.column}`;
}

/** Compares both ways and returns a readable report of what is missing and what is unexpected (empty when equal). */
export function diffFindings(expected: readonly ExpectedFinding[], actual: readonly ExpectedFinding[]): string {
  const expectedKeys = new Set(expected.map(key));
  const actualKeys = new Set(actual.map(key));
  const missing = [...expectedKeys].filter((k) => !actualKeys.has(k));
  const unexpected = [...actualKeys].filter((k) => !expectedKeys.has(k));
  const parts: string[] = [];
  if (missing.length) parts.push(`missing:\n  ${missing.join("\n  ")}`);
  if (unexpected.length) parts.push(`unexpected:\n  ${unexpected.join("\n  ")}`);
  if (expected.length !== expectedKeys.size) parts.push("duplicate expectations");
  if (actual.length !== actualKeys.size) parts.push(`duplicate findings: ${actual.map(key).join(", ")}`);
  return parts.join("\n");
}

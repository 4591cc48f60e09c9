import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { analyzeSourceFile } from "../server/src/analysis/analyze";
import { rulesById } from "../server/src/analysis/rules";
import { LintProject } from "../server/src/workspace/project";

/** Lines of `ruleId`'s findings in `text`, checked in a project with these compiler options. */
function findingLines(compilerOptions: Record<string, unknown>, ruleId: string, text: string): number[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "nursery-options-"));
  try {
    fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: { target: "es2022", module: "esnext", lib: ["es2022"], types: [], ...compilerOptions }, include: ["*.ts"] }));
    const fileName = path.join(dir, "case.ts");
    fs.writeFileSync(fileName, text);
    const project = LintProject.fromTsconfig(path.join(dir, "tsconfig.json"));
    const sourceFile = project.sourceFile(fileName)!;
    const { findings, failures } = analyzeSourceFile(project.program(), sourceFile, { rules: [rulesById.get(ruleId)!], config: { preset: "strict", rules: { [ruleId]: "error" } } });
    assert.deepEqual(failures, []);
    return findings.map((finding) => sourceFile.getLineAndCharacterOfPosition(finding.range.start).line + 1);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe("rules read the project's compiler options", () => {
  // Line numbers below are those of the `flagged` comments.
  const lazy = `declare function start(): Promise<void>;
declare function log(message: string): void;
export class Store {
  private initPromise: Promise<void>;
  private ready = start();
  init() {
    if (!this.initPromise) this.initPromise = start(); // set yet?
    return this.initPromise;
  }
  check(pending: Promise<void>) {
    if (pending) log("pending"); // set yet?
    let later: Promise<void>;
    if (later) log("later"); // set yet?
    const now = start();
    if (now) log("now"); // flagged: a const holding a promise
    if (start()) log("started"); // flagged: a call's promise
  }
}
`;

  it("misused-promise: with strictNullChecks off, a parameter, a let or a field may hold undefined; a call or a const of one may not", () => {
    assert.deepEqual(findingLines({ strict: false }, "misused-promise", lazy), [15, 16]);
  });

  it("misused-promise: with strictPropertyInitialization off, a field without a value may be unset; strict flags every test", () => {
    const field = `declare function start(): Promise<void>;
export class Store {
  private initPromise: Promise<void>;
  private ready = start();
  init() {
    if (!this.initPromise) this.initPromise = start();
    return this.ready ? this.initPromise : undefined;
  }
}
`;
    assert.deepEqual(findingLines({ strict: true, strictPropertyInitialization: false }, "misused-promise", field), [7]);
    // Strict (TypeScript 6's default): the field must be assigned in the constructor (an error here), so it is a promise.
    assert.deepEqual(findingLines({}, "misused-promise", field), [6, 7]);
  });

  it("signal-not-forwarded: with Node's own types, a stream adapter over a stream a call handed the signal made needs none; over another it does", () => {
    const adapters = `import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
declare function transformHtml(source: ReadableStream<Uint8Array>, options?: { signal?: AbortSignal }): ReadableStream<Uint8Array>;
export function signalled(source: Readable, options?: { signal?: AbortSignal }): Readable {
  return Readable.fromWeb(transformHtml(Readable.toWeb(source) as ReadableStream<Uint8Array>, options) as NodeReadableStream<Uint8Array>);
}
export function unsignalled(source: ReadableStream<Uint8Array>, signal: AbortSignal): Readable {
  return Readable.fromWeb(source as NodeReadableStream<Uint8Array>); // flagged
}
`;
    const nodeTypes = { lib: ["es2022", "dom"], types: ["node"], typeRoots: [path.resolve(__dirname, "..", "node_modules", "@types")] };
    assert.deepEqual(findingLines(nodeTypes, "signal-not-forwarded", adapters), [8]);
  });
});

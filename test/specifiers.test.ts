import * as assert from "node:assert/strict";
import { ts } from "../server/src/typescript";
import { packageInProgram } from "../server/src/analysis/specifiers";

/** A program over in-memory files (nothing read from disk but the default library). */
function programOf(files: Record<string, string>): ts.Program {
  const options: ts.CompilerOptions = { strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.Node16, noLib: true };
  const host = ts.createCompilerHost(options, true);
  host.fileExists = (fileName) => fileName in files;
  host.readFile = (fileName) => files[fileName];
  host.getSourceFile = (fileName, languageVersion) =>
    fileName in files ? ts.createSourceFile(fileName, files[fileName]!, languageVersion, true) : undefined;
  return ts.createProgram({ rootNames: Object.keys(files), options, host });
}

describe("packageInProgram (nursery-escape asks it before typing any callback parameter)", () => {
  it("finds a package's own files under node_modules", () => {
    const program = programOf({
      "/p/src/a.ts": 'import { Nursery } from "nursery"; export declare const n: Nursery;',
      "/p/node_modules/nursery/index.d.ts": "export declare class Nursery {}",
    });
    assert.equal(packageInProgram(program, "nursery"), true);
    assert.equal(packageInProgram(program, "other"), false);
  });

  it("finds an ambient `declare module` of the package", () => {
    const program = programOf({ "/p/src/a.ts": "export {};", "/p/types/nursery.d.ts": 'declare module "nursery" { export class Nursery {} }' });
    assert.equal(packageInProgram(program, "nursery"), true);
  });

  it("answers no when the package is neither installed nor declared (a file merely named like it does not count)", () => {
    const program = programOf({ "/p/src/nursery.ts": "export class Nursery {}", "/p/src/a.ts": 'import { Nursery } from "./nursery"; export { Nursery };' });
    assert.equal(packageInProgram(program, "nursery"), false);
  });
});

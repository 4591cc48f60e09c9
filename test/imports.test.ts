import * as assert from "node:assert/strict";
import { ts } from "ts-morph";
import { applyEdits } from "../server/src/fixes";
import { ensureNamedImport, importedName } from "../server/src/fixes/imports";

/** `ensureNamedImport` applied to `text`: the file as the fix would leave it. */
function withImport(text: string, name = "sleep", moduleSpecifier = "nursery"): string {
  const sourceFile = ts.createSourceFile("case.ts", text, ts.ScriptTarget.Latest, true);
  return applyEdits(text, ensureNamedImport(sourceFile, moduleSpecifier, name));
}

describe("fixes/imports: ensureNamedImport", () => {
  it("adds a new import at the top of a file without imports, followed by a blank line", () => {
    assert.equal(withImport("export async function f() {}\n"), 'import { sleep } from "nursery";\n\nexport async function f() {}\n');
  });

  it("keeps a leading comment above the new import", () => {
    assert.equal(withImport("// header\nconst x = 1;\n"), '// header\nimport { sleep } from "nursery";\n\nconst x = 1;\n');
  });

  it("inserts after the last import, in the file's quote style and without semicolons when it has none", () => {
    assert.equal(
      withImport("import a from 'a'\nimport { b } from 'b'\n\nconst c = a + b\n"),
      "import a from 'a'\nimport { b } from 'b'\nimport { sleep } from 'nursery'\n\nconst c = a + b\n",
    );
  });

  it("reuses an existing import from the module", () => {
    assert.equal(withImport('import { nursery } from "nursery";\n'), 'import { nursery, sleep } from "nursery";\n');
    assert.equal(withImport('import {} from "nursery";\n'), 'import { sleep } from "nursery";\n');
  });

  it("keeps a multi-line import list multi-line, trailing comma included", () => {
    assert.equal(
      withImport('import {\n  nursery,\n  race,\n} from "nursery";\n'),
      'import {\n  nursery,\n  race,\n  sleep,\n} from "nursery";\n',
    );
  });

  it("adds named bindings to a default import, but not to a namespace or type-only import", () => {
    assert.equal(withImport('import lib from "nursery";\n'), 'import lib, { sleep } from "nursery";\n');
    assert.equal(withImport('import * as lib from "nursery";\n'), 'import * as lib from "nursery";\nimport { sleep } from "nursery";\n');
    assert.equal(withImport('import type { Task } from "nursery";\n'), 'import type { Task } from "nursery";\nimport { sleep } from "nursery";\n');
  });

  it("does nothing when the name is already imported from the module", () => {
    assert.equal(withImport('import { sleep } from "nursery";\nsleep(1);\n'), 'import { sleep } from "nursery";\nsleep(1);\n');
  });

  it("uses the configured module specifier", () => {
    assert.equal(withImport('import { x } from "nursery";\n', "sleep", "@acme/nursery"), 'import { x } from "nursery";\nimport { sleep } from "@acme/nursery";\n');
  });
});

describe("fixes/imports: importedName", () => {
  it("answers the local name of an import, aliases included", () => {
    const sourceFile = ts.createSourceFile("case.ts", 'import { sleep as nap, race } from "nursery";\n', ts.ScriptTarget.Latest, true);
    assert.equal(importedName(sourceFile, "nursery", "sleep"), "nap");
    assert.equal(importedName(sourceFile, "nursery", "race"), "race");
    assert.equal(importedName(sourceFile, "nursery", "all"), undefined);
    assert.equal(importedName(sourceFile, "other", "race"), undefined);
  });
});

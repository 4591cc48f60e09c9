import { ts } from "../typescript";
import { ensureNamedImport, importedName } from "./imports";
import { expressionAt } from "./locate";
import { signalArgumentEdits } from "./pass-signal";
import type { Fix } from "./types";

function importsNameFromElsewhere(sourceFile: ts.SourceFile, name: string): boolean {
  return sourceFile.statements.some((statement) => {
    const clause = ts.isImportDeclaration(statement) ? statement.importClause : undefined;
    if (!clause) return false;
    if (clause.name?.text === name) return true;
    const bindings = clause.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) return bindings.name.text === name;
    return !!bindings && bindings.elements.some((element) => element.name.text === name);
  });
}

/**
 * `await new Promise((r) => setTimeout(r, ms))` → `await sleep(ms, signal)` with `sleep` imported from the runtime;
 * `await setTimeout(ms)` from `timers/promises` → `await setTimeout(ms, undefined, { signal })`.
 * Safe: until the signal aborts, the wait is the same.
 */
export const cancellableSleep: Fix = {
  id: "cancellable-sleep",
  title: "Make the sleep cancellable",
  safety: "safe",
  edits(sourceFile, finding, context) {
    const { passSignal, sleep, expression: span } = finding.data;
    if (passSignal) {
      const call = expressionAt(sourceFile, passSignal.call);
      return call && ts.isCallExpression(call) ? signalArgumentEdits(sourceFile, call, passSignal) : undefined;
    }
    const timer = span && expressionAt(sourceFile, span);
    if (!sleep || !timer) return undefined;
    const localName = importedName(sourceFile, context.runtimeModule, "sleep");
    // A `sleep` imported from another module would clash with the runtime's.
    if (!localName && importsNameFromElsewhere(sourceFile, "sleep")) return undefined;
    return [
      { start: timer.getStart(sourceFile), end: timer.getEnd(), newText: `${localName ?? "sleep"}(${sleep.delay}, ${sleep.signal})` },
      ...(localName ? [] : ensureNamedImport(sourceFile, context.runtimeModule, "sleep")),
    ];
  },
};

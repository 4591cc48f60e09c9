import { ts } from "../typescript";
import { isIdentifierReference } from "./syntax";

/**
 * Every identifier in `within` that refers to the binding `name` declares (its own name aside): same text first, so
 * the checker is asked only about candidates, then the same symbol (a shadowing local of the same name is not one).
 */
export function referencesTo(checker: ts.TypeChecker, name: ts.Identifier, within: ts.Node): ts.Identifier[] {
  const symbol = checker.getSymbolAtLocation(name);
  if (!symbol) return [];
  const found: ts.Identifier[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) {
      if (node !== name && node.text === name.text && isIdentifierReference(node) && symbolReadBy(checker, node) === symbol) found.push(node);
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(within);
  return found;
}

/** The binding an identifier reads: for `{ timeout }`, the variable, not the property it makes. */
function symbolReadBy(checker: ts.TypeChecker, identifier: ts.Identifier): ts.Symbol | undefined {
  const parent = identifier.parent;
  if (ts.isShorthandPropertyAssignment(parent) && parent.name === identifier) return checker.getShorthandAssignmentValueSymbol(parent);
  return checker.getSymbolAtLocation(identifier);
}

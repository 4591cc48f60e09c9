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
      if (node !== name && node.text === name.text && isIdentifierReference(node) && checker.getSymbolAtLocation(node) === symbol) found.push(node);
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(within);
  return found;
}

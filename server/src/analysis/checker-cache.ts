import { ts } from "../typescript";

/**
 * The checker's answers about nodes, remembered for as long as the checker lives. Several rules ask the same questions
 * (the type of a call, the symbol of a callee) and the checker does not remember them itself: `getTypeAtLocation` on an
 * expression checks it again each time, walking the control flow back to each reference's declaration.
 */
interface Memo {
  typeAt: WeakMap<ts.Node, ts.Type>;
  symbolAt: WeakMap<ts.Node, ts.Symbol | null>;
  typeOfSymbolAt: WeakMap<ts.Node, Map<ts.Symbol, ts.Type>>;
  contextualType: WeakMap<ts.Node, ts.Type | null>;
}

const memoized = new WeakMap<ts.TypeChecker, ts.TypeChecker>();

export function memoizedChecker(checker: ts.TypeChecker): ts.TypeChecker {
  const existing = memoized.get(checker);
  if (existing) return existing;
  const memo: Memo = { typeAt: new WeakMap(), symbolAt: new WeakMap(), typeOfSymbolAt: new WeakMap(), contextualType: new WeakMap() };
  const wrapper: ts.TypeChecker = Object.create(checker);
  wrapper.getTypeAtLocation = (node) => {
    let type = memo.typeAt.get(node);
    if (type === undefined) memo.typeAt.set(node, (type = checker.getTypeAtLocation(node)));
    return type;
  };
  wrapper.getSymbolAtLocation = (node) => {
    let symbol = memo.symbolAt.get(node);
    if (symbol === undefined) memo.symbolAt.set(node, (symbol = checker.getSymbolAtLocation(node) ?? null));
    return symbol ?? undefined;
  };
  wrapper.getTypeOfSymbolAtLocation = (symbol, node) => {
    let bySymbol = memo.typeOfSymbolAt.get(node);
    if (!bySymbol) memo.typeOfSymbolAt.set(node, (bySymbol = new Map()));
    let type = bySymbol.get(symbol);
    if (type === undefined) bySymbol.set(symbol, (type = checker.getTypeOfSymbolAtLocation(symbol, node)));
    return type;
  };
  wrapper.getContextualType = (node) => {
    let type = memo.contextualType.get(node);
    if (type === undefined) memo.contextualType.set(node, (type = checker.getContextualType(node) ?? null));
    return type ?? undefined;
  };
  memoized.set(checker, wrapper);
  return wrapper;
}

import { ts } from "../../typescript";

/**
 * Type questions about `AbortSignal`, answered by the checker. A type is an abort signal when its declared symbol is
 * `AbortSignal` (DOM, Node's globals, a polyfill's class) or when it has the shape one has (`aborted`, `reason`,
 * `throwIfAborted`): what matters is the type, not the name of the variable that holds it.
 */

const nullish = ts.TypeFlags.Undefined | ts.TypeFlags.Null | ts.TypeFlags.Void;
const unknowable = ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.Never;

export function unionParts(type: ts.Type): readonly ts.Type[] {
  return type.isUnion() ? type.types : [type];
}

/** The union members that are not `undefined`, `null` or `void`. */
export function definedParts(type: ts.Type): ts.Type[] {
  return unionParts(type).filter((part) => !(part.flags & nullish));
}

/** True when `type` may be `undefined` or `null` (so `.throwIfAborted()` needs `?.`). */
export function isPossiblyNullish(type: ts.Type): boolean {
  return unionParts(type).some((part) => (part.flags & nullish) !== 0);
}

function isSignalObject(part: ts.Type): boolean {
  if (part.flags & unknowable) return false;
  if (part.getSymbol()?.getName() === "AbortSignal") return true;
  return ["aborted", "reason", "throwIfAborted"].every((name) => part.getProperty(name) !== undefined);
}

/** `AbortSignal`, `AbortSignal | undefined`, `AbortSignal | null`: every defined member is a signal. */
export function isAbortSignalType(type: ts.Type): boolean {
  const parts = definedParts(type);
  return parts.length > 0 && parts.every(isSignalObject);
}

/** `AbortController` (or a subclass): its `.signal` is a signal in scope. Nullable controllers do not count. */
export function isAbortControllerType(checker: ts.TypeChecker, type: ts.Type, at: ts.Node): boolean {
  if (type.flags & (unknowable | nullish) || type.isUnion()) return false;
  const signal = type.getProperty("signal");
  const abort = type.getProperty("abort");
  return !!signal && !!abort && isAbortSignalType(checker.getTypeOfSymbolAtLocation(signal, at)) && !isPossiblyNullish(checker.getTypeOfSymbolAtLocation(signal, at));
}

/**
 * The first property of an object member of `type` whose type is an abort signal (`signal`, `abortSignal`, …).
 * With `optionsOnly`, only plain options bags count (objects without methods).
 */
export function signalPropertyOf(checker: ts.TypeChecker, type: ts.Type, at: ts.Node, optionsOnly = false): ts.Symbol | undefined {
  for (const part of definedParts(checker.getApparentType(type))) {
    if (part.flags & unknowable || !(part.flags & ts.TypeFlags.Object || part.isIntersection())) continue;
    // Functions are not options objects, even when they carry properties.
    if (part.getCallSignatures().length > 0) continue;
    const properties = part.getProperties();
    // An object with methods (a `Request`, a class instance) carries a signal of its own; it is no options bag.
    if (optionsOnly && properties.some((p) => p.flags & ts.SymbolFlags.Method)) continue;
    const preferred = properties.find((p) => p.getName() === "signal") ?? properties.find((p) => /signal/i.test(p.getName()));
    const ordered = preferred ? [preferred, ...properties.filter((p) => p !== preferred)] : properties;
    for (const property of ordered) {
      if (isAbortSignalType(checker.getTypeOfSymbolAtLocation(property, at))) return property;
    }
  }
  return undefined;
}

/**
 * True when a value of this type hands a signal to whoever receives it: a signal itself, or an object with a
 * signal-typed property (`RequestInit`, a `Request`, `{ ...options }` spread from such a type). `any` counts: we cannot
 * tell, and precision comes first.
 */
export function carriesSignal(checker: ts.TypeChecker, type: ts.Type, at: ts.Node): boolean {
  if (type.flags & ts.TypeFlags.Any) return true;
  if (isAbortSignalType(type)) return true;
  return signalPropertyOf(checker, type, at) !== undefined || isOpaqueBag(checker, type);
}

/**
 * `{ [key: string]: any }` (`Record<string, unknown>`): a bag whose string keys may hold anything, a signal included.
 * As with `any`, we cannot tell, and precision comes first.
 */
function isOpaqueBag(checker: ts.TypeChecker, type: ts.Type): boolean {
  return definedParts(type).some((part) => {
    const value = part.flags & ts.TypeFlags.Object ? checker.getIndexTypeOfType(part, ts.IndexKind.String) : undefined;
    return value !== undefined && (value.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) !== 0;
  });
}

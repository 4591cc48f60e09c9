import { ts } from "../../typescript";
import { calleeSignatures, nonGenericCallType } from "../call-result";
import { calleeDeclarations, isInterfaceMethodDeclaration } from "../specifiers";
import { calleeName, isIdentifierReference, isUndefinedLiteral, skipParentheses } from "../syntax";
import { isDeclaredSignalReference, isNeverSignalOrCarrier } from "./scope";
import { carriesSignal, definedParts, isAbortSignalType, signalPropertyOf } from "./types";

/**
 * Where a call can take an AbortSignal: the parameter at `index` is a signal (`kind: "argument"`), or an options
 * object with the signal-typed property `property` (`signal` for `fetch`, `abortSignal` in the Vercel AI SDK, …).
 */
export interface SignalSlot {
  kind: "argument" | "property";
  index: number;
  property?: string;
  /** The type a signal must be assignable to there (the parameter's, or the property's). */
  target: ts.Type;
}

type CallLike = ts.CallExpression | ts.NewExpression;

function slotOfSignature(checker: ts.TypeChecker, signature: ts.Signature, at: ts.Node): SignalSlot | undefined {
  const parameters = signature.getParameters();
  for (let index = 0; index < parameters.length; index++) {
    const parameter = parameters[index]!;
    const declaration = parameter.valueDeclaration;
    // A rest parameter (`...args: unknown[]`) says nothing about signals.
    if (declaration && ts.isParameter(declaration) && declaration.dotDotDotToken) return undefined;
    const type = checker.getTypeOfSymbolAtLocation(parameter, at);
    if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) continue;
    if (isAbortSignalType(type)) return { kind: "argument", index, target: type };
    const property = signalPropertyOf(checker, type, at, true);
    if (property && !discardsProperty(checker, declaration, property.getName())) {
      return { kind: "property", index, property: property.getName(), target: checker.getTypeOfSymbolAtLocation(property, at) };
    }
  }
  return undefined;
}

/**
 * The callee never reads `property` from this parameter, so the signal is dropped whatever the caller passes:
 * `function format({ body }: RequestOptions)` (destructured without it and without a rest element), or
 * `function format(options: RequestOptions) { return options.body … }` (every use in the body reads another property).
 * A use that hands the whole object on (a spread, an alias, `arguments`) may pass the signal along; passing it as an
 * argument counts only when that callee (one non-generic signature) discards it too, two calls deep at most.
 */
function discardsProperty(checker: ts.TypeChecker, declaration: ts.Declaration | undefined, property: string, depth = 0): boolean {
  if (!declaration || !ts.isParameter(declaration)) return false;
  if (ts.isObjectBindingPattern(declaration.name)) {
    return declaration.name.elements.every((element) => {
      if (element.dotDotDotToken) return false;
      const name = element.propertyName ?? element.name;
      return (ts.isIdentifier(name) || ts.isStringLiteral(name)) && name.text !== property;
    });
  }
  const body = ts.isIdentifier(declaration.name) ? (declaration.parent as ts.SignatureDeclaration & { body?: ts.Node }).body : undefined;
  if (!body) return false;
  let byDeclaration = discardsCache.get(checker);
  if (!byDeclaration) discardsCache.set(checker, (byDeclaration = new WeakMap()));
  let cached = byDeclaration.get(declaration);
  if (cached === undefined) byDeclaration.set(declaration, (cached = new Map()));
  let answer = cached.get(property);
  if (answer === undefined) {
    cached.set(property, false); // a recursive helper hands it on to itself: not shown to drop it
    const forwarded = usesOnlyOtherProperties(body, (declaration.name as ts.Identifier).text, property);
    answer = forwarded !== undefined && forwarded.every(({ call, index }) => depth < 2 && forwardedDiscards(checker, call, index, property, depth + 1));
    cached.set(property, answer);
  }
  return answer;
}

/** `format(options)` inside a callee: the options reach `format`'s parameter, which must drop the property too. */
function forwardedDiscards(checker: ts.TypeChecker, call: CallLike, index: number, property: string, depth: number): boolean {
  const signatures = calleeSignatures(checker, call);
  if (signatures.length !== 1 || signatures[0]!.getTypeParameters()?.length) return false;
  const parameter = signatures[0]!.getParameters()[index];
  return parameter !== undefined && discardsProperty(checker, parameter.valueDeclaration, property, depth);
}

/**
 * Per checker: an edit re-parses a file incrementally and may keep a parameter's node while its function's body
 * changed, and the callees it forwards to may have changed in other files.
 */
const discardsCache = new WeakMap<ts.TypeChecker, WeakMap<ts.ParameterDeclaration, Map<string, boolean>>>();

/**
 * Every `name` in `body` is `name.other`, `name["other"]` or a plain argument of a call (returned, to be judged by the
 * caller); undefined when some use may read `property` (by text: a shadowing local only makes the answer no).
 */
function usesOnlyOtherProperties(body: ts.Node, name: string, property: string): { call: CallLike; index: number }[] | undefined {
  let only = true;
  const forwarded: { call: CallLike; index: number }[] = [];
  const visit = (node: ts.Node): void => {
    if (!only) return;
    if (ts.isIdentifier(node) && (node.text === name || node.text === "arguments") && isIdentifierReference(node)) {
      const parent = node.parent;
      const read = ts.isPropertyAccessExpression(parent) && parent.expression === node ? parent.name.text : ts.isElementAccessExpression(parent) && parent.expression === node && ts.isStringLiteralLike(parent.argumentExpression) ? parent.argumentExpression.text : undefined;
      if (node.text !== "arguments" && read === undefined && (ts.isCallExpression(parent) || ts.isNewExpression(parent)) && parent.expression !== node) {
        forwarded.push({ call: parent, index: parent.arguments!.indexOf(node) });
      } else if (node.text === "arguments" || read === undefined || read === property) {
        only = false;
      }
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(body);
  return only ? forwarded : undefined;
}

function isOptionalParameter(checker: ts.TypeChecker, parameter: ts.Symbol): boolean {
  const declaration = parameter.valueDeclaration;
  if (declaration && ts.isParameter(declaration)) return checker.isOptionalParameter(declaration);
  return (parameter.flags & ts.SymbolFlags.Optional) !== 0;
}

/**
 * Another overload the call could switch to by adding arguments: its leading parameters accept the arguments the
 * call already has, and every parameter between them and the signal's is optional.
 */
function slotOfOtherOverload(checker: ts.TypeChecker, call: CallLike, signature: ts.Signature): SignalSlot | undefined {
  if (signature.getTypeParameters()?.length) return undefined;
  const slot = slotOfSignature(checker, signature, call);
  const args = call.arguments ?? ts.factory.createNodeArray();
  if (!slot || slot.index < args.length) return undefined;
  const parameters = signature.getParameters();
  for (let index = 0; index < slot.index; index++) {
    const parameter = parameters[index]!;
    const arg = args[index];
    if (!arg) {
      if (!isOptionalParameter(checker, parameter)) return undefined;
      continue;
    }
    if (ts.isSpreadElement(arg)) return undefined;
    if (!checker.isTypeAssignableTo(checker.getTypeAtLocation(arg), checker.getTypeOfSymbolAtLocation(parameter, call))) return undefined;
  }
  return slot;
}

/**
 * The slot through which this call's callee accepts an AbortSignal, decided by the checker: first the signature the
 * call resolves to, then the callee's other overloads that the call could reach by adding the signal.
 */
/**
 * Cheap pre-check on the callee's declared signatures: could any parameter take a signal? Resolving the call (overload
 * resolution, argument checking, inference of callback bodies) is the costly part, and most callees answer no here.
 * A parameter whose type is a type parameter might become an options type, so it counts as "could".
 */
function mayTakeSignal(checker: ts.TypeChecker, signatures: readonly ts.Signature[], call: CallLike): boolean {
  // A parameter typed by a bare type parameter becomes whatever the argument given there is: when the call gives one,
  // that argument would already carry the signal (callPassesSignal). `Reflect.apply(f, thisArgument, args)`.
  const args = call.arguments ?? [];
  const spread = args.findIndex(ts.isSpreadElement);
  const given = call.typeArguments ? 0 : spread >= 0 ? spread : args.length;
  const mayBecomeSignal = (part: ts.Type, index: number) => part.flags & ts.TypeFlags.TypeParameter && index >= given && !isPrimitiveConstrained(checker, part);
  return signatures.some((signature) =>
    signature.getParameters().some((parameter, index) => {
      const type = checker.getTypeOfSymbolAtLocation(parameter, call);
      const parts = type.isUnionOrIntersection() ? type.types : [type];
      return parts.some((part) => mayBecomeSignal(part, index)) || isAbortSignalType(type) || signalPropertyOf(checker, type, call, true) !== undefined;
    }),
  );
}

const primitive =
  ts.TypeFlags.StringLike | ts.TypeFlags.NumberLike | ts.TypeFlags.BigIntLike | ts.TypeFlags.BooleanLike | ts.TypeFlags.ESSymbolLike | ts.TypeFlags.EnumLike | ts.TypeFlags.Null | ts.TypeFlags.Undefined | ts.TypeFlags.Void;

/** `E extends keyof Events`: whatever inference picks is a key, never a signal or an options object. */
function isPrimitiveConstrained(checker: ts.TypeChecker, parameter: ts.Type): boolean {
  const constraint = checker.getBaseConstraintOfType(parameter);
  if (!constraint || constraint === parameter) return false;
  const parts = constraint.isUnion() ? constraint.types : [constraint];
  return parts.every((part) => (part.flags & primitive) !== 0);
}

/** Cheap first question for a call: could its callee take a signal at all (by its declared signatures)? */
export function calleeMayTakeSignal(checker: ts.TypeChecker, call: CallLike): boolean {
  return mayTakeSignal(checker, calleeSignatures(checker, call), call);
}

export function signalSlotOf(checker: ts.TypeChecker, call: CallLike): SignalSlot | undefined {
  const signatures = calleeSignatures(checker, call);
  if (!mayTakeSignal(checker, signatures, call)) return undefined;
  // One signature: resolving the call (checking every argument) can only pick that one. When it is generic, its
  // declared slot holds unless inference could turn an earlier parameter, or the slot's own type, into something else.
  if (signatures.length === 1) {
    const only = signatures[0]!;
    const slot = slotOfSignature(checker, only, call);
    if (!only.getTypeParameters()?.length) return slot;
    const instantiable = (parameter: ts.Symbol) => (checker.getTypeOfSymbolAtLocation(parameter, call).flags & ts.TypeFlags.Instantiable) !== 0;
    if (slot && !(slot.target.flags & ts.TypeFlags.Instantiable) && !only.getParameters().slice(0, slot.index + 1).some(instantiable)) return slot;
  }
  const resolved = checker.getResolvedSignature(call);
  if (resolved) {
    const slot = slotOfSignature(checker, resolved, call);
    if (slot) return slot;
  }
  if (signatures.length < 2) return undefined;
  for (const signature of signatures) {
    if (signature === resolved) continue;
    const slot = slotOfOtherOverload(checker, call, signature);
    if (slot) return slot;
  }
  return undefined;
}

/**
 * True when the call already hands a signal over, whichever one: an argument that is a signal or carries one
 * (`{ signal }`, `{ ...init }` spread from a type with `signal`, a `Request`, a promise of options with a signal), or an
 * argument typed `any`. `except` is an argument whose own signal does not count.
 */
export function callPassesSignal(checker: ts.TypeChecker, call: CallLike, except?: ts.Expression): boolean {
  // Last argument first: that is where signals and options bags go, and each argument typed costs.
  for (const arg of [...(call.arguments ?? [])].reverse()) {
    if (arg === except) continue;
    const expression = ts.isSpreadElement(arg) ? arg.expression : arg;
    const inner = skipParentheses(expression);
    // `{ signal: undefined }` is a literal that hands no signal over, whatever the type checker thinks of it.
    if (isUndefinedLiteral(inner)) continue;
    const literal = ts.isObjectLiteralExpression(inner) ? literalPassesSignal(checker, inner, call) : undefined;
    if (literal) return true;
    if (literal === false) continue;
    if (ts.isSpreadElement(arg)) {
      // `f(...args)`: the tuple or array may hold a signal; when its elements are unknowable, assume it does.
      const type = checker.getTypeAtLocation(expression);
      const elements = checker.isTupleType(type) || checker.isArrayType(type) ? checker.getTypeArguments(type as ts.TypeReference) : undefined;
      if (!elements || type.flags & ts.TypeFlags.Any) return true;
      const unknowable = ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.Never | ts.TypeFlags.TypeParameter;
      if (elements.some((element) => element.flags & unknowable || carriesSignal(checker, element, call))) return true;
      continue;
    }
    // `(options) => ({ ...options })`: typing a function argument would resolve the call it is passed to.
    if (isNeverSignalOrCarrier(inner)) continue;
    if (isDeclaredSignalReference(checker, inner)) return true;
    // `AbortSignal.any([signal, taskSignal])`: a call to a non-generic callee needs no arguments typed.
    const type = ((ts.isCallExpression(inner) || ts.isNewExpression(inner)) && nonGenericCallType(checker, inner)) || checker.getTypeAtLocation(expression);
    if (carriesSignal(checker, type, call)) return true;
    // `client.post(path, resolveOptions(options, …))`: a callee that takes `Options | Promise<Options>` gets the
    // options, signal included, once the promise settles.
    const awaited = checker.getAwaitedType(type);
    if (awaited && awaited !== type && carriesSignal(checker, awaited, call)) return true;
  }
  return false;
}

/**
 * `assertRequestOptions(fetchOptions)` where `fetchOptions` is typed `{ signal?: never; … }`: the options handed over
 * are declared never to hold a signal, so the caller deliberately keeps it out.
 */
export function argumentExcludesSignal(checker: ts.TypeChecker, call: CallLike, slot: SignalSlot): boolean {
  const arg = slot.kind === "property" && slot.property ? call.arguments?.[slot.index] : undefined;
  if (!arg || ts.isSpreadElement(arg)) return false;
  const inner = skipParentheses(arg);
  if (ts.isObjectLiteralExpression(inner) || isNeverSignalOrCarrier(inner)) return false;
  const parts = definedParts(checker.getTypeAtLocation(arg));
  return (
    parts.length > 0 &&
    parts.every((part) => {
      const property = part.flags & ts.TypeFlags.Object || part.isIntersection() ? part.getProperty(slot.property!) : undefined;
      return property !== undefined && definedParts(checker.getTypeOfSymbolAtLocation(property, call)).every((type) => (type.flags & ts.TypeFlags.Never) !== 0);
    })
  );
}

/**
 * Options with which the API refuses a signal: the Web Locks API throws `NotSupportedError` for
 * `navigator.locks.request(name, { steal: true, signal }, …)`, and for `ifAvailable: true` with a signal. A call that
 * gives either (unless plainly `false`) has no signal to pass.
 */
export function optionsRefuseSignal(checker: ts.TypeChecker, call: CallLike, slot: SignalSlot): boolean {
  const arg = slot.kind === "property" ? call.arguments?.[slot.index] : undefined;
  const options = arg && !ts.isSpreadElement(arg) ? skipParentheses(arg) : undefined;
  if (!options || !ts.isObjectLiteralExpression(options)) return false;
  const exclusive = new Set(["steal", "ifAvailable"]);
  const refuses = options.properties.some(
    (property) => ts.isPropertyAssignment(property) && ts.isIdentifier(property.name) && exclusive.has(property.name.text) && property.initializer.kind !== ts.SyntaxKind.FalseKeyword,
  );
  if (!refuses || calleeName(call)?.text !== "request") return false;
  const declarations = calleeDeclarations(checker, call);
  return declarations.length > 0 && declarations.every((declaration) => isInterfaceMethodDeclaration(declaration, "LockManager"));
}

/**
 * `{ signal, timeoutMs: 5_000 }`: whether an options literal hands a signal over, from the types of its property values
 * (as `carriesSignal` on the literal's type would answer).
 * Typing the literal as a whole would need its contextual type, which resolves the call (every argument checked).
 * Undefined when a value is not a plain reference (a nested literal, a function, a computed name): then the literal's
 * type answers.
 */
const constantKinds = new Set([ts.SyntaxKind.TrueKeyword, ts.SyntaxKind.FalseKeyword, ts.SyntaxKind.NullKeyword]);

function literalPassesSignal(checker: ts.TypeChecker, literal: ts.ObjectLiteralExpression, call: CallLike): boolean | undefined {
  let passes = false;
  for (const property of literal.properties) {
    let value: ts.Expression;
    if (ts.isShorthandPropertyAssignment(property)) {
      const symbol = checker.getShorthandAssignmentValueSymbol(property);
      if (!symbol) return undefined;
      if (isAbortSignalType(checker.getTypeOfSymbolAtLocation(symbol, property.name))) passes = true;
      continue;
    }
    if (ts.isSpreadAssignment(property)) value = property.expression;
    else if (ts.isPropertyAssignment(property) && !ts.isComputedPropertyName(property.name)) value = property.initializer;
    else return undefined;
    const inner = skipParentheses(value);
    // `{ signal: undefined }` hands no signal over, whatever the type checker thinks of it; other constants neither.
    if (ts.isLiteralExpression(inner) || constantKinds.has(inner.kind) || (ts.isPropertyAssignment(property) && isUndefinedLiteral(inner))) continue;
    if (ts.isPropertyAssignment(property) && isDeclaredSignalReference(checker, inner)) {
      passes = true;
      continue;
    }
    const type = ts.isIdentifier(inner) || ts.isPropertyAccessExpression(inner) || inner.kind === ts.SyntaxKind.ThisKeyword ? checker.getTypeAtLocation(inner) : (ts.isCallExpression(inner) || ts.isNewExpression(inner)) && nonGenericCallType(checker, inner);
    if (!type) return undefined;
    // As the literal's own type would say: a property whose value is a signal, or a spread of something carrying one.
    if (ts.isSpreadAssignment(property) ? carriesSignal(checker, type, call) : isAbortSignalType(type)) passes = true;
  }
  return passes;
}

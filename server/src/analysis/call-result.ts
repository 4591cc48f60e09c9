import { ts } from "../typescript";

/**
 * The type a call evaluates to, read off the callee's declaration when resolving the call cannot change the answer to
 * "is it a promise (or an array of promises)?": the callee has one signature, and its declared return type is not a
 * type parameter (nor, for an array, are its elements). `post<Rsp>(path): APIPromise<Rsp>` is a promise whatever `Rsp`
 * becomes, `on<E>(event: E, listener): this` is the receiver; only overloads and returns like `T` or `T[]` need the
 * call resolved (overload resolution, inference, checking every argument: half a second for one `this.on('event', f)`
 * of openai's realtime client, whose listener type spans every event), which `getTypeAtLocation(call)` does.
 * Not for questions about what the promise resolves to: the type arguments are left uninstantiated.
 */
export function callResultType(checker: ts.TypeChecker, call: ts.CallExpression | ts.NewExpression): ts.Type {
  if (ts.isCallExpression(call) && !ts.isOptionalChain(call) && call.expression.kind !== ts.SyntaxKind.SuperKeyword) {
    const callee = checker.getTypeAtLocation(call.expression);
    const signatures = callee.getCallSignatures();
    if (signatures.length === 1 && !(callee.flags & ts.TypeFlags.Union)) {
      const declared = signatures[0]!.getReturnType();
      if (!dependsOnInference(checker, declared)) return declared;
    }
  }
  return checker.getTypeAtLocation(call);
}

const inferred = ts.TypeFlags.Instantiable;

/**
 * The signatures the callee declares: call signatures, or construct signatures for `new`. In an optional chain
 * (`channel?.addEventListener(…)`, `options.onDone?.(…)`) the callee's type includes `undefined`, which has none: the
 * call only happens when it is not.
 */
export function calleeSignatures(checker: ts.TypeChecker, call: ts.CallExpression | ts.NewExpression): readonly ts.Signature[] {
  let callee = checker.getTypeAtLocation(call.expression);
  if (ts.isOptionalChain(call)) callee = checker.getNonNullableType(callee);
  return ts.isNewExpression(call) ? callee.getConstructSignatures() : callee.getCallSignatures();
}

/**
 * The type a call evaluates to when nothing is left to inference: the callee has one signature, without type parameters,
 * returning a type that is not one (`AbortSignal.any(signals): AbortSignal`, `new AbortController()`). Exact, unlike
 * `callResultType`, so any question may be asked of it; undefined otherwise (then resolve the call).
 */
export function nonGenericCallType(checker: ts.TypeChecker, call: ts.CallExpression | ts.NewExpression): ts.Type | undefined {
  if (ts.isOptionalChain(call) || call.expression.kind === ts.SyntaxKind.SuperKeyword || call.expression.kind === ts.SyntaxKind.ImportKeyword) return undefined;
  if (checker.getTypeAtLocation(call.expression).flags & ts.TypeFlags.Union) return undefined;
  const signatures = calleeSignatures(checker, call);
  if (signatures.length !== 1 || signatures[0]!.getTypeParameters()?.length) return undefined;
  const declared = signatures[0]!.getReturnType();
  return (declared.isUnion() || declared.isIntersection() ? declared.types : [declared]).some((part) => part.flags & inferred) ? undefined : declared;
}

/** `this` as a return type (fluent `on(…): this`) is the receiver's type, known without resolving the call. */
function isThisType(type: ts.Type): boolean {
  return (type.flags & ts.TypeFlags.TypeParameter) !== 0 && type.symbol !== undefined && (type.symbol.flags & ts.SymbolFlags.TypeParameter) === 0;
}

/**
 * Whether resolving a call could turn its declared return type into a promise, or an array of promises, that it is not
 * yet: the type (or a union member) is a type parameter, an array or tuple of them, or a mapped type over one
 * (`{ [K in keyof T]: Promise<T[K]> }` becomes a tuple of promises). `Promise<T>` is a promise whatever `T` becomes.
 */
export function dependsOnInference(checker: ts.TypeChecker, type: ts.Type): boolean {
  const parts = type.isUnion() || type.isIntersection() ? type.types : [type];
  return parts.some(
    (part) =>
      (part.flags & inferred && !isThisType(part)) ||
      (part.flags & ts.TypeFlags.Object && ((part as ts.ObjectType).objectFlags & ts.ObjectFlags.Mapped) !== 0) ||
      ((checker.isArrayType(part) || checker.isTupleType(part)) && checker.getTypeArguments(part as ts.TypeReference).some((element) => element.flags & inferred)),
  );
}

/** The type a signature expects for the argument at `index`, looking into a rest parameter's element type. */
export function parameterTypeAt(checker: ts.TypeChecker, signature: ts.Signature, index: number, at: ts.Node): ts.Type | undefined {
  const parameters = signature.getParameters();
  const last = parameters[parameters.length - 1];
  const lastDeclaration = last?.valueDeclaration;
  const rest = lastDeclaration && ts.isParameter(lastDeclaration) && lastDeclaration.dotDotDotToken !== undefined;
  if (index < parameters.length - (rest ? 1 : 0)) return checker.getTypeOfSymbolAtLocation(parameters[index]!, at);
  if (!rest || !last) return undefined;
  const restType = checker.getTypeOfSymbolAtLocation(last, at);
  return checker.isArrayType(restType) ? checker.getTypeArguments(restType as ts.TypeReference)[0] : undefined;
}

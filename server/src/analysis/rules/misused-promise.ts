import { ts } from "../../typescript";
import { callResultType, calleeSignatures, parameterTypeAt } from "../call-result";
import { forEachRewrite } from "../for-each";
import { isHandledChain, isThenableType } from "../thenable";
import { functionValueOf, isAwaitAllowed, isFunctionLike, methodCall, propertyNameText, skipParentheses } from "../syntax";
import type { FindingData, FixId, Rule, RuleContext } from "../types";
import { nurseryFixData, withLazyNurseryData } from "../nursery-fix-data";
import { declaredCallbackParameter } from "../callback-parameters";
import { enclosingFunction, forEachInSameFunction, isSameReference, unionParts } from "../signals";

export interface MisusedPromiseOptions {
  /** Check callbacks passed where a `void`-returning function is expected. */
  checksVoidReturn: boolean;
  /** Check promises in boolean positions. */
  checksConditionals: boolean;
}

const messages = {
  voidCallback:
    "Promise-returning function passed where a `void`-returning callback is expected: the caller drops the promise, so its rejection goes unobserved and nothing waits for it. Handle the promise inside a non-async function, or run the work in a nursery.",
  voidEachCallback:
    "Promise-returning function passed to `forEach`, which expects a `void`-returning callback: it drops every promise, so their rejections go unobserved and nothing waits for them. Use a `for…of` loop with `await`, or run the work in a nursery.",
  voidProperty:
    "Promise-returning function given as `{{name}}`, which is expected to return `void`: whoever calls it drops the promise, so its rejection goes unobserved. Handle the promise inside a non-async function, or run the work in a nursery.",
  voidMethod:
    "Async method `{{name}}` overrides one that `{{base}}` declares to return `void`: whoever calls it through `{{base}}` drops the promise, so its rejection goes unobserved. Handle the promise inside a non-async method, or run the work in a nursery.",
  voidField:
    "Promise-returning function in field `{{name}}`, which overrides a member that `{{base}}` declares to return `void`: whoever calls it through `{{base}}` drops the promise, so its rejection goes unobserved. Handle the promise inside a non-async function, or run the work in a nursery.",
  voidAttribute:
    "Promise-returning function passed to `{{name}}`, which expects a `void`-returning handler: the promise is dropped and its rejection goes unobserved. Handle the promise inside a non-async handler, or run the work in a nursery.",
  conditional:
    "Promise used as a condition: a promise is always truthy, so this test never looks at its result. Await it first.",
} as const;

/** Calls and JSX attributes (callbacks), and what `conditionsOf` reads conditions from. */
const visitedKinds = [
  ts.SyntaxKind.CallExpression,
  ts.SyntaxKind.NewExpression,
  ts.SyntaxKind.JsxAttribute,
  ts.SyntaxKind.PropertyAssignment,
  ts.SyntaxKind.ShorthandPropertyAssignment,
  ts.SyntaxKind.MethodDeclaration,
  ts.SyntaxKind.VariableDeclaration,
  ts.SyntaxKind.PropertyDeclaration,
  ts.SyntaxKind.IfStatement,
  ts.SyntaxKind.WhileStatement,
  ts.SyntaxKind.DoStatement,
  ts.SyntaxKind.ForStatement,
  ts.SyntaxKind.ConditionalExpression,
  ts.SyntaxKind.PrefixUnaryExpression,
  ts.SyntaxKind.BinaryExpression,
];

export const misusedPromise: Rule<MisusedPromiseOptions> = {
  id: "misused-promise",
  meta: {
    docs: "Promises must not go where a `void` callback or a boolean is expected.",
    defaultSeverity: "error",
    preset: "recommended",
    messages,
    examples: {
      invalid: `declare function save(id: string): Promise<void>;
declare function isReady(): Promise<boolean>;

export async function saveAll(ids: string[]) {
  ids.forEach(async (id) => {
    await save(id); // forEach drops this promise: nothing waits, a rejection is lost
  });
  while (!isReady()) {} // a promise is always truthy
}`,
      valid: `declare function save(id: string): Promise<void>;
declare function isReady(): Promise<boolean>;

export async function saveAll(ids: string[]) {
  for (const id of ids) {
    await save(id);
  }
  while (!(await isReady())) {}
}`,
    },
  },
  defaultOptions: { checksVoidReturn: true, checksConditionals: true },
  check(context) {
    const { options } = context;
    const reported = new Set<ts.Node>();
    for (const node of context.nodes(...visitedKinds)) {
      if (options.checksVoidReturn) {
        if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
          context.checkCancelled();
          for (const argument of node.arguments ?? []) checkCallback(context, argument, node);
        } else if (ts.isJsxAttribute(node) && node.initializer && ts.isJsxExpression(node.initializer) && node.initializer.expression) {
          checkAttribute(context, node, node.initializer.expression);
        } else if ((ts.isPropertyAssignment(node) || ts.isShorthandPropertyAssignment(node) || ts.isMethodDeclaration(node)) && ts.isObjectLiteralExpression(node.parent)) {
          checkProperty(context, node);
        } else if (ts.isMethodDeclaration(node) && ts.isClassLike(node.parent)) {
          checkInheritedMember(context, node, node.parent);
        } else if ((ts.isVariableDeclaration(node) || ts.isPropertyDeclaration(node)) && node.type && node.initializer && (ts.isIdentifier(node.name) || ts.isPrivateIdentifier(node.name) || ts.isStringLiteral(node.name))) {
          // A variable, or a class field, whose written type says what its callers expect back.
          checkStoredFunction(context, node.initializer, node.name.text, () => context.checker.getTypeFromTypeNode(node.type!));
        } else if (ts.isPropertyDeclaration(node) && !node.type && node.initializer && ts.isClassLike(node.parent)) {
          // `onClose = async () => { … }` without a written type: the type it overrides says what callers expect back.
          checkInheritedMember(context, node, node.parent);
        } else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && (ts.isPropertyAccessExpression(node.left) || ts.isIdentifier(node.left))) {
          const target = node.left;
          const name = ts.isPropertyAccessExpression(target) ? target.name.text : target.text;
          checkStoredFunction(context, node.right, name, () => context.checker.getTypeAtLocation(target));
        }
      }
      if (options.checksConditionals) {
        for (const condition of conditionsOf(node)) checkCondition(context, condition, reported);
      }
    }
  },
};

// ── (1) promise-returning callbacks where `void` is expected ─────────────────────────────────────────

/**
 * Arguments that can be functions at all, by syntax, so the checker is asked only about them: function literals,
 * references (`saveUser`, `this.save`, `handlers[name]`), and `f.bind(…)`.
 */
function mayBeFunction(argument: ts.Expression): boolean {
  const node = skipParentheses(argument);
  if (ts.isArrowFunction(node) || ts.isFunctionExpression(node) || ts.isIdentifier(node)) return true;
  if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node) || ts.isNonNullExpression(node) || ts.isAsExpression(node)) {
    return true;
  }
  if (ts.isCallExpression(node)) {
    const callee = skipParentheses(node.expression);
    return ts.isPropertyAccessExpression(callee) && callee.name.text === "bind";
  }
  return ts.isConditionalExpression(node) || (ts.isBinaryExpression(node) && node.operatorToken.kind !== ts.SyntaxKind.CommaToken);
}

function checkCallback(context: RuleContext<MisusedPromiseOptions>, argument: ts.Expression, call: ts.CallExpression | ts.NewExpression): void {
  if (ts.isSpreadElement(argument) || !mayBeFunction(argument) || isPromiseFinally(context, call) || isListenerRemoval(call)) return;
  const { checker } = context;
  // `find(id, signal)`: an argument whose declaration writes its type (a typed parameter or variable) answers "is it an
  // async function?" cheaply, and is mostly no function at all; then the callee needs no typing (its receiver's).
  const declared = hasWrittenType(checker, argument);
  if (declared && !returnsThenable(checker, argument)) return;
  if (!mayExpectVoidCallback(context, call, argument)) return;
  if (!declared && !returnsThenable(checker, argument)) return;
  const expected = checker.getContextualType(argument);
  if (!expected || !(expectsVoidReturn(context, expected) || isLibraryListenerDroppingResult(context, call, argument, expected))) return;
  if (someOverloadAcceptsPromise(context, call, argument)) return;
  const fixes: FixId[] = [];
  let expression: { start: number; end: number } | undefined;
  if (ts.isCallExpression(call) && isForEachStatementCall(context, call, argument)) {
    fixes.push("for-of", "run-in-nursery");
    expression = { start: call.getStart(context.sourceFile), end: call.getEnd() };
  }
  const data: FindingData = { fixes, expression };
  if (fixes.includes("run-in-nursery")) withLazyNurseryData(data, () => nurseryFixData(context, call));
  // The `for…of` advice fits only a loop written as `forEach`.
  context.report({ node: argument, messageId: fixes.includes("for-of") ? "voidEachCallback" : "voidCallback", data });
}

/**
 * `promise.finally(async () => …)`: the standard `finally` waits for the promise its callback returns and passes its
 * rejection on, though its type says `() => void`; nothing is dropped (typescript-eslint#10959).
 */
function isPromiseFinally(context: RuleContext<MisusedPromiseOptions>, call: ts.CallExpression | ts.NewExpression): boolean {
  const method = ts.isCallExpression(call) ? methodCall(call) : undefined;
  if (method?.name !== "finally") return false;
  const callee = skipParentheses(call.expression) as ts.PropertyAccessExpression | ts.ElementAccessExpression;
  const declarations = context.checker.getSymbolAtLocation(ts.isPropertyAccessExpression(callee) ? callee.name : callee.argumentExpression)?.getDeclarations() ?? [];
  return declarations.length > 0 && declarations.every((declaration) => context.program.isSourceFileDefaultLibrary(declaration.getSourceFile()));
}

/**
 * `target.removeEventListener("x", listener)`, `emitter.off("x", listener)`, `provider.removeListener("block", onBlock)`:
 * removing a listener never calls it, so no promise of it is dropped here; the call that added it is the one to judge.
 * The names are the DOM's and Node's, which typed emitters of libraries (ethers, livekit, matrix-js-sdk) follow.
 */
function isListenerRemoval(call: ts.CallExpression | ts.NewExpression): boolean {
  const callee = skipParentheses(call.expression);
  return ts.isPropertyAccessExpression(callee) && ["removeEventListener", "removeListener", "off"].includes(callee.name.text);
}

/**
 * `{ onReceiveMessage: async (message) => … }`, `{ async passthrough() { … } }`, `{ callback }` where the object's
 * expected type says that property returns `void` (`InterceptingListener`, an options bag of callbacks): whoever calls
 * it drops the promise. References count as `isFunctionLiteralOrReference` says.
 */
function checkProperty(context: RuleContext<MisusedPromiseOptions>, property: ts.PropertyAssignment | ts.ShorthandPropertyAssignment | ts.MethodDeclaration): void {
  const { checker } = context;
  const value = ts.isPropertyAssignment(property) ? skipParentheses(property.initializer) : undefined;
  if (ts.isShorthandPropertyAssignment(property)) {
    // `{ callback }`: the variable's declared type answers, as for a reference argument.
    const symbol = checker.getShorthandAssignmentValueSymbol(property);
    if (!symbol || !isDeclaredFunction(symbol) || !returnsThenableType(checker, checker.getTypeOfSymbolAtLocation(symbol, property), property)) return;
  } else if (value) {
    if (!isFunctionLiteralOrReference(checker, value) || !returnsThenable(checker, value)) return;
  } else if (!ts.isMethodDeclaration(property) || !isFunctionLiteralOrReference(checker, property) || !isAsync(property)) {
    return;
  }
  const name = propertyNameText(property.name);
  const expected = name === undefined ? [] : expectedPropertyTypes(checker, property.parent as ts.ObjectLiteralExpression, name);
  if (expected.length === 0 || !expected.every((type) => expectsVoidReturn(context, type))) return;
  // A method is reported by its name: its whole declaration would underline its body.
  context.report({ node: value ?? property.name, messageId: "voidProperty", values: { name: name! } });
}

/**
 * A function literal that may return a value (a plain function whose body returns nothing needs no checker), or a
 * reference to a function (`handler`, `this.save`, `save.bind(this)`): what a property or a store can hold that
 * returns a promise.
 */
function isFunctionLiteralOrReference(checker: ts.TypeChecker, value: ts.Node): boolean {
  if (ts.isArrowFunction(value) || ts.isFunctionExpression(value) || ts.isMethodDeclaration(value)) {
    if (value.asteriskToken) return false;
    return isAsync(value) || !value.body || !ts.isBlock(value.body) || returnsValue(value.body);
  }
  // `a = b` and `{ id: id }` are everywhere: only a name declared as a function, or with a written type, is worth
  // typing (inferring every referenced local cost openai's run half a second).
  const named = ts.isIdentifier(value) ? value : ts.isPropertyAccessExpression(value) && value.expression.kind === ts.SyntaxKind.ThisKeyword ? value.name : undefined;
  if (named) {
    const symbol = checker.getSymbolAtLocation(named);
    return symbol !== undefined && isDeclaredFunction(symbol);
  }
  return ts.isCallExpression(value) && ts.isPropertyAccessExpression(value.expression) && value.expression.name.text === "bind";
}

/** Declared as a function or method, or with a written type, or initialised with a function literal. */
function isDeclaredFunction(symbol: ts.Symbol): boolean {
  const declaration = symbol.valueDeclaration;
  if (!declaration) return false;
  if (ts.isFunctionDeclaration(declaration) || ts.isMethodDeclaration(declaration) || ts.isMethodSignature(declaration)) return true;
  if ((ts.isParameter(declaration) || ts.isVariableDeclaration(declaration) || ts.isPropertyDeclaration(declaration) || ts.isPropertySignature(declaration)) && declaration.type) return true;
  return functionValueOf(declaration) !== undefined;
}

function returnsValue(body: ts.Block): boolean {
  let found = false;
  forEachInSameFunction(body, (node) => {
    if (ts.isReturnStatement(node) && node.expression) found = true;
  });
  return found;
}

/**
 * `class HttpHandler extends RequestHandler { async log() { … } }` where `RequestHandler` (or an implemented interface)
 * declares `log(): void`: whoever calls it through the base type drops the promise (typescript-eslint's
 * `checksVoidReturn.inheritedMethods`). Only `async` methods are asked about, so the checker is asked rarely.
 */
function checkInheritedMember(context: RuleContext<MisusedPromiseOptions>, member: ts.MethodDeclaration | ts.PropertyDeclaration, owner: ts.ClassLikeDeclaration): void {
  if (!owner.heritageClauses?.length) return;
  const value = ts.isPropertyDeclaration(member) ? skipParentheses(member.initializer!) : member;
  if (!(ts.isMethodDeclaration(value) || ts.isArrowFunction(value) || ts.isFunctionExpression(value)) || value.asteriskToken) return;
  // A method must be `async`; a field's function may return a promise without it (asked last: that infers its body).
  if (ts.isMethodDeclaration(value) && !isAsync(value)) return;
  const name = propertyNameText(member.name);
  if (name === undefined) return;
  const { checker } = context;
  const isStatic = (ts.getCombinedModifierFlags(member) & ts.ModifierFlags.Static) !== 0;
  for (const clause of owner.heritageClauses) {
    for (const heritage of clause.types) {
      let base = checker.getTypeAtLocation(heritage);
      if (isStatic) {
        // Static members are compared with the base class's constructor type.
        if (clause.token !== ts.SyntaxKind.ExtendsKeyword) continue;
        base = checker.getTypeAtLocation(heritage.expression);
      }
      const inherited = base.getProperty(name);
      if (!inherited) continue;
      const declared = checker.getNonNullableType(checker.getTypeOfSymbolAtLocation(inherited, heritage));
      if (!expectsVoidReturn(context, declared)) continue;
      if (!ts.isMethodDeclaration(value) && !returnsThenable(checker, value)) return;
      const values = { name, base: heritage.expression.getText(context.sourceFile) };
      context.report({ node: member.name, messageId: ts.isMethodDeclaration(value) ? "voidMethod" : "voidField", values });
      return;
    }
  }
}

/**
 * `const onMessage: MessageListener = async (m) => …`, `request.onResponse = async function () { … }`, `onClose =
 * refresh`: a function stored where its declared type returns `void`; whoever calls it through that type drops the
 * promise. References count as `isFunctionLiteralOrReference` says.
 */
function checkStoredFunction(context: RuleContext<MisusedPromiseOptions>, initializer: ts.Expression, name: string, declaredType: () => ts.Type): void {
  const value = skipParentheses(initializer);
  if (!isFunctionLiteralOrReference(context.checker, value)) return;
  // A literal answers "does it return a promise?" cheaply (often by its `async`); for a reference, `a = b` everywhere,
  // the declared type of the target is the cheaper first question, and mostly no function type at all.
  const literal = ts.isArrowFunction(value) || ts.isFunctionExpression(value);
  if (literal && !returnsThenable(context.checker, value)) return;
  const expected = declaredType();
  if (expected.flags & ts.TypeFlags.Any || !expectsVoidReturn(context, context.checker.getNonNullableType(expected))) return;
  if (!literal && !returnsThenable(context.checker, value)) return;
  context.report({ node: value, messageId: "voidProperty", values: { name } });
}

/** The types the object literal's contextual type gives property `name` (one per member of a union that has it). */
function expectedPropertyTypes(checker: ts.TypeChecker, literal: ts.ObjectLiteralExpression, name: string): ts.Type[] {
  const contextual = checker.getContextualType(literal);
  if (!contextual) return [];
  return unionParts(contextual).flatMap((part) => {
    const symbol = part.getProperty(name);
    return symbol ? [checker.getNonNullableType(checker.getTypeOfSymbolAtLocation(symbol, literal))] : [];
  });
}

function checkAttribute(context: RuleContext<MisusedPromiseOptions>, attribute: ts.JsxAttribute, value: ts.Expression): void {
  const { checker } = context;
  if (!returnsThenable(checker, value)) return;
  const expected = checker.getContextualType(value);
  if (!expected || !expectsVoidReturn(context, expected)) return;
  context.report({ node: value, messageId: "voidAttribute", values: { name: attribute.name.getText(context.sourceFile) } });
}

/**
 * TypeScript resolves `it("x", async () => …)` against mocha's first overload, `(done) => void`, because a function
 * returning a promise is assignable to one returning `void`. When another overload of the callee takes a callback that
 * may return a promise at this position (mocha's `AsyncFunc`), the promise is not dropped: not a misuse.
 */
function someOverloadAcceptsPromise(
  context: RuleContext<MisusedPromiseOptions>,
  call: ts.CallExpression | ts.NewExpression,
  argument: ts.Expression,
): boolean {
  const { checker } = context;
  const args: readonly ts.Expression[] = call.arguments ?? [];
  const index = args.indexOf(argument);
  const signatures = calleeSignatures(checker, call);
  if (signatures.length < 2) return false;
  return signatures.some((signature) => {
    const parameter = parameterTypeAt(checker, signature, index, call);
    return (
      parameter !== undefined &&
      !expectsVoidReturn(context, parameter) &&
      !returnsAnyInLibrary(context, parameter) &&
      unionParts(parameter).some((part) => part.getCallSignatures().length > 0)
    );
  });
}

/**
 * `document.addEventListener("click", async () => …)`: lib.dom types the keyed overload's listener `(ev) => any`, a
 * convenience for listeners that happen to return something, while its other overload takes an `EventListener`, which
 * returns `void`. The event target drops whatever a listener returns, a promise and its rejection included.
 */
function isLibraryListenerDroppingResult(
  context: RuleContext<MisusedPromiseOptions>,
  call: ts.CallExpression | ts.NewExpression,
  argument: ts.Expression,
  expected: ts.Type,
): boolean {
  if (!returnsAnyInLibrary(context, expected)) return false;
  const args: readonly ts.Expression[] = call.arguments ?? [];
  const index = args.indexOf(argument);
  return calleeSignatures(context.checker, call).some((signature) => {
    const parameter = parameterTypeAt(context.checker, signature, index, call);
    return parameter !== undefined && expectsVoidReturn(context, parameter);
  });
}

/** A function type declared in the default library whose result is `any`. */
function returnsAnyInLibrary(context: RuleContext<MisusedPromiseOptions>, type: ts.Type): boolean {
  const signatures = unionParts(type).flatMap((part) => part.getCallSignatures());
  return (
    signatures.length > 0 &&
    signatures.every((signature) => {
      const declaration = signature.getDeclaration() as ts.Declaration | undefined;
      return declaration !== undefined && context.program.isSourceFileDefaultLibrary(declaration.getSourceFile()) && (signature.getReturnType().flags & ts.TypeFlags.Any) !== 0;
    })
  );
}

/** An identifier declared with a written type (`id: string`, `const handler: Handler = …`). */
function hasWrittenType(checker: ts.TypeChecker, argument: ts.Expression): boolean {
  const inner = skipParentheses(argument);
  if (!ts.isIdentifier(inner)) return false;
  const declaration = checker.getSymbolAtLocation(inner)?.valueDeclaration;
  return declaration !== undefined && (ts.isParameter(declaration) || ts.isVariableDeclaration(declaration) || ts.isPropertyDeclaration(declaration)) && declaration.type !== undefined;
}

/**
 * Cheap first question, from the callee's declared signatures: could the parameter this argument goes to expect a
 * `void`-returning function? `items.map((item) => …)` cannot (its callback returns the inferred `U`). Answering no here
 * spares inferring the callback's return type, which resolves the call and checks the callback's body.
 * The declared parameter type answers as its instantiation would unless it mentions a type parameter of the signature
 * that other parameters also infer (`reduce`'s `U`), or a type computed from type parameters (`Events[K]`): then maybe.
 */
function mayExpectVoidCallback(context: RuleContext<MisusedPromiseOptions>, call: ts.CallExpression | ts.NewExpression, argument: ts.Expression): boolean {
  const { checker } = context;
  const args: readonly ts.Expression[] = call.arguments ?? [];
  const index = args.indexOf(argument);
  if (call.typeArguments || index < 0 || args.slice(0, index).some(ts.isSpreadElement)) return true;
  const signatures = calleeSignatures(checker, call);
  return signatures.some((signature) => {
    const parameter = parameterTypeAt(checker, signature, index, call);
    if (!parameter) return false;
    if (sharesTypeParameter(signature, index)) return true;
    const computed = (type: ts.Type) => (type.flags & ts.TypeFlags.Instantiable) !== 0 && !(type.flags & ts.TypeFlags.TypeParameter);
    const returnsComputed = (part: ts.Type) => part.getCallSignatures().some((callback) => unionParts(callback.getReturnType()).some(computed));
    if (unionParts(parameter).some((part) => computed(part) || returnsComputed(part))) return true;
    return expectsVoidReturn(context, parameter);
  });
}

/** Whether the parameter at `index` (or the rest parameter it falls in) names a type parameter of the signature that another parameter names too. */
function sharesTypeParameter(signature: ts.Signature, index: number): boolean {
  const own = signature.getTypeParameters();
  if (!own?.length) return false;
  const declaration = signature.getDeclaration() as ts.SignatureDeclaration | undefined;
  if (!declaration || !("parameters" in declaration)) return true;
  const names = new Set(own.map((parameter) => parameter.symbol.getName()));
  const parameters = declaration.parameters;
  const at = Math.min(index, parameters.length - 1);
  const mentioned = (node: ts.Node | undefined, into: Set<string>): Set<string> => {
    if (!node) return into;
    if (ts.isTypeReferenceNode(node) && ts.isIdentifier(node.typeName) && names.has(node.typeName.text)) into.add(node.typeName.text);
    ts.forEachChild(node, (child) => void mentioned(child, into));
    return into;
  };
  const here = mentioned(parameters[at]?.type, new Set());
  if (here.size === 0) return false;
  return parameters.some((parameter, other) => other !== at && [...mentioned(parameter.type, new Set())].some((name) => here.has(name)));
}

/** The argument is a function (literal or value) whose every call returns a thenable: `async () => …`, `saveUser`. */
function isAsync(node: ts.FunctionLikeDeclaration): boolean {
  return (ts.getModifiers(node) ?? []).some((modifier) => modifier.kind === ts.SyntaxKind.AsyncKeyword);
}

function returnsThenable(checker: ts.TypeChecker, node: ts.Expression): boolean {
  const inner = skipParentheses(node);
  // A literal function: its own body decides, whatever the context makes of it.
  if (ts.isArrowFunction(inner) || ts.isFunctionExpression(inner)) {
    // `(resolve, reject) => work().then(resolve, reject)`: the dropped promise already handles its rejection.
    if (!isAsync(inner) && !ts.isBlock(inner.body) && isHandledChain(checker, skipParentheses(inner.body))) return false;
    // An async function returns a promise whatever its body does: no need to infer its return type from the body.
    if (isAsync(inner) && !inner.asteriskToken) return true;
    const signature = checker.getSignatureFromDeclaration(inner);
    if (!signature) return false;
    const returnType = checker.getReturnTypeOfSignature(signature);
    return isThenableType(checker, returnType, inner);
  }
  // A reference whose declared type is no function returning a promise needs no narrowing at this spot (flow analysis
  // through a large function, over a large union, was most of this rule's time).
  if (isReference(inner) && cannotBecome(checker, inner, (part) => mayReturnThenable(checker, part, inner))) return false;
  return returnsThenableType(checker, checker.getTypeAtLocation(inner), inner);
}

/** `handler`, `options.onDone`, `descriptor.get`: a name, or properties read off one. */
function isReference(node: ts.Expression): boolean {
  return ts.isIdentifier(node) || (ts.isPropertyAccessExpression(node) && isReference(skipParentheses(node.expression)));
}

/** Some call signature may return a thenable: its declared return type has one, or a type parameter that could be one. */
function mayReturnThenable(checker: ts.TypeChecker, type: ts.Type, at: ts.Node): boolean {
  return type.getCallSignatures().some((signature) =>
    unionParts(checker.getReturnTypeOfSignature(signature)).some((part) => part.flags & (opaque & ~ts.TypeFlags.Any) || isThenableType(checker, part, at)),
  );
}

function returnsThenableType(checker: ts.TypeChecker, type: ts.Type, at: ts.Node): boolean {
  if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return false;
  const signatures = unionParts(checker.getNonNullableType(type)).flatMap((part) => part.getCallSignatures());
  return signatures.length > 0 && signatures.every((signature) => isThenableType(checker, checker.getReturnTypeOfSignature(signature), at));
}

const opaque = ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.NonPrimitive | ts.TypeFlags.Instantiable;

/**
 * Whether narrowing cannot give the reference (`value`, `descriptor.get`) a type with `property` at this spot: no
 * member of the types its declarations allow has it. Narrowing only removes union members or intersects with a guarded
 * type; `unknown`, `object`, `{}` and type parameters are what a guard can turn into anything, so they never answer here.
 */
function cannotBecome(checker: ts.TypeChecker, reference: ts.Expression, property: (part: ts.Type) => boolean): boolean {
  const declared = declaredReferenceTypes(checker, reference);
  return declared !== undefined && declared.every((part) => !(part.flags & opaque) && !isEmptyObject(part) && !property(checker.getApparentType(part)));
}

/**
 * The union members a reference's declarations allow before narrowing: a variable's or parameter's type, then each
 * property's along `a.b.c`. A callback's untyped parameter, or a name destructured from one, takes what the callee
 * declares for it: its own type would resolve the enclosing call and check the callback's body (typing `descriptor.get`
 * in `entries.map(([key, descriptor]) => …)` was a third of an edit's analysis in openai's `completions.ts`).
 * Undefined when a step is not followed (element access, `this`, an opaque owner, a property only narrowing gives).
 */
function declaredReferenceTypes(checker: ts.TypeChecker, reference: ts.Expression): ts.Type[] | undefined {
  const node = skipParentheses(reference);
  if (ts.isPropertyAccessExpression(node)) {
    if (!ts.isIdentifier(node.name)) return undefined;
    const owners = declaredReferenceTypes(checker, node.expression);
    if (!owners) return undefined;
    const found: ts.Type[] = [];
    for (const owner of owners) {
      // `a?.b`: a nullish owner gives `undefined`, which no question here is about.
      if (owner.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null | ts.TypeFlags.Void)) continue;
      if (owner.flags & opaque || isEmptyObject(owner)) return undefined;
      const member = checker.getApparentType(owner).getProperty(node.name.text);
      if (!member) return undefined;
      found.push(...unionParts(checker.getTypeOfSymbol(member)));
    }
    return found;
  }
  if (!ts.isIdentifier(node)) return undefined;
  const symbol = checker.getSymbolAtLocation(node);
  if (!symbol || !(symbol.flags & (ts.SymbolFlags.Variable | ts.SymbolFlags.Property))) return undefined;
  const declaration = symbol.valueDeclaration;
  if (declaration && (ts.isParameter(declaration) || ts.isBindingElement(declaration)) && ts.isIdentifier(declaration.name)) {
    const fromCallee = declaredCallbackParameter(checker, declaration.name);
    if (fromCallee) return fromCallee.types.flatMap(unionParts);
  }
  return [...unionParts(checker.getTypeOfSymbol(symbol))];
}

function isEmptyObject(type: ts.Type): boolean {
  return (type.flags & ts.TypeFlags.Object) !== 0 && type.getProperties().length === 0 && type.getCallSignatures().length === 0 && type.getConstructSignatures().length === 0;
}

/**
 * The expected function type returns `void` and nothing in it accepts a promise: some callable part returns exactly
 * `void` (or `void | undefined`) and no part returns `any`, `unknown`, a type parameter or a thenable.
 * DOM's `TimerHandler` (`string | Function`, what lib.dom gives `setTimeout`) is a callback whose result is dropped.
 */
function expectsVoidReturn(context: RuleContext<MisusedPromiseOptions>, expected: ts.Type): boolean {
  const { checker, program } = context;
  const alias = expected.aliasSymbol;
  if (alias?.getName() === "TimerHandler" && alias.getDeclarations()?.some((d) => program.isSourceFileDefaultLibrary(d.getSourceFile()))) {
    return true;
  }
  let sawVoid = false;
  for (const part of unionParts(expected)) {
    if (part.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.TypeParameter)) return false;
    for (const signature of part.getCallSignatures()) {
      const returnType = checker.getReturnTypeOfSignature(signature);
      if (returnType.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.TypeParameter)) return false;
      const returnParts = unionParts(returnType);
      if (returnParts.some((r) => r.flags & ts.TypeFlags.TypeParameter || isThenableType(checker, r, signature.getDeclaration() ?? context.sourceFile))) {
        return false;
      }
      if (returnParts.some((r) => r.flags & ts.TypeFlags.Void) && returnParts.every((r) => r.flags & (ts.TypeFlags.Void | ts.TypeFlags.Undefined))) {
        sawVoid = true;
      }
    }
  }
  return sawVoid;
}

/**
 * `xs.forEach(cb)` as a whole statement, on an array or tuple, in a function that may `await`: the `for-of` fix can
 * turn it into `for (const x of xs) { … }`. The fix itself checks the callback's shape.
 */
function isForEachStatementCall(context: RuleContext<MisusedPromiseOptions>, call: ts.CallExpression, argument: ts.Expression): boolean {
  const { checker, program } = context;
  if (call.arguments[0] !== argument) return false;
  const rewrite = forEachRewrite(call);
  if (!rewrite) return false;
  const callee = skipParentheses(call.expression) as ts.PropertyAccessExpression;
  const symbol = checker.getSymbolAtLocation(callee.name);
  const fromLib = symbol?.getDeclarations()?.some((declaration) => program.isSourceFileDefaultLibrary(declaration.getSourceFile()));
  if (!fromLib) return false;
  const receiver = checker.getTypeAtLocation(rewrite.receiver);
  const isArray = unionParts(checker.getApparentType(receiver)).every((part) => checker.isArrayType(part) || checker.isTupleType(part));
  return isArray && isAwaitAllowed(call, program.getCompilerOptions());
}

// ── (2) promises in boolean positions ────────────────────────────────────────────────────────────

/** The expressions whose truthiness `node` tests. */
function conditionsOf(node: ts.Node): ts.Expression[] {
  if (ts.isIfStatement(node) || ts.isWhileStatement(node) || ts.isDoStatement(node)) return [node.expression];
  if (ts.isForStatement(node)) return node.condition ? [node.condition] : [];
  if (ts.isConditionalExpression(node)) return [node.condition];
  if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.ExclamationToken) return [node.operand];
  if (ts.isBinaryExpression(node)) {
    const operator = node.operatorToken.kind;
    // The left operand of `&&` / `||` decides which side is the result; `??` tests for nullish, not truthiness.
    if (operator === ts.SyntaxKind.AmpersandAmpersandToken || operator === ts.SyntaxKind.BarBarToken) return [node.left];
    if (operator === ts.SyntaxKind.AmpersandAmpersandEqualsToken || operator === ts.SyntaxKind.BarBarEqualsToken) return [node.left];
  }
  return [];
}

/** Reports the promise-valued operands of a condition; `a && p` and `a || p` test both sides when used as a condition. */
function checkCondition(context: RuleContext<MisusedPromiseOptions>, condition: ts.Expression, reported: Set<ts.Node>): void {
  const node = skipParentheses(condition);
  if (ts.isBinaryExpression(node)) {
    const operator = node.operatorToken.kind;
    if (operator === ts.SyntaxKind.AmpersandAmpersandToken || operator === ts.SyntaxKind.BarBarToken) {
      checkCondition(context, node.left, reported);
      checkCondition(context, node.right, reported);
      return;
    }
  }
  if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.ExclamationToken) return; // its own visit checks it
  if (reported.has(node) || isPlainBoolean(node) || ts.isAwaitExpression(node) || guardsMemberRead(node) || guardsAwaitOfItself(node)) return;
  const { checker } = context;
  if (ts.isIdentifier(node) && (holdsAwaitedValue(checker, node) || isMaybeUnassigned(checker, node))) return;
  if (isReference(node) && cannotBecome(checker, node, (part) => isThenableType(checker, part, node))) return;
  // A call's declared return type answers without resolving the call when resolving cannot change it.
  const type = ts.isCallExpression(node) ? callResultType(checker, node) : checker.getTypeAtLocation(node);
  if (!isAlwaysThenable(checker, type, node)) return;
  // Last: whose field it is would type the receiver (`descriptor.get` in a callback resolves the call around it).
  if (mayBeUnset(checker, node, context.program.getCompilerOptions())) return;
  reported.add(node);
  const fixes: FixId[] = isAwaitAllowed(node, context.program.getCompilerOptions()) ? ["add-await"] : [];
  context.report({
    node,
    messageId: "conditional",
    data: { fixes, expression: { start: node.getStart(context.sourceFile), end: node.getEnd() } },
  });
}

/**
 * `if (event.preloadResponse) { const response = await event.preloadResponse; … }`: the branch the test guards awaits
 * the very value tested, so the author knows it is a promise and asks whether it is there at all (a feature the
 * runtime may lack, though the declarations type it as present: Workbox's navigation preload).
 */
function guardsAwaitOfItself(node: ts.Expression): boolean {
  if (!ts.isIdentifier(node) && !ts.isPropertyAccessExpression(node)) return false;
  let condition: ts.Node = node;
  while (ts.isParenthesizedExpression(condition.parent) || (ts.isBinaryExpression(condition.parent) && condition.parent.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken)) {
    condition = condition.parent;
  }
  const statement = condition.parent;
  const guarded = ts.isIfStatement(statement) && statement.expression === condition ? statement.thenStatement : ts.isConditionalExpression(statement) && statement.condition === condition ? statement.whenTrue : undefined;
  if (!guarded) return false;
  const text = node.getText();
  const awaitsIt = (inner: ts.Node): boolean => {
    if (isFunctionLike(inner)) return false;
    if (ts.isAwaitExpression(inner)) {
      let operand = skipParentheses(inner.expression);
      while (ts.isAsExpression(operand) || ts.isNonNullExpression(operand)) operand = skipParentheses(operand.expression);
      if (isSameReference(operand, text)) return true;
    }
    return ts.forEachChild(inner, awaitsIt) ?? false;
  };
  return awaitsIt(guarded);
}

/**
 * `target && typeof target.then === "function"`, `job && job.cancel()`: the test guards a read of the value's own
 * members on the right, a check against `null` from untyped callers (ethers' `resolveAddress`), not a result forgotten
 * unawaited. Awaiting it, the fix the finding offers, would break the code.
 */
function guardsMemberRead(node: ts.Expression): boolean {
  if (!ts.isIdentifier(node) && !ts.isPropertyAccessExpression(node)) return false;
  let outer: ts.Node = node;
  while (ts.isParenthesizedExpression(outer.parent)) outer = outer.parent;
  const parent = outer.parent;
  if (!ts.isBinaryExpression(parent) || parent.left !== outer || parent.operatorToken.kind !== ts.SyntaxKind.AmpersandAmpersandToken) return false;
  const text = node.getText();
  const readsMember = (inner: ts.Node): boolean => {
    if ((ts.isPropertyAccessExpression(inner) || ts.isElementAccessExpression(inner)) && isSameReference(skipParentheses(inner.expression), text)) return true;
    return ts.forEachChild(inner, readsMember) ?? false;
  };
  return readsMember(parent.right);
}

/**
 * `const user = await load(id)`, never reassigned: an awaited value is never a thenable (`await` unwraps them all), so
 * there is no need to infer the initializer (resolving `load(id)` and checking its arguments) to know it.
 */
function holdsAwaitedValue(checker: ts.TypeChecker, identifier: ts.Identifier): boolean {
  const declaration = checker.getSymbolAtLocation(identifier)?.valueDeclaration;
  if (!declaration || !ts.isVariableDeclaration(declaration) || declaration.type || !declaration.initializer || !ts.isIdentifier(declaration.name)) return false;
  if (!(ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const)) return false;
  return ts.isAwaitExpression(skipParentheses(declaration.initializer));
}

/**
 * `if (!this.initPromise) this.initPromise = start()` where the field is declared `initPromise!: Promise<void>` (or
 * without an initializer and strictPropertyInitialization off): nothing assigns it at construction, so the test asks
 * whether it is set yet. With strictNullChecks off, any parameter, `let` or property may hold `undefined` whatever its
 * declared type (Amplify DataStore's lazy `initPromise`); a `const` initialized to a promise still cannot.
 * An element read by index (`queue[0]`, `byId[id]`) is typed as present unless noUncheckedIndexedAccess is on, and may
 * not be, and so may a variable it initialized (`const head = queue[0]; if (head) await head`). A variable declared as
 * possibly `undefined` (`const head: Promise<void> | undefined = queue[0]`) is tested for presence whatever the
 * assignment narrowed it to.
 */
function mayBeUnset(checker: ts.TypeChecker, node: ts.Expression, options: ts.CompilerOptions): boolean {
  const strictNullChecks = options.strictNullChecks ?? options.strict ?? true; // TypeScript 6: strict unless told otherwise
  if (readsByIndex(checker, node)) return true;
  if (ts.isIdentifier(node)) {
    const declaration = checker.getSymbolAtLocation(node)?.valueDeclaration;
    if (declaration && (ts.isVariableDeclaration(declaration) || ts.isParameter(declaration))) {
      if (declaration.type && unionParts(checker.getTypeFromTypeNode(declaration.type)).some((part) => part.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null | ts.TypeFlags.Void))) return true;
      if (ts.isVariableDeclaration(declaration) && declaration.initializer && readsByIndex(checker, skipParentheses(declaration.initializer))) return true;
    }
  }
  if (ts.isPropertyAccessExpression(node)) {
    if (!strictNullChecks) return true;
    const declaration = checker.getSymbolAtLocation(node.name)?.valueDeclaration;
    if (!declaration || !ts.isPropertyDeclaration(declaration) || declaration.initializer) return false;
    if (ts.getCombinedModifierFlags(declaration) & ts.ModifierFlags.Ambient || declaration.getSourceFile().isDeclarationFile) return false;
    return declaration.exclamationToken !== undefined || !(options.strictPropertyInitialization ?? options.strict ?? true);
  }
  if (strictNullChecks || !ts.isIdentifier(node)) return false;
  const declaration = checker.getSymbolAtLocation(node)?.valueDeclaration;
  if (!declaration) return false;
  if (ts.isParameter(declaration) || ts.isBindingElement(declaration)) return true;
  return ts.isVariableDeclaration(declaration) && !(ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const && declaration.initializer);
}

/** `queue[0]`, `byId[id]`, `byId.key` of a `Record`: an element an index signature or an array's index types, no declared property. */
function readsByIndex(checker: ts.TypeChecker, node: ts.Expression): boolean {
  if (ts.isElementAccessExpression(node)) {
    const key = checker.getTypeAtLocation(node.argumentExpression);
    if (!key.isStringLiteral() && !key.isNumberLiteral()) return true; // `queue[i]`, `byId[id]`
    return checker.getTypeAtLocation(node.expression).getProperty(String(key.value)) === undefined;
  }
  if (ts.isPropertyAccessExpression(node)) return checker.getSymbolAtLocation(node.name) === undefined;
  return false;
}

/**
 * `let shared: Promise<void>;` read in another function (`if (!shared) shared = start()`): the compiler cannot tell
 * there whether it was assigned yet (its declared type says promise, its value may still be `undefined`), so the test
 * asks whether it is set, a lazy start, not whether a promise is truthy. In the declaring function itself the compiler
 * has checked that it is assigned before the test.
 */
function isMaybeUnassigned(checker: ts.TypeChecker, identifier: ts.Identifier): boolean {
  const declaration = checker.getSymbolAtLocation(identifier)?.valueDeclaration;
  if (!declaration || !ts.isVariableDeclaration(declaration) || declaration.initializer || declaration.exclamationToken) return false;
  const list = declaration.parent;
  if (!ts.isVariableDeclarationList(list) || list.flags & ts.NodeFlags.Const || ts.isForInStatement(list.parent) || ts.isForOfStatement(list.parent)) return false;
  if (ts.getCombinedModifierFlags(declaration) & ts.ModifierFlags.Ambient || declaration.getSourceFile().isDeclarationFile) return false;
  return enclosingFunction(identifier) !== enclosingFunction(declaration);
}

/** Comparisons, `typeof`, `instanceof`, `in`, literals: boolean or primitive by syntax, no need to ask the checker. */
function isPlainBoolean(node: ts.Expression): boolean {
  if (ts.isPrefixUnaryExpression(node) || ts.isTypeOfExpression(node) || ts.isLiteralExpression(node)) return true;
  if (node.kind === ts.SyntaxKind.TrueKeyword || node.kind === ts.SyntaxKind.FalseKeyword || node.kind === ts.SyntaxKind.NullKeyword) return true;
  if (!ts.isBinaryExpression(node)) return false;
  const operator = node.operatorToken.kind;
  // `'value' in descriptor`: typing it would type `descriptor`, for a callback's parameter the whole enclosing call.
  if (operator === ts.SyntaxKind.InKeyword || operator === ts.SyntaxKind.InstanceOfKeyword) return true;
  return (
    (operator >= ts.SyntaxKind.FirstBinaryOperator && operator <= ts.SyntaxKind.LastBinaryOperator && operator !== ts.SyntaxKind.CommaToken &&
      operator !== ts.SyntaxKind.AmpersandAmpersandToken && operator !== ts.SyntaxKind.BarBarToken && operator !== ts.SyntaxKind.QuestionQuestionToken &&
      !(operator >= ts.SyntaxKind.FirstAssignment && operator <= ts.SyntaxKind.LastAssignment))
  );
}

/** Every member of the type is a thenable: `Promise<T> | undefined` is a legitimate presence test. */
function isAlwaysThenable(checker: ts.TypeChecker, type: ts.Type, at: ts.Node): boolean {
  if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.Never)) return false;
  return unionParts(type).every((part) => isThenableType(checker, part, at));
}

import { ts } from "../../typescript";
import { calleeSignatures } from "../call-result";
import { declaredCallbackParameter } from "../callback-parameters";
import { isFunctionLike, skipParentheses } from "../syntax";
import { definedParts, isAbortControllerType, isAbortSignalType, isPossiblyNullish, signalPropertyOf, unionParts } from "./types";

/** An AbortSignal a call site can see, and how to write it there. */
export interface SignalInScope {
  /** The binding's name (`signal`, `controller`, …). */
  name: string;
  /** The expression to pass: `signal`, or `controller.signal` for a local `AbortController`. */
  text: string;
  /** The signal's type (may include `undefined` for an optional parameter). */
  type: ts.Type;
  /** May be `undefined`/`null` at run time: a method call on it needs `?.`. */
  optional: boolean;
  /** The declaring identifier. */
  declaration: ts.Identifier;
}

/** Per-run cache: a binding's answer does not change while the checker lives. */
export type SignalScopeCache = WeakMap<ts.Identifier, SignalInScope | null>;

export function createSignalScopeCache(): SignalScopeCache {
  return new WeakMap();
}

function bindingIdentifiers(name: ts.BindingName, into: ts.Identifier[]): ts.Identifier[] {
  if (ts.isIdentifier(name)) into.push(name);
  else for (const element of name.elements) if (!ts.isOmittedExpression(element)) bindingIdentifiers(element.name, into);
  return into;
}

/**
 * Initializers whose value cannot be an AbortSignal or AbortController, told apart by syntax alone. Asking the checker
 * for such a local's type would infer the initializer — for `const user = await load(id)` that means resolving the
 * call and checking its arguments — and this question is asked for every local in scope of every call.
 */
function cannotHoldSignal(declaration: ts.VariableDeclaration): boolean {
  if (declaration.type || !declaration.initializer) return false;
  let value = declaration.initializer;
  while (ts.isParenthesizedExpression(value) || ts.isAsExpression(value) || ts.isSatisfiesExpression(value)) {
    // An assertion names the type: only then is the checker cheap, so let it answer.
    if (!ts.isParenthesizedExpression(value)) return false;
    value = value.expression;
  }
  if (ts.isAwaitExpression(value)) return true; // an awaited signal is far too rare to pay for every awaited local
  if (ts.isBinaryExpression(value)) {
    const operator = value.operatorToken.kind;
    return !(operator === ts.SyntaxKind.BarBarToken || operator === ts.SyntaxKind.QuestionQuestionToken || operator === ts.SyntaxKind.AmpersandAmpersandToken || operator === ts.SyntaxKind.CommaToken || (operator >= ts.SyntaxKind.FirstAssignment && operator <= ts.SyntaxKind.LastAssignment));
  }
  // An object literal is no signal and no controller (it may carry one as a property: that is for arguments to ask).
  return isNeverSignalOrCarrier(value) || ts.isObjectLiteralExpression(value);
}

/**
 * Values that are neither a signal nor an object carrying one, told by syntax: a literal, a template, an array, a
 * function or class (whatever has call signatures is no options bag), the result of a unary operator.
 */
export function isNeverSignalOrCarrier(value: ts.Expression): boolean {
  return (
    ts.isLiteralExpression(value) ||
    ts.isTemplateExpression(value) ||
    ts.isArrayLiteralExpression(value) ||
    ts.isArrowFunction(value) ||
    ts.isFunctionExpression(value) ||
    ts.isClassExpression(value) ||
    ts.isPrefixUnaryExpression(value) ||
    ts.isPostfixUnaryExpression(value) ||
    ts.isTypeOfExpression(value) ||
    ts.isVoidExpression(value) ||
    ts.isDeleteExpression(value) ||
    value.kind === ts.SyntaxKind.TrueKeyword ||
    value.kind === ts.SyntaxKind.FalseKeyword ||
    value.kind === ts.SyntaxKind.NullKeyword
  );
}

/**
 * `const [a, b] = await Promise.all(…)`: a name destructured from an awaited value, like an awaited local (see
 * `cannotHoldSignal`), is not worth inferring, unless its name says it is a signal or a controller.
 */
function isDestructuredFromAwait(identifier: ts.Identifier): boolean {
  let root: ts.Node = identifier.parent;
  if (!ts.isBindingElement(root)) return false;
  const names: string[] = [identifier.text];
  while (ts.isBindingElement(root) || ts.isObjectBindingPattern(root) || ts.isArrayBindingPattern(root)) {
    if (ts.isBindingElement(root) && root.propertyName && ts.isIdentifier(root.propertyName)) names.push(root.propertyName.text);
    root = root.parent;
  }
  if (!ts.isVariableDeclaration(root) || root.type || !root.initializer) return false;
  let value = root.initializer;
  while (ts.isParenthesizedExpression(value)) value = value.expression;
  return ts.isAwaitExpression(value) && !names.some((name) => /signal|controller/i.test(name));
}

const inferred = ts.TypeFlags.Instantiable;

/**
 * Could a value of this declared type be (or carry, as an options bag) a signal? Undefined when that depends on what
 * inference would put in a type parameter.
 */
function mayHoldSignal(checker: ts.TypeChecker, type: ts.Type, at: ts.Node): boolean | undefined {
  for (const part of unionParts(type)) {
    if (part.flags & inferred) return undefined;
    if (isAbortSignalType(part) || isAbortControllerType(checker, part, at) || signalPropertyOf(checker, part, at, true)) return true;
    if (!(part.flags & ts.TypeFlags.Object)) continue;
    if ((part as ts.ObjectType).objectFlags & ts.ObjectFlags.Reference && checker.getTypeArguments(part as ts.TypeReference).some((argument) => argument.flags & inferred)) return undefined;
    if (part.getCallSignatures().length === 0 && part.getProperties().some((property) => checker.getTypeOfSymbolAtLocation(property, at).flags & inferred)) return undefined;
  }
  return false;
}

/**
 * What the callee declares for a callback's parameter (see `declaredCallbackParameter`), as far as signals go: asking the
 * checker for the name's own type resolves the enclosing call, which was half of this rule's time, and most of an edit's
 * in the editor.
 * - `{ notSignal: true }`: no declared type there may be a signal or carry one.
 * - `{ type }`: the type the checker would give the name (`queue.enqueue((taskSignal) => …)`,
 *   `router.get(path, async (request, context) => …)`).
 * - undefined: the declared types cannot tell (a type parameter, overloads, an unusual position): the checker answers.
 */
function declaredSignalParameter(checker: ts.TypeChecker, identifier: ts.Identifier): { notSignal: true } | { type: ts.Type } | undefined {
  const declared = declaredCallbackParameter(checker, identifier);
  if (!declared) return undefined;
  const mayHold = declared.types.map((type) => mayHoldSignal(checker, type, declared.call));
  if (mayHold.every((answer) => answer === false)) return { notSignal: true };
  if (declared.exact && mayHold[0] === true) return { type: declared.types[0]! };
  return undefined;
}

/**
 * `taskSignal` or `context.signal`, where the name is a callback's untyped parameter whose type the callee declares:
 * whether that declared type (for `context.signal`, its property's) is a signal, without resolving the call the
 * callback is passed to (which checks the callback's whole body). Only a yes is definite: narrowing can make a declared
 * `AbortSignal | string` a signal, never a declared signal something else, so a no leaves the question to the checker.
 */
export function isDeclaredSignalReference(checker: ts.TypeChecker, expression: ts.Expression): boolean {
  let root = skipParentheses(expression);
  let property: string | undefined;
  if (ts.isPropertyAccessExpression(root) && ts.isIdentifier(root.name)) {
    property = root.name.text;
    root = skipParentheses(root.expression);
  }
  if (!ts.isIdentifier(root)) return false;
  const declaration = checker.getSymbolAtLocation(root)?.valueDeclaration;
  if (!declaration || !ts.isParameter(declaration) || !ts.isIdentifier(declaration.name)) return false;
  const declared = declaredSignalParameter(checker, declaration.name);
  if (!declared || !("type" in declared)) return false;
  if (property === undefined) return isAbortSignalType(declared.type);
  const parts = definedParts(declared.type);
  return (
    parts.length > 0 &&
    parts.every((part) => {
      const symbol = part.getProperty(property);
      // At the declaration: at a reference, the checker would type the reference (resolving the call) first.
      return symbol !== undefined && isAbortSignalType(checker.getTypeOfSymbolAtLocation(symbol, declaration));
    })
  );
}

/**
 * `const total = related.reduce(…)`, `const now = new Date()`: a local initialised by a call whose callee declares only
 * results that are neither signals nor controllers. Inferring the local's type would resolve the call (overloads,
 * every argument, callback bodies); the callee's type is wanted by the rules anyway.
 */
function initializedByNonSignalCall(checker: ts.TypeChecker, declaration: ts.VariableDeclaration): boolean {
  if (declaration.type || !declaration.initializer) return false;
  const value = skipParentheses(declaration.initializer);
  if (!ts.isCallExpression(value) && !ts.isNewExpression(value)) return false;
  if (value.expression.kind === ts.SyntaxKind.SuperKeyword || value.expression.kind === ts.SyntaxKind.ImportKeyword) return false;
  const signatures = calleeSignatures(checker, value);
  return (
    signatures.length > 0 &&
    signatures.every((signature) =>
      unionParts(signature.getReturnType()).every(
        (part) => !(part.flags & (inferred | ts.TypeFlags.Any | ts.TypeFlags.Unknown)) && !isAbortSignalType(part) && !isAbortControllerType(checker, part, declaration),
      ),
    )
  );
}

function describe(checker: ts.TypeChecker, identifier: ts.Identifier, cache: SignalScopeCache, isParameter = false): SignalInScope | undefined {
  const cached = cache.get(identifier);
  if (cached !== undefined) return cached ?? undefined;
  const declaration = identifier.parent;
  const declared = isParameter ? declaredSignalParameter(checker, identifier) : undefined;
  if (
    (ts.isVariableDeclaration(declaration) && declaration.name === identifier && (cannotHoldSignal(declaration) || initializedByNonSignalCall(checker, declaration))) ||
    isDestructuredFromAwait(identifier) ||
    (declared && "notSignal" in declared)
  ) {
    cache.set(identifier, null);
    return undefined;
  }
  let answer: SignalInScope | null = null;
  const symbol = checker.getSymbolAtLocation(identifier);
  if (symbol) {
    const type = declared && "type" in declared ? declared.type : checker.getTypeOfSymbolAtLocation(symbol, identifier);
    if (isAbortSignalType(type)) {
      answer = { name: identifier.text, text: identifier.text, type, optional: isPossiblyNullish(type), declaration: identifier };
    } else if (isAbortControllerType(checker, type, identifier)) {
      const signalType = checker.getTypeOfSymbolAtLocation(type.getProperty("signal")!, identifier);
      answer = { name: identifier.text, text: `${identifier.text}.signal`, type: signalType, optional: false, declaration: identifier };
    } else if (isParameter && ts.isParameter(identifier.parent)) {
      // `options: { signal?: AbortSignal }`: the function declares that its callers hand it a signal.
      const property = signalPropertyOf(checker, type, identifier, true);
      // Only when every member of the parameter's type has it: `docOrOptions: string | Options` holds a signal only
      // sometimes, and `docOrOptions.signal` would not compile (graphql-request).
      const readable = property !== undefined && checker.getNonNullableType(type).getProperty(property.getName()) !== undefined;
      if (property && readable && /^[A-Za-z_$][\w$]*$/.test(property.getName())) {
        const propertyType = checker.getTypeOfSymbolAtLocation(property, identifier);
        const access = isPossiblyNullish(type) ? "?." : ".";
        answer = {
          name: property.getName(),
          text: `${identifier.text}${access}${property.getName()}`,
          type: isPossiblyNullish(type) ? checker.getNullableType(propertyType, ts.TypeFlags.Undefined) : propertyType,
          optional: isPossiblyNullish(type) || isPossiblyNullish(propertyType),
          declaration: identifier,
        };
      }
    }
  }
  cache.set(identifier, answer);
  return answer ?? undefined;
}

function declaredIdentifiers(statement: ts.Statement | ts.VariableDeclarationList): ts.Identifier[] {
  const list = ts.isVariableStatement(statement) ? statement.declarationList : ts.isVariableDeclarationList(statement) ? statement : undefined;
  const names: ts.Identifier[] = [];
  if (list) for (const declaration of list.declarations) bindingIdentifiers(declaration.name, names);
  return names;
}

/**
 * The AbortSignals visible at `node`, innermost first: parameters (destructured `{ signal }` included, and a nursery
 * task's `(signal) => …` whose type comes from context), locals declared before `node` (`const signal = …`,
 * `AbortSignal.timeout/any(…)` results) and local `AbortController`s (as `controller.signal`), in every enclosing
 * function, and an options parameter's signal property (`options.signal`). Module-level bindings do not count: only a function has a caller who may want to cancel it.
 */
export function signalsInScope(checker: ts.TypeChecker, node: ts.Node, cache: SignalScopeCache = createSignalScopeCache()): SignalInScope[] {
  const found: SignalInScope[] = [];
  const seen = new Set<string>();
  const add = (identifiers: readonly ts.Identifier[], parameters = false) => {
    for (const identifier of identifiers) {
      if (seen.has(identifier.text)) continue;
      // An inner binding shadows an outer one of the same name, whatever its type.
      seen.add(identifier.text);
      const signal = describe(checker, identifier, cache, parameters);
      if (signal) found.push(signal);
    }
  };
  let insideFunction = false;
  let child: ts.Node = node;
  for (let current = node.parent; current && !ts.isSourceFile(current); child = current, current = current.parent) {
    if (isFunctionLike(current)) {
      insideFunction = true;
      const names: ts.Identifier[] = [];
      for (const parameter of current.parameters) bindingIdentifiers(parameter.name, names);
      add(names, true);
      continue;
    }
    if (ts.isBlock(current) || ts.isCaseClause(current) || ts.isDefaultClause(current) || ts.isModuleBlock(current)) {
      const names: ts.Identifier[] = [];
      for (const statement of current.statements) {
        if (statement === child) break;
        names.push(...declaredIdentifiers(statement));
      }
      // Later declarations first: the nearest one is the best guess for "the" signal.
      add(names.reverse());
    } else if ((ts.isForStatement(current) || ts.isForOfStatement(current) || ts.isForInStatement(current)) && current.initializer !== child) {
      if (current.initializer && ts.isVariableDeclarationList(current.initializer)) add(declaredIdentifiers(current.initializer));
    }
  }
  return insideFunction ? found : [];
}

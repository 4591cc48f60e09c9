import { ts } from "../typescript";
import { calleeSignatures, parameterTypeAt } from "./call-result";
import { unionParts } from "./signals/types";

/**
 * The types a callee declares for the parameters of a callback passed straight to it (`cache.get(id, async (key) => …)`)
 * and for names destructured from them (`entries.map(([key, descriptor]) => …)`). Asking the checker for such a name's
 * type resolves the enclosing call: overload resolution, inference, checking the callback's whole body. The callee's
 * declared signatures are cheap, and for many questions they answer as well.
 */

export interface DeclaredCallbackParameter {
  /** What the callee's signatures declare there: one type per callback signature of every overload. */
  types: ts.Type[];
  /**
   * The one type the checker gives the name: one signature, one callback signature covering the callback's required
   * parameters, and a plain parameter (a step into a destructured name loses optionality: `{ signal } = options ?? {}`).
   */
  exact: boolean;
  /** The call the callback is passed to. */
  call: ts.CallExpression | ts.NewExpression;
}

/** Type parameters, indexed and conditional types: what inference decides. */
const inferred = ts.TypeFlags.Instantiable;

/**
 * How a name is reached from the parameter that declares it: `([key, descriptor]) => …` reaches `descriptor` by
 * index 1, `({ data: { signal } }) => …` reaches `signal` by `data`, then `signal`. Undefined for what this does not
 * follow (rest elements, computed names, defaults, which change the type).
 */
type BindingStep = { index: number } | { property: string };

function bindingPath(identifier: ts.Identifier): { parameter: ts.ParameterDeclaration; steps: BindingStep[] } | undefined {
  const steps: BindingStep[] = [];
  let node: ts.Node = identifier;
  while (ts.isBindingElement(node.parent)) {
    const element = node.parent;
    if (element.dotDotDotToken || element.initializer) return undefined;
    const pattern = element.parent;
    if (ts.isArrayBindingPattern(pattern)) steps.unshift({ index: pattern.elements.indexOf(element) });
    else {
      const name = element.propertyName ?? element.name;
      if (!ts.isIdentifier(name) && !ts.isStringLiteral(name)) return undefined;
      steps.unshift({ property: name.text });
    }
    node = pattern;
  }
  return ts.isParameter(node.parent) && node.parent.name === node ? { parameter: node.parent, steps } : undefined;
}

/** The type one step down (a tuple's or array's element, an object's property), for every union member; undefined when unknown. */
function stepInto(checker: ts.TypeChecker, type: ts.Type, step: BindingStep, at: ts.Node): ts.Type[] | undefined {
  const found: ts.Type[] = [];
  for (const part of unionParts(type)) {
    if (part.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null)) continue;
    if (!(part.flags & ts.TypeFlags.Object)) return undefined;
    if ("index" in step) {
      if (!checker.isTupleType(part) && !checker.isArrayType(part)) return undefined;
      const elements = checker.getTypeArguments(part as ts.TypeReference);
      const element = checker.isTupleType(part) ? elements[step.index] : elements[0];
      if (!element) return undefined;
      found.push(element);
    } else {
      const property = part.getProperty(step.property);
      if (!property) return undefined;
      found.push(checker.getTypeOfSymbolAtLocation(property, at));
    }
  }
  return found;
}

/**
 * The arrow's parameters the callee's callback type must cover: with more required parameters than it has, the callback
 * gets no contextual signature at all (TypeScript's `isAritySmaller`), and its parameters are `any`.
 */
function requiredParameterCount(callback: ts.ArrowFunction | ts.FunctionExpression): number {
  let count = 0;
  for (const parameter of callback.parameters) {
    if (parameter.initializer || parameter.questionToken || parameter.dotDotDotToken) break;
    count++;
  }
  return callback.parameters[0]?.name.getText() === "this" ? count - 1 : count;
}

function hasRestParameter(signature: ts.Signature): boolean {
  const last = signature.getParameters().at(-1)?.valueDeclaration;
  return last !== undefined && ts.isParameter(last) && last.dotDotDotToken !== undefined;
}

/**
 * What the callee declares for `identifier`, an untyped callback parameter or a name destructured from one (the name at
 * its declaration). Undefined when the declared types cannot tell: the parameter has a written type or a default, the
 * callback is not an argument, or a type on the way is left to inference (`T`, `Events[K]`).
 */
export function declaredCallbackParameter(checker: ts.TypeChecker, identifier: ts.Identifier): DeclaredCallbackParameter | undefined {
  const path = bindingPath(identifier);
  if (!path) return undefined;
  const { parameter, steps } = path;
  const callback = parameter.parent;
  // A JSDoc `@param {T}` in a JavaScript file is the parameter's type, whatever the context says.
  if (parameter.type || ts.getJSDocType(parameter) || !(ts.isArrowFunction(callback) || ts.isFunctionExpression(callback)) || parameter.dotDotDotToken || parameter.initializer) return undefined;
  let argument: ts.Node = callback;
  while (ts.isParenthesizedExpression(argument.parent)) argument = argument.parent;
  const call = argument.parent;
  if (!(ts.isCallExpression(call) || ts.isNewExpression(call)) || !call.arguments) return undefined;
  const argumentIndex = call.arguments.indexOf(argument as ts.Expression);
  if (argumentIndex < 0 || call.arguments.slice(0, argumentIndex).some(ts.isSpreadElement)) return undefined;
  const parameterIndex = callback.parameters.indexOf(parameter);
  const signatures = calleeSignatures(checker, call);
  if (signatures.length === 0) return undefined;
  const types: ts.Type[] = [];
  let callbackSignatures = 0;
  let exact = signatures.length === 1 && steps.length === 0;
  for (const signature of signatures) {
    const expected = parameterTypeAt(checker, signature, argumentIndex, call);
    if (!expected) continue;
    for (const part of unionParts(expected)) {
      if (part.flags & inferred) return undefined;
      for (const callbackSignature of part.getCallSignatures()) {
        callbackSignatures++;
        if (!hasRestParameter(callbackSignature) && callbackSignature.getParameters().length < requiredParameterCount(callback)) exact = false;
        // No parameter there in the callee's type: the callback receives nothing at that position.
        const declared = parameterTypeAt(checker, callbackSignature, parameterIndex, call);
        let reached: ts.Type[] = declared ? [declared] : [];
        for (const step of steps) {
          const next: ts.Type[] = [];
          for (const type of reached) {
            if (type.flags & inferred) return undefined;
            const inner = stepInto(checker, type, step, call);
            if (!inner) return undefined;
            next.push(...inner);
          }
          reached = next;
        }
        types.push(...reached);
      }
    }
  }
  if (types.some((type) => unionParts(type).some((part) => part.flags & inferred))) return undefined;
  return { types, exact: exact && callbackSignatures === 1 && types.length === 1, call };
}

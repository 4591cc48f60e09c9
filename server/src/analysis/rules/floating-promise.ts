import { ts } from "../../typescript";
import { callResultType, calleeSignatures, dependsOnInference } from "../call-result";
import { enclosingFunction, promiseCombinatorCall } from "../signals";
import { isHandledChain, isThenableArrayType, isThenableType, returnsHandledPromise, takesFromArray } from "../thenable";
import { symbolMatchesSpecifiers, typeMatchesSpecifiers, type Specifier } from "../specifiers";
import {
  calleeName,
  isAssignmentOperator,
  isAwaitAllowed,
  isLogicalOperator,
  methodCall,
  skipParentheses,
} from "../syntax";
import type { FixId, Rule, RuleContext } from "../types";
import { nurseryFixData, withLazyNurseryData } from "../nursery-fix-data";

export interface FloatingPromiseOptions {
  /** `void promise;` marks an intentional detach. */
  allowVoid: boolean;
  /** Immediately-invoked async functions at statement level are allowed. */
  ignoreIIFE: boolean;
  /** Calls to these functions may float (test runners' `it()`, `describe()`…). */
  allowForKnownSafeCalls: Specifier[];
  /** Promises of these types may float (e.g. VS Code's `Thenable`). */
  allowForKnownSafePromises: Specifier[];
}

const messages = {
  floating:
    "Promise is neither awaited nor handled: its rejection goes unobserved and the work outlives its caller. Await it, run it in a nursery, or detach it with `void`.",
  floatingSync:
    "Promise is neither awaited nor handled: its rejection goes unobserved and the work outlives its caller. Return it, add `.catch()`, or detach it with `void`.",
  floatingNoReturn:
    "Promise is neither awaited nor handled: its rejection goes unobserved and the work outlives its caller. Add `.catch()` to handle it, or detach it with `void`.",
  floatingArray:
    "Promises in this array are neither awaited nor handled: their rejections go unobserved and the work outlives its caller. Await them with `Promise.all`, or run them in a nursery.",
  floatingVoid:
    "Promise is detached with `void`, which this project does not allow (`allowVoid: false`): its rejection goes unobserved. Await it or run it in a nursery.",
  nonFunctionHandler:
    "Promise rejection handler passed to `{{method}}` is not a function, so a rejection still goes unobserved. Pass a function that handles the error.",
} as const;

type MessageId = keyof typeof messages;

/** Why a statement's expression floats, and which node is to blame. */
interface Verdict {
  messageId: MessageId;
  values?: Record<string, string>;
  array?: boolean;
}

export const floatingPromise: Rule<FloatingPromiseOptions> = {
  id: "floating-promise",
  meta: {
    docs: "Promises in statement position must be awaited, returned, handled or explicitly detached with `void`.",
    defaultSeverity: "error",
    preset: "recommended",
    messages,
    examples: {
      invalid: `declare function audit(user: string): Promise<void>;
declare function save(user: string): Promise<void>;

export async function register(user: string) {
  audit(user); // nobody waits for it, nobody sees it fail
  await save(user);
}`,
      valid: `declare function audit(user: string): Promise<void>;
declare function save(user: string): Promise<void>;

export async function register(user: string) {
  await audit(user);
  void save(user); // an explicit, intentional detach
  save(user).catch((error: unknown) => console.error(error));
}`,
    },
  },
  defaultOptions: {
    allowVoid: true,
    ignoreIIFE: false,
    allowForKnownSafeCalls: [],
    allowForKnownSafePromises: [],
  },
  check(context) {
    const { sourceFile, program } = context;
    const compilerOptions = program.getCompilerOptions();
    for (const node of context.nodes<ts.ExpressionStatement>(ts.SyntaxKind.ExpressionStatement)) {
      context.checkCancelled();
      const verdict = classify(context, node.expression);
      if (verdict) {
        const awaitAllowed = isAwaitAllowed(node, compilerOptions);
        const fixes: FixId[] = [];
        if (verdict.array) {
          if (awaitAllowed) fixes.push("await-all");
        } else if (verdict.messageId !== "floatingVoid") {
          if (awaitAllowed) fixes.push("add-await");
          fixes.push("void");
        }
        if (verdict.messageId === "floating" || verdict.array) fixes.push("run-in-nursery");
        // Where nothing can be returned (module top level, a constructor, a setter, a function returning `void`),
        // "return it" is no advice.
        const messageId = verdict.messageId === "floating" && !awaitAllowed ? (canReturnPromise(context.checker, node) ? "floatingSync" : "floatingNoReturn") : verdict.messageId;
        context.report({
          node,
          messageId,
          values: verdict.values,
          data: ((data) => (fixes.includes("run-in-nursery") ? withLazyNurseryData(data, () => nurseryFixData(context, node)) : data))({
            expression: { start: node.expression.getStart(sourceFile), end: node.expression.getEnd() },
            fixes,
          }),
        });
      }
    }
  },
};

/** Whether the function around `statement` could hand the promise to its caller by returning it. */
function canReturnPromise(checker: ts.TypeChecker, statement: ts.Node): boolean {
  const fn = enclosingFunction(statement);
  if (!fn || ts.isConstructorDeclaration(fn) || ts.isSetAccessorDeclaration(fn)) return false;
  if (fn.type) return fn.type.kind !== ts.SyntaxKind.VoidKeyword;
  // A callback: what its context expects it to return (`setTimeout(() => …)`, a listener).
  if (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) {
    const expected = checker.getContextualType(fn);
    const signatures = expected ? checker.getNonNullableType(expected).getCallSignatures() : [];
    if (signatures.length > 0) return signatures.some((signature) => !(checker.getReturnTypeOfSignature(signature).flags & ts.TypeFlags.Void));
  }
  return true;
}

/** Returns why `expression` floats, or undefined when it is handled or is no promise at all. */
function classify(context: RuleContext<FloatingPromiseOptions>, expression: ts.Expression): Verdict | undefined {
  const { checker, options } = context;
  const node = skipParentheses(expression);

  if (ts.isBinaryExpression(node)) {
    const operator = node.operatorToken.kind;
    // Every operand of a comma expression is evaluated and dropped, so each one may float.
    if (operator === ts.SyntaxKind.CommaToken) return classify(context, node.left) ?? classify(context, node.right);
    // `x = p` stores the promise: whoever reads `x` is responsible for it.
    if (isAssignmentOperator(operator)) return undefined;
  }
  if (ts.isVoidExpression(node)) {
    if (options.allowVoid) return undefined;
    return classify(context, node.expression) ? { messageId: "floatingVoid" } : undefined;
  }

  // Cheap question first: resolving a call (overloads, arguments, callback inference) is the costly part, and a call
  // whose callee's declared signatures all return something that cannot float needs no resolving.
  const floats = (t: ts.Type) => dependsOnInference(checker, t) || isThenableType(checker, t, node) || isThenableArrayType(checker, t, node);
  if (ts.isCallExpression(node) && !mayReturn(checker, node, floats)) return undefined;
  if (ts.isCallExpression(node) && takesFromArray(context.program, checker, node)) return undefined;
  if (ts.isAwaitExpression(node)) {
    const operand = skipParentheses(node.expression);
    // `await Promise.all(…)` (allSettled, race, any) gives awaited values, never an array of promises: no need to
    // resolve the call (checking every element, often `items.map(async …)` callbacks: a tenth of this rule's time).
    if (ts.isCallExpression(operand) && promiseCombinatorCall(context.program, checker, operand, ["all", "allSettled", "race", "any"])) return undefined;
    const awaitedArray = (t: ts.Type) => {
      const awaited = checker.getAwaitedType(t) ?? t;
      return dependsOnInference(checker, awaited) || isThenableArrayType(checker, awaited, node);
    };
    if (ts.isCallExpression(operand) && !mayReturn(checker, operand, awaitedArray)) return undefined;
  }

  const type = ts.isCallExpression(node) ? callResultType(checker, node) : checker.getTypeAtLocation(node);
  // Awaiting an array waits for nothing, so an array of promises floats even under `await`.
  if (isThenableArrayType(checker, type, node)) return { messageId: "floatingArray", array: true };
  if (ts.isAwaitExpression(node)) return undefined;
  if (!isThenableType(checker, type, node)) return undefined;
  if (typeMatchesSpecifiers(context.program, type, options.allowForKnownSafePromises)) return undefined;

  if (ts.isCallExpression(node)) return classifyCall(context, node);
  if (ts.isConditionalExpression(node)) return classify(context, node.whenFalse) ?? classify(context, node.whenTrue);
  if (ts.isBinaryExpression(node) && isLogicalOperator(node.operatorToken.kind)) {
    return classify(context, node.left) ?? classify(context, node.right);
  }
  if (
    ts.isIdentifier(node) ||
    ts.isPropertyAccessExpression(node) ||
    ts.isElementAccessExpression(node) ||
    ts.isNewExpression(node) ||
    ts.isTaggedTemplateExpression(node) ||
    ts.isNonNullExpression(node)
  ) {
    return { messageId: "floating" };
  }
  // Other shapes (`x as Promise<T>`, `yield`, …): we cannot tell how they are handled, so we stay silent.
  return undefined;
}

function classifyCall(context: RuleContext<FloatingPromiseOptions>, call: ts.CallExpression): Verdict | undefined {
  const { checker, options, program } = context;
  if (options.allowForKnownSafeCalls.length > 0) {
    const name = calleeName(call);
    let symbol = name ? checker.getSymbolAtLocation(name) : undefined;
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
    if (symbolMatchesSpecifiers(program, symbol, options.allowForKnownSafeCalls)) return undefined;
  }
  const callee = skipParentheses(call.expression);
  if (options.ignoreIIFE && (ts.isArrowFunction(callee) || ts.isFunctionExpression(callee))) return undefined;

  const method = methodCall(call);
  if (method?.name === "catch" || method?.name === "then") {
    const handler = call.arguments[method.name === "catch" ? 0 : 1];
    if (!handler) return { messageId: "floating" };
    if (!isHandledChain(checker, call)) {
      return { messageId: "nonFunctionHandler", values: { method: method.name } };
    }
    return undefined;
  }
  // `.finally(f)` passes a rejection through: it is handled exactly when the promise before it is.
  if (method?.name === "finally" && isThenableType(checker, checker.getTypeAtLocation(method.object), method.object)) {
    return classify(context, method.object) ?? undefined;
  }
  // Last, for calls about to be reported: the callee may handle the rejection of what it returns.
  const name = calleeName(call);
  let symbol = name ? checker.getSymbolAtLocation(name) : undefined;
  if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
  if (returnsHandledPromise(program, checker, symbol)) return undefined;
  return { messageId: "floating" };
}


/**
 * Whether `call` may return a type for which `test` holds, judged by its callee's declared signatures. A declared return
 * type that inference could still turn into one (`T`, `T[]`) and callees without visible signatures answer yes: only
 * resolving the call can tell. (`run<T>(f): Promise<T>` is a promise, and `Promise<Result<T>>` awaits to no array,
 * whatever `T` becomes.)
 */
function mayReturn(checker: ts.TypeChecker, call: ts.CallExpression, test: (returnType: ts.Type) => boolean): boolean {
  const signatures = calleeSignatures(checker, call);
  if (signatures.length === 0) return true;
  return signatures.some((signature) => test(signature.getReturnType()));
}

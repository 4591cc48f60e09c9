import { ts } from "../typescript";

/** Small AST questions shared by rules and fixes. Pure syntax: no checker. */

export function skipParentheses(node: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(node)) node = node.expression;
  return node;
}

export function isAssignmentOperator(kind: ts.SyntaxKind): boolean {
  return kind >= ts.SyntaxKind.FirstAssignment && kind <= ts.SyntaxKind.LastAssignment;
}

export function isLogicalOperator(kind: ts.SyntaxKind): boolean {
  return (
    kind === ts.SyntaxKind.AmpersandAmpersandToken ||
    kind === ts.SyntaxKind.BarBarToken ||
    kind === ts.SyntaxKind.QuestionQuestionToken
  );
}

/** The kinds `isFunctionLike` accepts. */
export const functionLikeKinds = [
  ts.SyntaxKind.FunctionDeclaration,
  ts.SyntaxKind.FunctionExpression,
  ts.SyntaxKind.ArrowFunction,
  ts.SyntaxKind.MethodDeclaration,
  ts.SyntaxKind.Constructor,
  ts.SyntaxKind.GetAccessor,
  ts.SyntaxKind.SetAccessor,
];

const functionLike = new Set(functionLikeKinds);

export function isFunctionLike(node: ts.Node): node is ts.SignatureDeclaration & ts.FunctionLikeDeclaration {
  return functionLike.has(node.kind);
}

function hasAsyncModifier(node: ts.Node): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.AsyncKeyword);
}

const topLevelAwaitModules = new Set<ts.ModuleKind | undefined>([
  ts.ModuleKind.ES2022,
  ts.ModuleKind.ESNext,
  ts.ModuleKind.System,
  ts.ModuleKind.Node16,
  ts.ModuleKind.Node18,
  ts.ModuleKind.Node20,
  ts.ModuleKind.NodeNext,
  ts.ModuleKind.Preserve,
]);

/** Whether `await` is legal at `node`: inside an async function, or at the top level of a module that allows it. */
export function isAwaitAllowed(node: ts.Node, options: ts.CompilerOptions): boolean {
  for (let current: ts.Node | undefined = node.parent; current; current = current.parent) {
    if (isFunctionLike(current)) return hasAsyncModifier(current);
    if (ts.isClassStaticBlockDeclaration(current)) return false;
    if (ts.isSourceFile(current)) {
      if (!ts.isExternalModule(current)) return false;
      if (current.impliedNodeFormat === ts.ModuleKind.CommonJS && (options.module ?? 0) >= ts.ModuleKind.Node16) return false;
      const target = options.target ?? ts.ScriptTarget.ES2022;
      return topLevelAwaitModules.has(options.module) && target >= ts.ScriptTarget.ES2017;
    }
  }
  return false;
}

/**
 * Whether a prefix operator (`await`, `void`) needs parentheses around `node` to apply to all of it:
 * `await (c ? p : q)`, not `(await c) ? p : q`.
 */
export function needsParenthesesAfterPrefix(node: ts.Expression): boolean {
  return !(
    ts.isCallExpression(node) ||
    ts.isNewExpression(node) ||
    ts.isPropertyAccessExpression(node) ||
    ts.isElementAccessExpression(node) ||
    ts.isIdentifier(node) ||
    ts.isParenthesizedExpression(node) ||
    ts.isTaggedTemplateExpression(node) ||
    ts.isNonNullExpression(node) ||
    ts.isAwaitExpression(node) ||
    ts.isVoidExpression(node) ||
    ts.isArrayLiteralExpression(node) ||
    node.kind === ts.SyntaxKind.ThisKeyword
  );
}

/**
 * Whether an identifier refers to a binding (a variable, parameter, function, `arguments`), rather than only naming a
 * property, a member, a binding's key or a label (`a.name`, `{ name: … }`, `get name()`, `{ name: local } = …`,
 * `name: for …`). By syntax alone: a local that shadows the name counts too.
 */
export function isIdentifierReference(node: ts.Identifier): boolean {
  const parent = node.parent;
  if (ts.isPropertyAccessExpression(parent) && parent.name === node) return false;
  if (ts.isQualifiedName(parent) && parent.right === node) return false;
  if (
    (ts.isPropertyAssignment(parent) || ts.isMethodDeclaration(parent) || ts.isPropertyDeclaration(parent) || ts.isPropertySignature(parent) || ts.isGetAccessor(parent) || ts.isSetAccessor(parent)) &&
    parent.name === node
  ) {
    return false;
  }
  if (ts.isBindingElement(parent) && parent.propertyName === node) return false;
  if (ts.isLabeledStatement(parent) || ts.isBreakOrContinueStatement(parent)) return false;
  return true;
}

/** The identifier a call's callee resolves through: `f` in `f()`, `m` in `a.b.m()`, `C` in `new C()`. */
export function calleeName(call: ts.CallExpression | ts.NewExpression): ts.Identifier | ts.PrivateIdentifier | undefined {
  const callee = skipParentheses(call.expression);
  if (ts.isIdentifier(callee)) return callee;
  if (ts.isPropertyAccessExpression(callee)) return callee.name;
  return undefined;
}

/** `const f = (…) => { … }`, or a class field `f = async function () { … }`: the function it holds, else undefined. */
export function functionValueOf(node: ts.Node): ts.ArrowFunction | ts.FunctionExpression | undefined {
  if (!(ts.isVariableDeclaration(node) || ts.isPropertyDeclaration(node)) || !node.initializer) return undefined;
  const value = skipParentheses(node.initializer);
  return ts.isArrowFunction(value) || ts.isFunctionExpression(value) ? value : undefined;
}

/** The text of a property's name when it is written out (`signal`, `"signal"`, `0`), not computed. */
export function propertyNameText(name: ts.PropertyName): string | undefined {
  return ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) ? name.text : undefined;
}

/** `name` when the call is `x.name(...)` or `x?.name(...)` (or `x["name"](...)`). */
export function methodCall(call: ts.CallExpression): { object: ts.Expression; name: string } | undefined {
  const callee = skipParentheses(call.expression);
  if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.name)) {
    return { object: callee.expression, name: callee.name.text };
  }
  if (ts.isElementAccessExpression(callee) && ts.isStringLiteralLike(callee.argumentExpression)) {
    return { object: callee.expression, name: callee.argumentExpression.text };
  }
  return undefined;
}

/** `null` or `undefined` written out as a value, inside any parentheses. */
export function isNullOrUndefinedLiteral(node: ts.Expression): boolean {
  const inner = skipParentheses(node);
  return inner.kind === ts.SyntaxKind.NullKeyword || isUndefinedLiteral(inner);
}

/** `undefined` written out as a value. */
export function isUndefinedLiteral(node: ts.Expression): boolean {
  return node.kind === ts.SyntaxKind.UndefinedKeyword || (ts.isIdentifier(node) && node.text === "undefined");
}

/**
 * When `identifier` is written rather than read: `p = …` ("plain", the assignment node), a compound or logical
 * assignment (which also reads it), or a destructuring / `for…of` target ("plain" on the identifier itself).
 */
export function writeOf(identifier: ts.Identifier | ts.PropertyAccessExpression | ts.ElementAccessExpression): { kind: "plain" | "compound"; node: ts.Node } | undefined {
  let child: ts.Node = identifier;
  let parent = identifier.parent;
  while (ts.isParenthesizedExpression(parent)) {
    child = parent;
    parent = parent.parent;
  }
  if (ts.isBinaryExpression(parent) && parent.left === child && isAssignmentOperator(parent.operatorToken.kind)) {
    return { kind: parent.operatorToken.kind === ts.SyntaxKind.EqualsToken ? "plain" : "compound", node: parent };
  }
  if (ts.isPrefixUnaryExpression(parent) || ts.isPostfixUnaryExpression(parent)) {
    const operator = parent.operator;
    if (operator === ts.SyntaxKind.PlusPlusToken || operator === ts.SyntaxKind.MinusMinusToken) return { kind: "compound", node: parent };
  }
  if (isDestructuringTarget(child)) return { kind: "plain", node: identifier };
  if ((ts.isForOfStatement(parent) || ts.isForInStatement(parent)) && parent.initializer === child) return { kind: "plain", node: identifier };
  return undefined;
}

export function isDestructuringTarget(node: ts.Node): boolean {
  let child = node;
  let parent = node.parent;
  for (;;) {
    if (ts.isShorthandPropertyAssignment(parent) || ts.isSpreadElement(parent) || ts.isSpreadAssignment(parent)) {
      // go on to the literal
    } else if (ts.isPropertyAssignment(parent)) {
      if (parent.initializer !== child) return false;
    } else if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && parent.left === child) {
      // `[p = dflt] = …` inside a pattern, or the outer assignment
      if (ts.isArrayLiteralExpression(child) || ts.isObjectLiteralExpression(child)) return true;
      if (!ts.isArrayLiteralExpression(parent.parent) && !ts.isObjectLiteralElementLike(parent.parent)) return false;
    } else if (!ts.isArrayLiteralExpression(parent) && !ts.isObjectLiteralExpression(parent)) {
      if ((ts.isForOfStatement(parent) || ts.isForInStatement(parent)) && parent.initializer === child) {
        return ts.isArrayLiteralExpression(child) || ts.isObjectLiteralExpression(child);
      }
      return false;
    }
    child = parent;
    parent = parent.parent;
  }
}

/** The one expression a function body evaluates: `=> e`, `{ e; }` or `{ return e; }`. */
export function soleExpression(body: ts.ConciseBody | undefined, allowReturn: boolean): ts.Expression | undefined {
  if (!body) return undefined;
  if (!ts.isBlock(body)) return skipParentheses(body);
  if (body.statements.length !== 1) return undefined;
  const statement = body.statements[0]!;
  if (ts.isExpressionStatement(statement)) return skipParentheses(statement.expression);
  if (allowReturn && ts.isReturnStatement(statement) && statement.expression) return skipParentheses(statement.expression);
  return undefined;
}

/** A reference's text without spacing, `?.` read as `.`: `options?.signal` and `options.signal` give one key. */
export function referenceKey(reference: ts.Node | string): string {
  const text = typeof reference === "string" ? reference : reference.getText();
  return text.replace(/\s+/g, "").replace(/\?\./g, ".");
}

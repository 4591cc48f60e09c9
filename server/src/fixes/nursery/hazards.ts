import { ts } from "../../typescript";
import { isFunctionLike, isIdentifierReference } from "../../analysis/syntax";

/**
 * What stops statements from moving into `async (n) => { … }`: code whose meaning depends on the function it is
 * written in. Each answer is the reason shown on the disabled code action.
 */
export function movingHazard(statements: readonly ts.Statement[], belowES2017: boolean): string | undefined {
  const inside = (node: ts.Node) => statements.some((statement) => node.pos >= statement.pos && node.end <= statement.end);
  let reason: string | undefined;
  const visit = (node: ts.Node, inArrow: boolean): void => {
    if (reason) return;
    if (isFunctionLike(node) || ts.isClassStaticBlockDeclaration(node)) {
      // Arrow functions share `this`, `arguments` and `super` with the code around them; other functions do not.
      if (!ts.isArrowFunction(node)) return;
      ts.forEachChild(node, (child) => visit(child, true));
      return;
    }
    if (ts.isClassLike(node)) return;
    if (!inArrow && ts.isYieldExpression(node)) {
      reason = "The region contains `yield`, which cannot move into a callback.";
    } else if (ts.isIdentifier(node) && node.text === "arguments" && isIdentifierReference(node)) {
      reason = "The region reads `arguments`, which would refer to a different function inside the nursery callback.";
    } else if (node.kind === ts.SyntaxKind.SuperKeyword && belowES2017) {
      reason = "The region uses `super`, which an async arrow function cannot reach when compiling below ES2017.";
    } else if (!inArrow && (ts.isBreakStatement(node) || ts.isContinueStatement(node))) {
      const target = jumpTarget(node);
      if (!target || !inside(target)) {
        const keyword = ts.isBreakStatement(node) ? "break" : "continue";
        reason = `\`${keyword}${node.label ? ` ${node.label.text}` : ""}\` would jump out of the nursery callback.`;
      }
    }
    ts.forEachChild(node, (child) => visit(child, inArrow));
  };
  for (const statement of statements) visit(statement, false);
  return reason;
}

/** The statement a `break`/`continue` leaves or repeats, within the same function. */
function jumpTarget(jump: ts.BreakStatement | ts.ContinueStatement): ts.Node | undefined {
  for (let current: ts.Node = jump.parent; current && !isFunctionLike(current); current = current.parent) {
    if (jump.label) {
      if (ts.isLabeledStatement(current) && current.label.text === jump.label.text) return current;
    } else if (ts.isIterationStatement(current, false) || (ts.isBreakStatement(jump) && ts.isSwitchStatement(current))) {
      return current;
    }
  }
  return undefined;
}

/** `this` in a `function` callback that the rewrite would turn into an arrow, or `arguments` in it. */
export function ownThisOrArguments(fn: ts.FunctionExpression): boolean {
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (node.kind === ts.SyntaxKind.ThisKeyword || (ts.isIdentifier(node) && node.text === "arguments" && isIdentifierReference(node))) {
      found = true;
      return;
    }
    if ((isFunctionLike(node) && !ts.isArrowFunction(node)) || ts.isClassLike(node)) return;
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(fn.body, visit);
  return found;
}

/** Whether `node` contains `await` (or `for await`) of its own function, not of a nested one. */
export function containsOwnAwait(node: ts.Node): boolean {
  let found = false;
  const visit = (current: ts.Node): void => {
    if (found || isFunctionLike(current) || ts.isClassLike(current)) return;
    if (ts.isAwaitExpression(current) || (ts.isForOfStatement(current) && current.awaitModifier)) {
      found = true;
      return;
    }
    ts.forEachChild(current, visit);
  };
  visit(node);
  return found;
}

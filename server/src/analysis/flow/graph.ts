import { ts } from "../../typescript";

/**
 * A control-flow graph over one function body, for path-sensitive rules (`unawaited-task`).
 *
 * Blocks hold *elements*: AST nodes in the order they are evaluated, each after its operands (post-order), so a rule
 * reads an identifier, then the call it is an argument of, then the statement. Nested functions and classes are single
 * elements (their bodies are other graphs). Control flow that the AST spells out is modelled exactly:
 * `if`/`else`, `switch` with fallthrough, `while`/`do`/`for`/`for…of`/`for…in` with `break`/`continue` (labelled too) and
 * back edges, `try`/`catch`/`finally` (a `finally` is copied once per way of leaving it — normal, `return`, `throw`,
 * each `break`/`continue` target — so no path leaves it in a way it did not enter), `return`, `throw`, short-circuit
 * `&&` `||` `??`, logical assignments, `?:`, optional chains, and conditions (`if (a && b)` branches per operand).
 *
 * Exceptions: a `throw` statement always transfers to the nearest `catch` (or `finally`, or the function's `throwExit`).
 * Any other element may be declared throwing through `mayThrow` (a rule decides what it trusts: `unawaited-task` makes
 * every `await` throwing in the strict preset). Calls are not assumed to throw: that would make every path exceptional.
 */

export type EdgeKind = "normal" | "true" | "false" | "back" | "exception";

export interface FlowEdge {
  readonly from: FlowBlock;
  readonly to: FlowBlock;
  readonly kind: EdgeKind;
  /**
   * What taking this edge tells about a value: `test` was truthy (`truthy: true`) or falsy. Set on the branches of
   * conditions (`if (!p)`), of `&&`/`||`/`??` and of logical assignments (a nullish value is also falsy).
   */
  readonly assumes?: {
    readonly test: ts.Expression;
    readonly truthy: boolean;
    /**
     * Set on the branch of `??` / `??=` that keeps the left side: it is not nullish, which makes it truthy only when its
     * type holds no falsy value besides `null` and `undefined` (a promise or `undefined`, not `0` or `""`).
     */
    readonly nonNullish?: true;
  };
}

export interface FlowBlock {
  readonly id: number;
  /** What made the block (`entry`, `if.then`, `while.head`, `finally(return)` …), for tests and debugging. */
  readonly label: string;
  /** Evaluated in order; a block is entered only at its start. */
  readonly elements: ts.Node[];
  readonly successors: FlowEdge[];
  readonly predecessors: FlowEdge[];
}

export interface FlowGraph {
  /** The function (or other container) whose body this is. */
  readonly container: ts.Node;
  readonly entry: FlowBlock;
  /** Normal completion and `return`. */
  readonly exit: FlowBlock;
  /** An exception that no `catch` in the function handles. */
  readonly throwExit: FlowBlock;
  readonly blocks: readonly FlowBlock[];
}

export interface FlowGraphOptions {
  /** Elements after which control may also leave by an exception. `throw` statements always do. */
  mayThrow?: (element: ts.Node) => boolean;
}

export type FunctionWithBody = ts.FunctionLikeDeclaration & { body: ts.ConciseBody };

/** True for the nodes whose bodies are separate graphs: they are evaluated as one element where they appear. */
export function isNestedScope(node: ts.Node): boolean {
  return (
    ts.isFunctionDeclaration(node) ||
    ts.isFunctionExpression(node) ||
    ts.isArrowFunction(node) ||
    ts.isMethodDeclaration(node) ||
    ts.isGetAccessorDeclaration(node) ||
    ts.isSetAccessorDeclaration(node) ||
    ts.isConstructorDeclaration(node) ||
    ts.isClassDeclaration(node) ||
    ts.isClassExpression(node)
  );
}

/** Builds the graph of a function's parameters (default values) and body. */
export function buildFlowGraph(container: FunctionWithBody, options: FlowGraphOptions = {}): FlowGraph {
  return new Builder(container, options).build();
}

/** Every block reachable from the entry, in depth-first preorder. */
export function reachableBlocks(graph: FlowGraph): FlowBlock[] {
  const seen = new Set<FlowBlock>();
  const order: FlowBlock[] = [];
  const stack = [graph.entry];
  while (stack.length > 0) {
    const block = stack.pop()!;
    if (seen.has(block)) continue;
    seen.add(block);
    order.push(block);
    for (let i = block.successors.length - 1; i >= 0; i--) stack.push(block.successors[i]!.to);
  }
  return order;
}

type JumpKind = "break" | "continue" | "return" | "throw";

interface JumpTargetContext {
  kind: "target";
  labels: readonly string[];
  /** Unlabelled `break` stops here (loops and `switch`); a labelled block only takes `break label`. */
  takesUnlabelledBreak: boolean;
  breakTarget: FlowBlock;
  /** Loops only. */
  continueTarget?: FlowBlock;
  continueKind?: EdgeKind;
}

interface TryContext {
  kind: "try";
  /** Set while building the `try` block of a statement that has a `catch`. */
  catchEntry?: FlowBlock;
  finallyBlock?: ts.Block;
  /** Copies of the `finally` block, one per way of leaving it (shared by the `try` and the `catch` block). */
  copies: Map<string, FlowBlock>;
}

type Context = JumpTargetContext | TryContext;

const mutable = (block: FlowBlock) => block as { elements: ts.Node[]; successors: FlowEdge[]; predecessors: FlowEdge[] };

class Builder {
  private readonly blocks: FlowBlock[] = [];
  private readonly entry: FlowBlock;
  private readonly exit: FlowBlock;
  private readonly throwExit: FlowBlock;
  private current: FlowBlock;
  private stack: Context[] = [];
  /** Where the innermost optional chain being built ends (`a?.b.c()` short-circuits to after `c()`). */
  private readonly chainEnds: FlowBlock[] = [];

  constructor(
    private readonly container: FunctionWithBody,
    private readonly options: FlowGraphOptions,
  ) {
    this.entry = this.newBlock("entry");
    this.exit = this.newBlock("exit");
    this.throwExit = this.newBlock("throw-exit");
    this.current = this.entry;
  }

  build(): FlowGraph {
    for (const parameter of this.container.parameters) {
      if (parameter.initializer) this.expression(parameter.initializer);
      this.append(parameter);
    }
    const body = this.container.body;
    if (ts.isBlock(body)) {
      this.statement(body);
      this.edge(this.current, this.exit);
    } else {
      this.expression(body);
      this.edge(this.current, this.exit);
    }
    return { container: this.container, entry: this.entry, exit: this.exit, throwExit: this.throwExit, blocks: this.blocks };
  }

  // -- blocks and edges --

  private newBlock(label: string): FlowBlock {
    const block: FlowBlock = { id: this.blocks.length, label, elements: [], successors: [], predecessors: [] };
    this.blocks.push(block);
    return block;
  }

  private edge(from: FlowBlock, to: FlowBlock, kind: EdgeKind = "normal", assumes?: FlowEdge["assumes"]): void {
    if (from.successors.some((edge) => edge.to === to && edge.kind === kind && edge.assumes?.test === assumes?.test)) return;
    const edge: FlowEdge = assumes ? { from, to, kind, assumes } : { from, to, kind };
    mutable(from).successors.push(edge);
    mutable(to).predecessors.push(edge);
  }

  /** After a jump: code that follows is unreachable until a label or join gives it predecessors. */
  private startUnreachable(): void {
    this.current = this.newBlock("unreachable");
  }

  private append(node: ts.Node): void {
    mutable(this.current).elements.push(node);
    if (this.options.mayThrow?.(node)) {
      this.jump(this.current, "throw", undefined, "exception");
      const next = this.newBlock("after-throwing");
      this.edge(this.current, next);
      this.current = next;
    }
  }

  // -- jumps (break, continue, return, throw), routed through `finally` blocks --

  private jump(from: FlowBlock, kind: JumpKind, label: string | undefined, edgeKind: EdgeKind): void {
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const context = this.stack[i]!;
      if (context.kind === "try") {
        if (kind === "throw" && context.catchEntry) return this.edge(from, context.catchEntry, "exception");
        if (context.finallyBlock) return this.edge(from, this.finallyCopy(i, kind, label), edgeKind);
        continue;
      }
      if (kind === "break" && (label ? context.labels.includes(label) : context.takesUnlabelledBreak)) {
        return this.edge(from, context.breakTarget, edgeKind);
      }
      if (kind === "continue" && context.continueTarget && (!label || context.labels.includes(label))) {
        return this.edge(from, context.continueTarget, context.continueKind ?? edgeKind);
      }
    }
    if (kind === "throw") this.edge(from, this.throwExit, "exception");
    else if (kind === "return") this.edge(from, this.exit, edgeKind);
    // A `break`/`continue` with no target is a syntax error: the edge is dropped.
  }

  /** The entry of the copy of `finally` that a jump of this kind runs, built once per try statement and jump. */
  private finallyCopy(index: number, kind: JumpKind, label: string | undefined): FlowBlock {
    const context = this.stack[index] as TryContext;
    const key = `${kind}:${label ?? ""}`;
    const existing = context.copies.get(key);
    if (existing) return existing;
    const entry = this.newBlock(`finally(${kind}${label ? ` ${label}` : ""})`);
    context.copies.set(key, entry);
    const savedStack = this.stack;
    const savedCurrent = this.current;
    this.stack = savedStack.slice(0, index);
    this.current = entry;
    this.statement(context.finallyBlock!);
    this.jump(this.current, kind, label, kind === "throw" ? "exception" : "normal");
    this.stack = savedStack;
    this.current = savedCurrent;
    return entry;
  }

  private withContext(context: Context, build: () => void): void {
    this.stack.push(context);
    try {
      build();
    } finally {
      this.stack.pop();
    }
  }

  // -- statements --

  private statement(node: ts.Statement, labels: readonly string[] = []): void {
    if (labels.length > 0 && !isBreakableWithoutLabel(node) && !ts.isLabeledStatement(node)) {
      // `label: { … break label; … }`: only `break label` leaves it.
      const after = this.newBlock("label.after");
      this.withContext({ kind: "target", labels, takesUnlabelledBreak: false, breakTarget: after }, () => this.statement(node));
      this.edge(this.current, after);
      this.current = after;
      return;
    }
    switch (node.kind) {
      case ts.SyntaxKind.Block:
        for (const statement of (node as ts.Block).statements) this.statement(statement);
        return;
      case ts.SyntaxKind.ExpressionStatement:
        this.expression((node as ts.ExpressionStatement).expression);
        this.append(node);
        return;
      case ts.SyntaxKind.VariableStatement:
        this.variableList((node as ts.VariableStatement).declarationList);
        return;
      case ts.SyntaxKind.IfStatement:
        return this.ifStatement(node as ts.IfStatement);
      case ts.SyntaxKind.ReturnStatement: {
        const expression = (node as ts.ReturnStatement).expression;
        if (expression) this.expression(expression);
        this.append(node);
        this.jump(this.current, "return", undefined, "normal");
        return this.startUnreachable();
      }
      case ts.SyntaxKind.ThrowStatement:
        this.expression((node as ts.ThrowStatement).expression);
        mutable(this.current).elements.push(node);
        this.jump(this.current, "throw", undefined, "exception");
        return this.startUnreachable();
      case ts.SyntaxKind.BreakStatement:
      case ts.SyntaxKind.ContinueStatement: {
        const jump = node as ts.BreakOrContinueStatement;
        this.append(node);
        const kind = ts.isBreakStatement(jump) ? "break" : "continue";
        this.jump(this.current, kind, jump.label?.text, "normal");
        return this.startUnreachable();
      }
      case ts.SyntaxKind.LabeledStatement: {
        const labeled = node as ts.LabeledStatement;
        return this.statement(labeled.statement, [...labels, labeled.label.text]);
      }
      case ts.SyntaxKind.WhileStatement:
        return this.whileStatement(node as ts.WhileStatement, labels);
      case ts.SyntaxKind.DoStatement:
        return this.doStatement(node as ts.DoStatement, labels);
      case ts.SyntaxKind.ForStatement:
        return this.forStatement(node as ts.ForStatement, labels);
      case ts.SyntaxKind.ForOfStatement:
      case ts.SyntaxKind.ForInStatement:
        return this.forEachStatement(node as ts.ForOfStatement | ts.ForInStatement, labels);
      case ts.SyntaxKind.SwitchStatement:
        return this.switchStatement(node as ts.SwitchStatement, labels);
      case ts.SyntaxKind.TryStatement:
        return this.tryStatement(node as ts.TryStatement);
      case ts.SyntaxKind.EmptyStatement:
      case ts.SyntaxKind.DebuggerStatement:
        return;
      default:
        // Declarations (functions, classes, types) and anything else: one element, no control flow of its own.
        if (isNestedScope(node) || ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) return this.append(node);
        this.children(node);
        this.append(node);
    }
  }

  private ifStatement(node: ts.IfStatement): void {
    const thenBlock = this.newBlock("if.then");
    const elseBlock = this.newBlock(node.elseStatement ? "if.else" : "if.after");
    this.condition(node.expression, thenBlock, elseBlock);
    this.current = thenBlock;
    this.statement(node.thenStatement);
    if (!node.elseStatement) {
      this.edge(this.current, elseBlock);
      this.current = elseBlock;
      return;
    }
    const thenEnd = this.current;
    this.current = elseBlock;
    this.statement(node.elseStatement);
    const after = this.newBlock("if.after");
    this.edge(thenEnd, after);
    this.edge(this.current, after);
    this.current = after;
  }

  private loopContext(labels: readonly string[], breakTarget: FlowBlock, continueTarget: FlowBlock, continueKind: EdgeKind): JumpTargetContext {
    return { kind: "target", labels, takesUnlabelledBreak: true, breakTarget, continueTarget, continueKind };
  }

  private whileStatement(node: ts.WhileStatement, labels: readonly string[]): void {
    const head = this.newBlock("while.head");
    this.edge(this.current, head);
    this.current = head;
    const body = this.newBlock("while.body");
    const after = this.newBlock("while.after");
    this.condition(node.expression, body, after);
    this.current = body;
    this.withContext(this.loopContext(labels, after, head, "back"), () => this.statement(node.statement));
    this.edge(this.current, head, "back");
    this.current = after;
  }

  private doStatement(node: ts.DoStatement, labels: readonly string[]): void {
    const body = this.newBlock("do.body");
    this.edge(this.current, body);
    const test = this.newBlock("do.test");
    const after = this.newBlock("do.after");
    this.current = body;
    this.withContext(this.loopContext(labels, after, test, "normal"), () => this.statement(node.statement));
    this.edge(this.current, test);
    this.current = test;
    this.condition(node.expression, body, after, "back");
    this.current = after;
  }

  private forStatement(node: ts.ForStatement, labels: readonly string[]): void {
    if (node.initializer) {
      if (ts.isVariableDeclarationList(node.initializer)) this.variableList(node.initializer);
      else this.expression(node.initializer);
    }
    const head = this.newBlock("for.head");
    this.edge(this.current, head);
    this.current = head;
    const body = this.newBlock("for.body");
    const after = this.newBlock("for.after");
    if (node.condition) this.condition(node.condition, body, after);
    else this.edge(head, body, "true");
    const update = this.newBlock("for.update");
    this.current = body;
    this.withContext(this.loopContext(labels, after, update, "normal"), () => this.statement(node.statement));
    this.edge(this.current, update);
    this.current = update;
    if (node.incrementor) this.expression(node.incrementor);
    this.edge(this.current, head, "back");
    this.current = after;
  }

  private forEachStatement(node: ts.ForOfStatement | ts.ForInStatement, labels: readonly string[]): void {
    this.expression(node.expression);
    const head = this.newBlock(ts.isForOfStatement(node) ? "for-of.head" : "for-in.head");
    this.edge(this.current, head);
    this.current = head;
    // The statement itself stands for "take the next item" (an `await` point in `for await`).
    this.append(node);
    const body = this.newBlock("for-each.body");
    const after = this.newBlock("for-each.after");
    this.edge(this.current, body, "true");
    this.edge(this.current, after, "false");
    this.current = body;
    if (ts.isVariableDeclarationList(node.initializer)) this.append(node.initializer);
    else this.expression(node.initializer);
    this.withContext(this.loopContext(labels, after, head, "back"), () => this.statement(node.statement));
    this.edge(this.current, head, "back");
    this.current = after;
  }

  private switchStatement(node: ts.SwitchStatement, labels: readonly string[]): void {
    this.expression(node.expression);
    const clauses = node.caseBlock.clauses;
    const bodies = clauses.map((clause) => this.newBlock(ts.isDefaultClause(clause) ? "switch.default" : "switch.case"));
    const after = this.newBlock("switch.after");
    let defaultIndex = -1;
    clauses.forEach((clause, index) => {
      if (ts.isDefaultClause(clause)) {
        defaultIndex = index;
        return;
      }
      this.expression(clause.expression);
      this.edge(this.current, bodies[index]!, "true");
      const next = this.newBlock("switch.test");
      this.edge(this.current, next, "false");
      this.current = next;
    });
    this.edge(this.current, defaultIndex >= 0 ? bodies[defaultIndex]! : after, "false");
    this.withContext({ kind: "target", labels, takesUnlabelledBreak: true, breakTarget: after }, () => {
      clauses.forEach((clause, index) => {
        // Fallthrough: the previous body's end flows into this one.
        if (index > 0) this.edge(this.current, bodies[index]!);
        this.current = bodies[index]!;
        for (const statement of clause.statements) this.statement(statement);
      });
    });
    if (clauses.length > 0) this.edge(this.current, after);
    this.current = after;
  }

  private tryStatement(node: ts.TryStatement): void {
    const finallyBlock = node.finallyBlock;
    const copies = new Map<string, FlowBlock>();
    const catchEntry = node.catchClause ? this.newBlock("catch") : undefined;
    this.withContext({ kind: "try", catchEntry, finallyBlock, copies }, () => this.statement(node.tryBlock));
    const ends = [this.current];
    if (node.catchClause && catchEntry) {
      this.current = catchEntry;
      const catchClause = node.catchClause;
      const buildCatch = () => {
        if (catchClause.variableDeclaration) this.append(catchClause.variableDeclaration);
        this.statement(catchClause.block);
      };
      if (finallyBlock) this.withContext({ kind: "try", finallyBlock, copies }, buildCatch);
      else buildCatch();
      ends.push(this.current);
    }
    const join = this.newBlock(finallyBlock ? "finally(normal)" : "try.after");
    for (const end of ends) this.edge(end, join);
    this.current = join;
    if (finallyBlock) this.statement(finallyBlock);
  }

  private variableList(list: ts.VariableDeclarationList): void {
    for (const declaration of list.declarations) {
      if (declaration.initializer) this.expression(declaration.initializer);
      this.append(declaration);
    }
  }

  // -- expressions --

  /** Builds `node` as a condition: control goes to `whenTrue` or `whenFalse`, branching per short-circuit operand. */
  private condition(
    node: ts.Expression,
    whenTrue: FlowBlock,
    whenFalse: FlowBlock,
    trueKind: EdgeKind = "true",
    falseKind: EdgeKind = "false",
  ): void {
    if (ts.isParenthesizedExpression(node)) return this.condition(node.expression, whenTrue, whenFalse, trueKind, falseKind);
    if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.ExclamationToken) {
      // `!x`: the operand's branches swap; the element for `!x` itself carries nothing a rule needs.
      return this.condition(node.operand, whenFalse, whenTrue, falseKind, trueKind);
    }
    if (node.kind === ts.SyntaxKind.TrueKeyword) return this.edge(this.current, whenTrue, trueKind);
    if (node.kind === ts.SyntaxKind.FalseKeyword) return this.edge(this.current, whenFalse, falseKind);
    if (ts.isBinaryExpression(node)) {
      const operator = node.operatorToken.kind;
      if (operator === ts.SyntaxKind.AmpersandAmpersandToken || operator === ts.SyntaxKind.BarBarToken) {
        const right = this.newBlock(operator === ts.SyntaxKind.AmpersandAmpersandToken ? "and.right" : "or.right");
        if (operator === ts.SyntaxKind.AmpersandAmpersandToken) this.condition(node.left, right, whenFalse, "true", falseKind);
        else this.condition(node.left, whenTrue, right, trueKind, "false");
        this.current = right;
        return this.condition(node.right, whenTrue, whenFalse, trueKind, falseKind);
      }
    }
    if (ts.isConditionalExpression(node)) {
      const whenTrueBranch = this.newBlock("cond.true");
      const whenFalseBranch = this.newBlock("cond.false");
      this.condition(node.condition, whenTrueBranch, whenFalseBranch);
      this.current = whenTrueBranch;
      this.condition(node.whenTrue, whenTrue, whenFalse, trueKind, falseKind);
      this.current = whenFalseBranch;
      return this.condition(node.whenFalse, whenTrue, whenFalse, trueKind, falseKind);
    }
    this.expression(node);
    this.edge(this.current, whenTrue, trueKind, { test: node, truthy: true });
    this.edge(this.current, whenFalse, falseKind, { test: node, truthy: false });
  }

  private expression(node: ts.Expression): void {
    if (isNestedScope(node)) return this.append(node);
    if (ts.isBinaryExpression(node)) return this.binary(node);
    if (ts.isConditionalExpression(node)) {
      const whenTrue = this.newBlock("cond.true");
      const whenFalse = this.newBlock("cond.false");
      this.condition(node.condition, whenTrue, whenFalse);
      const after = this.newBlock("cond.after");
      this.current = whenTrue;
      this.expression(node.whenTrue);
      this.edge(this.current, after);
      this.current = whenFalse;
      this.expression(node.whenFalse);
      this.edge(this.current, after);
      this.current = after;
      return this.append(node);
    }
    if (ts.isOptionalChain(node) && !this.isContinuedChain(node)) {
      // The outermost node of `a?.b.c()`: a nullish `a` skips to here.
      const end = this.newBlock("chain.end");
      this.chainEnds.push(end);
      try {
        this.chainLink(node);
      } finally {
        this.chainEnds.pop();
      }
      this.edge(this.current, end);
      this.current = end;
      return;
    }
    if (ts.isPropertyAccessExpression(node)) {
      this.expression(node.expression);
      return this.append(node);
    }
    this.children(node);
    this.append(node);
  }

  private isContinuedChain(node: ts.Node): boolean {
    const parent = node.parent;
    return (
      (ts.isPropertyAccessExpression(parent) || ts.isElementAccessExpression(parent) || ts.isCallExpression(parent) || ts.isNonNullExpression(parent)) &&
      parent.expression === node &&
      ts.isOptionalChain(parent)
    );
  }

  /** One link of an optional chain: its object, then (if this link has `?.`) a branch to the chain's end. */
  private chainLink(node: ts.Expression): void {
    if (!(ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node) || ts.isCallExpression(node) || ts.isNonNullExpression(node))) {
      return this.expression(node);
    }
    const object = node.expression;
    if (ts.isOptionalChain(object as ts.Node) && this.isContinuedChain(object)) this.chainLink(object);
    else this.expression(object);
    if ("questionDotToken" in node && node.questionDotToken) {
      const rest = this.newBlock("chain.present");
      this.edge(this.current, rest, "true");
      this.edge(this.current, this.chainEnds[this.chainEnds.length - 1]!, "false");
      this.current = rest;
    }
    if (ts.isElementAccessExpression(node)) this.expression(node.argumentExpression);
    if (ts.isCallExpression(node)) for (const argument of node.arguments) this.expression(argument);
    this.append(node);
  }

  private binary(node: ts.BinaryExpression): void {
    const operator = node.operatorToken.kind;
    const logical =
      operator === ts.SyntaxKind.AmpersandAmpersandToken || operator === ts.SyntaxKind.BarBarToken || operator === ts.SyntaxKind.QuestionQuestionToken;
    const logicalAssignment =
      operator === ts.SyntaxKind.AmpersandAmpersandEqualsToken ||
      operator === ts.SyntaxKind.BarBarEqualsToken ||
      operator === ts.SyntaxKind.QuestionQuestionEqualsToken;
    if (logical || logicalAssignment) {
      this.expression(node.left);
      const right = this.newBlock(logical ? "logical.right" : "logical-assign.right");
      const after = this.newBlock(logical ? "logical.after" : "logical-assign.after");
      // Which edge is "true" depends on the operator: `&&` evaluates the right side when the left is truthy.
      const rightWhenTruthy = operator === ts.SyntaxKind.AmpersandAmpersandToken || operator === ts.SyntaxKind.AmpersandAmpersandEqualsToken;
      const nullish = operator === ts.SyntaxKind.QuestionQuestionToken || operator === ts.SyntaxKind.QuestionQuestionEqualsToken;
      // `??` goes right on a nullish (so falsy) left side; its other branch only says the left side is not nullish.
      const rightAssumes = { test: node.left, truthy: rightWhenTruthy };
      const afterAssumes = nullish ? ({ test: node.left, truthy: true, nonNullish: true } as const) : { test: node.left, truthy: !rightWhenTruthy };
      this.edge(this.current, right, rightWhenTruthy ? "true" : "false", rightAssumes);
      this.edge(this.current, after, rightWhenTruthy ? "false" : "true", afterAssumes);
      this.current = right;
      this.expression(node.right);
      // A logical assignment stores only on the branch that evaluated the right side.
      if (logicalAssignment) this.append(node);
      this.edge(this.current, after);
      this.current = after;
      if (logical) this.append(node);
      return;
    }
    if (operator === ts.SyntaxKind.EqualsToken && (ts.isObjectLiteralExpression(node.left) || ts.isArrayLiteralExpression(node.left))) {
      // Destructuring assignment: the value first, then the targets.
      this.expression(node.right);
      this.expression(node.left);
      return this.append(node);
    }
    this.expression(node.left);
    this.expression(node.right);
    this.append(node);
  }

  /** Evaluates a node's children in source order (which is evaluation order for the remaining kinds), skipping types. */
  private children(node: ts.Node): void {
    ts.forEachChild(node, (child) => {
      if (ts.isTypeNode(child) || ts.isTypeParameterDeclaration(child) || ts.isToken(child) && !ts.isIdentifier(child) && !isExpressionToken(child)) return;
      if (ts.isExpression(child)) this.expression(child);
      else if (ts.isStatement(child)) this.statement(child);
      else if (isNestedScope(child)) this.append(child);
      else {
        this.children(child);
        if (ts.isShorthandPropertyAssignment(child) || ts.isSpreadAssignment(child) || ts.isPropertyAssignment(child) || ts.isJsxAttribute(child)) {
          this.append(child);
        }
      }
    });
  }
}

/** Statements that an unlabelled `break` can leave, so they take their labels into their own jump context. */
function isBreakableWithoutLabel(node: ts.Statement): boolean {
  return (
    ts.isWhileStatement(node) ||
    ts.isDoStatement(node) ||
    ts.isForStatement(node) ||
    ts.isForOfStatement(node) ||
    ts.isForInStatement(node) ||
    ts.isSwitchStatement(node)
  );
}

function isExpressionToken(node: ts.Node): boolean {
  return (
    node.kind === ts.SyntaxKind.ThisKeyword ||
    node.kind === ts.SyntaxKind.SuperKeyword ||
    node.kind === ts.SyntaxKind.NullKeyword ||
    node.kind === ts.SyntaxKind.TrueKeyword ||
    node.kind === ts.SyntaxKind.FalseKeyword ||
    ts.isLiteralExpression(node)
  );
}

import { ts } from "../../typescript";
import {
  callPassesSignal,
  createSignalScopeCache,
  enclosingFunction,
  isInsideAbortHandler,
  signalSlotOf,
  signalsInScope,
  testsForCancellation,
  timerPromiseOf,
} from "../signals";
import { isFunctionLike } from "../syntax";
import type { FindingData, Rule } from "../types";

const messages = {
  noCheckpoint:
    "This loop awaits, but nothing it awaits observes `{{signal}}`: once cancelled, it keeps iterating until it ends on its own. Check `{{signal}}.throwIfAborted()` at the top of each iteration, or pass the signal to what it awaits.",
} as const;

type Loop = ts.IterationStatement;

const loopKinds = [ts.SyntaxKind.ForStatement, ts.SyntaxKind.ForOfStatement, ts.SyntaxKind.ForInStatement, ts.SyntaxKind.WhileStatement, ts.SyntaxKind.DoStatement];

const loops = new Set(loopKinds);

function isLoop(node: ts.Node): node is Loop {
  return loops.has(node.kind);
}

function hasAsyncModifier(node: ts.Node): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.AsyncKeyword);
}

/** Awaits of this loop itself: not inside a nested function, nor inside a nested loop (that loop answers for them). */
function ownAwaits(loop: Loop): ts.Node[] {
  const awaits: ts.Node[] = [];
  if (ts.isForOfStatement(loop) && loop.awaitModifier) awaits.push(loop);
  const walk = (node: ts.Node): void => {
    if (isFunctionLike(node) || ts.isClassLike(node)) return;
    // A nested loop answers for its own awaits.
    if (isLoop(node)) return;
    if (ts.isAwaitExpression(node)) awaits.push(node);
    ts.forEachChild(node, walk);
  };
  ts.forEachChild(loop, walk);
  return awaits;
}

export const loopWithoutCheckpoint: Rule = {
  id: "loop-without-checkpoint",
  meta: {
    docs: "A loop that awaits in a cancellable function must observe the signal on every iteration.",
    defaultSeverity: "warning",
    preset: "strict",
    messages,
    examples: {
      invalid: `export async function migrate(ids: string[], signal: AbortSignal, move: (id: string) => Promise<void>) {
  for (const id of ids) {
    await move(id); // an abort does not stop the loop
  }
}`,
      valid: `export async function migrate(ids: string[], signal: AbortSignal, move: (id: string) => Promise<void>) {
  for (const id of ids) {
    signal.throwIfAborted();
    await move(id);
  }
}`,
    },
  },
  defaultOptions: {},
  check(context) {
    const { sourceFile, checker, program } = context;
    const cache = createSignalScopeCache();

    /** Something in the loop sees the signal, or will once signal-not-forwarded / uncancellable-sleep are fixed. */
    const observes = (loop: Loop): boolean => {
      if (testsForCancellation(checker, loop)) return true;
      let found = false;
      const visit = (node: ts.Node): void => {
        if (found) return;
        if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
          if (callPassesSignal(checker, node) || signalSlotOf(checker, node)) found = true;
          else if (timerPromiseOf(program, checker, node)) found = true;
          if (found) return;
        }
        ts.forEachChild(node, visit);
      };
      // Only what is awaited can interrupt the loop; callbacks inside an awaited expression run as part of it.
      const awaited: ts.Node[] = [];
      const collect = (node: ts.Node): void => {
        if (isFunctionLike(node) || ts.isClassLike(node)) return;
        if (ts.isAwaitExpression(node)) awaited.push(node.expression);
        ts.forEachChild(node, collect);
      };
      ts.forEachChild(loop, collect);
      if (ts.isForOfStatement(loop) && loop.awaitModifier) awaited.push(loop.expression);
      awaited.forEach(visit);
      return found;
    };

    const check = (loop: Loop): void => {
      context.checkCancelled();
      const fn = enclosingFunction(loop);
      if (!fn || !hasAsyncModifier(fn)) return;
      if (ownAwaits(loop).length === 0) return;
      const signals = signalsInScope(checker, loop, cache);
      const signal = signals[0];
      if (!signal || isInsideAbortHandler(checker, loop)) return;
      if (observes(loop)) return;
      const data: FindingData = { fixes: [] };
      if (signal.type.isUnion() ? signal.type.types.some((part) => part.getProperty("throwIfAborted")) : signal.type.getProperty("throwIfAborted")) {
        data.fixes.push("throw-if-aborted");
        data.checkpointSignal = signal.optional ? `${signal.text}?` : signal.text;
      }
      const keywordStart = loop.getStart(sourceFile);
      context.report({
        range: { start: keywordStart, end: keywordStart + (ts.isWhileStatement(loop) ? 5 : ts.isDoStatement(loop) ? 2 : 3) },
        messageId: "noCheckpoint",
        values: { signal: signal.text },
        data,
      });
    };
    for (const loop of context.nodes<Loop>(...loopKinds)) check(loop);
  },
};

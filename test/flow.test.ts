import * as assert from "node:assert/strict";
import { ts } from "ts-morph";
import { buildFlowGraph, reachableBlocks, solveForward, type FlowGraph, type FunctionWithBody } from "../server/src/analysis/flow";

/** The graph of the first function in `source` (a whole file of TypeScript). */
function graphOf(source: string, options: { awaitMayThrow?: boolean } = {}): FlowGraph {
  const sourceFile = ts.createSourceFile("case.ts", source, ts.ScriptTarget.ES2022, true);
  let found: FunctionWithBody | undefined;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if ((ts.isFunctionDeclaration(node) || ts.isArrowFunction(node) || ts.isFunctionExpression(node)) && node.body) {
      found = node as FunctionWithBody;
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  assert.ok(found, "no function in the case");
  return buildFlowGraph(found, { mayThrow: options.awaitMayThrow ? (node) => ts.isAwaitExpression(node) : undefined });
}

/** Statement and call texts in evaluation order, to name the points of a path. */
function matches(node: ts.Node, text: string): boolean {
  return (ts.isExpressionStatement(node) || ts.isCallExpression(node) || ts.isVariableDeclaration(node)) && node.getText() === text;
}

/**
 * Whether some path from the element `from` reaches the function's exit (`exit`: normal end or return; `throw`: an
 * uncaught exception) without passing an element `avoid`. Solved as a "may" dataflow problem, like unawaited-task.
 */
function escapes(graph: FlowGraph, from: string, avoid: string | undefined, exit: "exit" | "throw" = "exit"): boolean {
  let sawFrom = false;
  const solution = solveForward<boolean>(graph, {
    entry: false,
    bottom: false,
    join: (a, b) => a || b,
    equals: (a, b) => a === b,
    transfer(block, live) {
      for (const element of block.elements) {
        if (matches(element, from)) {
          live = true;
          sawFrom = true;
        } else if (avoid !== undefined && matches(element, avoid)) live = false;
      }
      return live;
    },
  });
  assert.ok(sawFrom, `no element "${from}" on any reachable path`);
  return solution.input.get(exit === "exit" ? graph.exit : graph.throwExit) ?? false;
}

function hasBackEdge(graph: FlowGraph): boolean {
  return graph.blocks.some((block) => block.successors.some((edge) => edge.kind === "back"));
}

describe("flow graph", () => {
  describe("straight line and branches", () => {
    it("a statement after the store handles it on the only path", () => {
      const graph = graphOf(`function f() { store(); use(); }`);
      assert.equal(escapes(graph, "store();", "use();"), false);
    });

    it("an early return is a path that skips the use", () => {
      const graph = graphOf(`function f(c: boolean) { store(); if (c) return; use(); }`);
      assert.equal(escapes(graph, "store();", "use();"), true);
    });

    it("text order is not enough: a use in one branch leaves the other path open", () => {
      const graph = graphOf(`function f(c: boolean) { store(); if (c) { use(); } else { other(); } }`);
      assert.equal(escapes(graph, "store();", "use();"), true);
    });

    it("uses in both branches of if/else cover every path", () => {
      const graph = graphOf(`function f(c: boolean) { store(); if (c) { use(); } else { use(); } }`);
      assert.equal(escapes(graph, "store();", "use();"), false);
    });

    it("code after return is unreachable", () => {
      const graph = graphOf(`function f() { return; store(); }`);
      assert.equal(reachableBlocks(graph).some((block) => block.elements.some((e) => matches(e, "store();"))), false);
    });

    it("throw leaves through the throw exit, not the normal one", () => {
      const graph = graphOf(`function f(c: boolean) { store(); if (c) throw new Error(); use(); }`);
      assert.equal(escapes(graph, "store();", "use();", "exit"), false);
      assert.equal(escapes(graph, "store();", "use();", "throw"), true);
    });
  });

  describe("short-circuit and conditional expressions", () => {
    for (const [operator, label] of [["&&", "and"], ["||", "or"], ["??", "nullish"]] as const) {
      it(`the right side of ${label} (${operator}) may be skipped`, () => {
        const graph = graphOf(`function f(a: any) { store(); a ${operator} use(); }`);
        assert.equal(escapes(graph, "store();", "use()"), true);
      });
    }

    it("one arm of ?: is not every path; both arms are", () => {
      assert.equal(escapes(graphOf(`function f(c: boolean) { store(); c ? use() : other(); }`), "store();", "use()"), true);
      assert.equal(escapes(graphOf(`function f(c: boolean) { store(); c ? use() : use(); }`), "store();", "use()"), false);
    });

    it("conditions branch per operand: `if (a && use())` cannot reach its then-branch without use()", () => {
      const graph = graphOf(`function f(a: boolean) { store(); if (a && use()) { return; } use(); }`);
      assert.equal(escapes(graph, "store();", "use()"), false);
    });

    it("negated and ||-conditions route both ways correctly", () => {
      const graph = graphOf(`function f(a: boolean) { store(); if (!(a || use())) { use(); return; } }`);
      // a true → then-branch skipped; a false → use() → the test fails only if use() was falsy.
      assert.equal(escapes(graph, "store();", "use()"), true);
      const covered = graphOf(`function f(a: boolean) { store(); if (!a || use()) { return; } }`);
      assert.equal(escapes(covered, "store();", "use()"), true);
    });

    it("an optional call's arguments are skipped when the object is nullish", () => {
      const graph = graphOf(`function f(o?: { m(x: unknown): void }) { store(); o?.m(use()); }`);
      assert.equal(escapes(graph, "store();", "use()"), true);
      const plain = graphOf(`function f(o: { m(x: unknown): void }) { store(); o.m(use()); }`);
      assert.equal(escapes(plain, "store();", "use()"), false);
    });

    it("a logical assignment evaluates its right side on one branch only", () => {
      const graph = graphOf(`function f(x: any) { store(); x ??= use(); }`);
      assert.equal(escapes(graph, "store();", "use()"), true);
    });
  });

  describe("switch", () => {
    it("falls through from a case into the next one", () => {
      const graph = graphOf(`function f(k: number) { switch (k) { case 1: store(); case 2: use(); break; } }`);
      assert.equal(escapes(graph, "store();", "use();"), false);
    });

    it("break skips the following cases", () => {
      const graph = graphOf(`function f(k: number) { switch (k) { case 1: store(); break; case 2: use(); } }`);
      assert.equal(escapes(graph, "store();", "use();"), true);
    });

    it("without default, no case may match; with a default every value lands in a case", () => {
      const none = graphOf(`function f(k: number) { store(); switch (k) { case 1: use(); break; case 2: use(); } }`);
      assert.equal(escapes(none, "store();", "use();"), true);
      const all = graphOf(`function f(k: number) { store(); switch (k) { case 1: use(); break; default: use(); } }`);
      assert.equal(escapes(all, "store();", "use();"), false);
    });

    it("a default in the middle falls through into the case after it", () => {
      const graph = graphOf(`function f(k: number) { store(); switch (k) { case 1: use(); break; default: case 2: use(); } }`);
      assert.equal(escapes(graph, "store();", "use();"), false);
    });
  });

  describe("loops", () => {
    it("while, do, for, for-of and for-in have back edges", () => {
      for (const loop of ["while (c) { x(); }", "do { x(); } while (c);", "for (let i = 0; i < 3; i++) x();", "for (const v of xs) x();", "for (const k in o) x();"]) {
        assert.ok(hasBackEdge(graphOf(`function f(c: boolean, xs: number[], o: object) { ${loop} }`)), loop);
      }
    });

    it("a while loop body may run zero times", () => {
      assert.equal(escapes(graphOf(`function f(c: boolean) { store(); while (c) { use(); } }`), "store();", "use();"), true);
    });

    it("a do-while body runs at least once", () => {
      assert.equal(escapes(graphOf(`function f(c: boolean) { store(); do { use(); } while (c); }`), "store();", "use();"), false);
    });

    it("while (true) leaves only through break", () => {
      const graph = graphOf(`function f(c: boolean) { store(); while (true) { if (c) { use(); break; } } }`);
      assert.equal(escapes(graph, "store();", "use();"), false);
      const forever = graphOf(`function f() { store(); for (;;) { other(); } }`);
      assert.equal(escapes(forever, "store();", "use();"), false, "an endless loop never reaches the exit");
    });

    it("continue goes back to the test and may leave the loop", () => {
      const graph = graphOf(`function f(xs: number[]) { for (const x of xs) { store(); if (x) continue; use(); } }`);
      assert.equal(escapes(graph, "store();", "use();"), true);
    });

    it("a store at the end of one iteration reaches the next iteration's use through the back edge", () => {
      const graph = graphOf(`function f(c: boolean) { while (c) { use(); store(); } use(); }`);
      assert.equal(escapes(graph, "store();", "use();"), false);
    });

    it("labelled break and continue leave the outer loop", () => {
      const broken = graphOf(`function f(a: number[][]) { store(); outer: for (const r of a) { for (const x of r) { if (x) break outer; } } use(); }`);
      assert.equal(escapes(broken, "store();", "use();"), false);
      const inner = graphOf(`function f(a: number[][]) { outer: for (const r of a) { for (const x of r) { store(); if (x) continue outer; use(); } } }`);
      assert.equal(escapes(inner, "store();", "use();"), true);
    });

    it("a labelled block is left by break label", () => {
      const graph = graphOf(`function f(c: boolean) { store(); done: { if (c) break done; use(); } }`);
      assert.equal(escapes(graph, "store();", "use();"), true);
      const after = graphOf(`function f(c: boolean) { store(); done: { if (c) break done; other(); } use(); }`);
      assert.equal(escapes(after, "store();", "use();"), false);
    });
  });

  describe("try / catch / finally", () => {
    it("a throw inside try goes to catch", () => {
      const graph = graphOf(`function f(c: boolean) { store(); try { if (c) throw new Error(); other(); } catch { return; } use(); }`);
      assert.equal(escapes(graph, "store();", "use();"), true);
    });

    it("catch is unreachable when nothing in try can throw (calls are not assumed to throw)", () => {
      const graph = graphOf(`function f() { store(); try { other(); } catch { return; } use(); }`);
      assert.equal(escapes(graph, "store();", "use();"), false);
    });

    it("finally runs on return: a use there covers the early return", () => {
      const graph = graphOf(`function f(c: boolean) { store(); try { if (c) return; other(); } finally { use(); } }`);
      assert.equal(escapes(graph, "store();", "use();"), false);
    });

    it("finally is copied per way out: normal completion does not leave through the return's copy", () => {
      const graph = graphOf(
        `function f(c: boolean) { store(); try { if (c) { use(); return; } other(); } finally { cleanup(); } use(); }`,
      );
      assert.equal(escapes(graph, "store();", "use();"), false);
      const labels = graph.blocks.map((block) => block.label);
      assert.ok(labels.includes("finally(return)") && labels.includes("finally(normal)"), labels.join(", "));
    });

    it("a throw through finally continues to the outer catch", () => {
      const graph = graphOf(
        `function f(c: boolean) { store(); try { try { if (c) throw 1; } finally { other(); } } catch { return; } use(); }`,
      );
      assert.equal(escapes(graph, "store();", "use();"), true);
      assert.equal(escapes(graph, "store();", "use();", "throw"), false);
    });

    it("break through finally runs it, then leaves the loop", () => {
      const graph = graphOf(`function f(c: boolean) { store(); while (c) { try { break; } finally { use(); } } }`);
      // c false skips the loop.
      assert.equal(escapes(graph, "store();", "use();"), true);
      const always = graphOf(`function f() { store(); while (true) { try { break; } finally { use(); } } }`);
      assert.equal(escapes(always, "store();", "use();"), false);
    });

    it("a throw in catch runs finally, then leaves through the throw exit", () => {
      const graph = graphOf(`function f() { store(); try { throw 1; } catch { throw 2; } finally { other(); } }`);
      assert.equal(escapes(graph, "store();", "use();", "throw"), true);
      assert.equal(escapes(graph, "store();", "use();", "exit"), false);
    });
  });

  describe("await as an exit (the strict preset)", () => {
    const source = `async function f() { const a = first(); const b = second(); await a; use(); }`;
    it("without mayThrow, an await is an ordinary element", () => {
      assert.equal(escapes(graphOf(source), "b = second()", "use();", "throw"), false);
    });
    it("with mayThrow, an await may leave through the throw exit", () => {
      assert.equal(escapes(graphOf(source, { awaitMayThrow: true }), "b = second()", "use();", "throw"), true);
    });
    it("an await inside try goes to its catch", () => {
      const graph = graphOf(`async function f() { store(); try { await x; } catch { return; } use(); }`, { awaitMayThrow: true });
      assert.equal(escapes(graph, "store();", "use();"), true);
    });
  });

  describe("branch assumptions", () => {
    it("condition edges say which test held", () => {
      const graph = graphOf(`function f(p: unknown) { if (!p) { fill(); } }`);
      const assumed = graph.blocks.flatMap((block) => block.successors.flatMap((edge) => (edge.assumes ? [edge] : [])));
      const intoThen = assumed.find((edge) => edge.to.label === "if.then");
      assert.ok(intoThen, "no assumption on the edge into the then-branch");
      assert.equal(intoThen.assumes!.test.getText(), "p");
      assert.equal(intoThen.assumes!.truthy, false);
    });

    it("the right side of || and ?? is reached on a falsy left side", () => {
      for (const operator of ["||", "??"]) {
        const graph = graphOf(`function f(p: unknown) { p ${operator} fill(); }`);
        const right = graph.blocks.find((block) => block.label === "logical.right")!;
        assert.deepEqual(right.predecessors.map((edge) => [edge.assumes?.test.getText(), edge.assumes?.truthy]), [["p", false]], operator);
      }
    });

    it("a transferEdge problem can clear a fact on a branch", () => {
      // "store() is pending unless p was falsy": the then-branch clears it, the else-branch keeps it.
      const graph = graphOf(`function f(p: unknown) { store(); if (p) { other(); } }`);
      const solution = solveForward<boolean>(graph, {
        entry: false,
        bottom: false,
        join: (a, b) => a || b,
        equals: (a, b) => a === b,
        transfer: (block, live) => live || block.elements.some((element) => matches(element, "store();")),
        transferEdge: (edge, live) => (edge.assumes && !edge.assumes.truthy ? false : live),
      });
      assert.equal(solution.input.get(graph.exit), true);
      const alwaysCleared = graphOf(`function f(p: unknown) { store(); if (p) { return; } }`);
      const cleared = solveForward<boolean>(alwaysCleared, {
        entry: false,
        bottom: false,
        join: (a, b) => a || b,
        equals: (a, b) => a === b,
        transfer: (block, live) => live || block.elements.some((element) => matches(element, "store();")),
        transferEdge: (edge, live) => (edge.assumes && !edge.assumes.truthy ? false : live),
      });
      // The return path keeps it; the falsy path clears it; both reach the exit, so it may still be pending.
      assert.equal(cleared.input.get(alwaysCleared.exit), true);
    });
  });

  describe("elements", () => {
    it("are in evaluation order, operands first", () => {
      const graph = graphOf(`function f() { const v = g(a, h(b)); }`);
      const texts = graph.entry.elements.map((element) => element.getText());
      assert.deepEqual(texts, ["g", "a", "h", "b", "h(b)", "g(a, h(b))", "v = g(a, h(b))"]);
    });

    it("nested functions are single elements", () => {
      const graph = graphOf(`function f() { run(() => { inner(); }); }`);
      const texts = reachableBlocks(graph).flatMap((block) => block.elements.map((element) => element.getText()));
      assert.ok(!texts.includes("inner()"));
      assert.ok(texts.includes("() => { inner(); }"));
    });

    it("parameters' default values are evaluated first", () => {
      const graph = graphOf(`function f(x = dflt()) { body(); }`);
      assert.equal(graph.entry.elements[0]!.getText(), "dflt");
    });
  });
});

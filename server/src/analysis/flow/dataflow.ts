import type { FlowBlock, FlowEdge, FlowGraph } from "./graph";

/**
 * A forward dataflow problem over a `FlowGraph`, solved to a fixpoint by a worklist: facts flow along every edge,
 * meet with `join` where paths merge, and change inside a block through `transfer`. For "may" problems (some path),
 * `join` is a union and `bottom` the empty fact.
 */
export interface ForwardProblem<Fact> {
  /** The fact at the start of the entry block. */
  entry: Fact;
  /** The fact of a block no path has reached yet (the identity of `join`). */
  bottom: Fact;
  join(a: Fact, b: Fact): Fact;
  equals(a: Fact, b: Fact): boolean;
  /** The fact at the end of `block`, given the fact at its start. Must be monotone. */
  transfer(block: FlowBlock, input: Fact): Fact;
  /** What taking an edge changes (a branch's `assumes`); the identity when absent. */
  transferEdge?(edge: FlowEdge, output: Fact): Fact;
}

export interface ForwardSolution<Fact> {
  /** Fact at the start of each reached block; blocks no path reaches from the entry are absent. */
  readonly input: ReadonlyMap<FlowBlock, Fact>;
  readonly output: ReadonlyMap<FlowBlock, Fact>;
}

export function solveForward<Fact>(graph: FlowGraph, problem: ForwardProblem<Fact>): ForwardSolution<Fact> {
  const input = new Map<FlowBlock, Fact>([[graph.entry, problem.entry]]);
  const output = new Map<FlowBlock, Fact>();
  // Lowest block id first approximates reverse postorder: blocks are created in source order.
  const pending = new Set<FlowBlock>([graph.entry]);
  while (pending.size > 0) {
    let block: FlowBlock | undefined;
    for (const candidate of pending) if (!block || candidate.id < block.id) block = candidate;
    pending.delete(block!);
    const out = problem.transfer(block!, input.get(block!)!);
    const previous = output.get(block!);
    if (previous !== undefined && problem.equals(previous, out)) continue;
    output.set(block!, out);
    for (const edge of block!.successors) {
      const to = edge.to;
      const before = input.get(to);
      const after = problem.join(before ?? problem.bottom, problem.transferEdge ? problem.transferEdge(edge, out) : out);
      if (before === undefined || !problem.equals(before, after)) {
        input.set(to, after);
        pending.add(to);
      }
    }
  }
  return { input, output };
}

/** Set helpers for "may" problems whose facts are sets (of ids, or of ids with the conditions they hold under). */
export const idSets = {
  empty: new Set<never>() as ReadonlySet<never>,
  union<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): ReadonlySet<T> {
    if (b.size === 0) return a;
    if (a.size === 0) return b;
    const result = new Set(a);
    for (const id of b) result.add(id);
    return result;
  },
  equals<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): boolean {
    if (a.size !== b.size) return false;
    for (const id of a) if (!b.has(id)) return false;
    return true;
  },
};

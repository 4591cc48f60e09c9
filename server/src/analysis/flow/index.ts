export { buildFlowGraph, isNestedScope, reachableBlocks } from "./graph";
export type { EdgeKind, FlowBlock, FlowEdge, FlowGraph, FlowGraphOptions, FunctionWithBody } from "./graph";
export { idSets, solveForward } from "./dataflow";
export type { ForwardProblem, ForwardSolution } from "./dataflow";
export { addEntry, assumeCondition, correlatedConditions, entryFact, entryId, forgetConditions, isPathEntry, setCondition, type CorrelatedConditions } from "./conditions";

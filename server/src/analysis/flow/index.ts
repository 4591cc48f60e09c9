export { buildFlowGraph, isNestedScope, reachableBlocks } from "./graph";
export type { EdgeKind, FlowBlock, FlowEdge, FlowGraph, FlowGraphOptions, FunctionWithBody } from "./graph";
export { idSets, solveForward } from "./dataflow";
export type { ForwardProblem, ForwardSolution } from "./dataflow";
export { assumeCondition, correlatedConditions, entryId, forgetConditions, pathEntry, setCondition, type CorrelatedConditions } from "./conditions";

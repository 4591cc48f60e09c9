import { prefixFix } from "./prefix";

/** `f();` → `await f();`, with parentheses where `await` would bind tighter than the expression. */
export const addAwait = prefixFix("add-await", "Add await", "await ");

import { prefixFix } from "./prefix";

/** `f();` → `void f();`: the author says the detach is intentional. Unsafe: it silences the finding, not the risk. */
export const markVoid = prefixFix("void", "Detach with void", "void ");

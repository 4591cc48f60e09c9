import type { Rule } from "../types";
import { floatingPromise } from "./floating-promise";
import { leakyAll } from "./leaky-all";
import { misusedPromise } from "./misused-promise";
import { nurseryEscape } from "./nursery-escape";
import { signalNotForwarded } from "./signal-not-forwarded";
import { uncancellableSleep } from "./uncancellable-sleep";
import { abortSwallowed } from "./abort-swallowed";
import { leakyRace } from "./leaky-race";
import { timeoutParameter } from "./timeout-parameter";
import { loopWithoutCheckpoint } from "./loop-without-checkpoint";
import { unawaitedTask } from "./unawaited-task";

/** Every rule, by id. A new rule is one file here plus one line in this list. */
export const allRules: readonly Rule<any>[] = [floatingPromise, signalNotForwarded, uncancellableSleep, unawaitedTask, misusedPromise, nurseryEscape, leakyAll, abortSwallowed, leakyRace, timeoutParameter, loopWithoutCheckpoint];

export const rulesById: ReadonlyMap<string, Rule<any>> = new Map(allRules.map((rule) => [rule.id, rule]));

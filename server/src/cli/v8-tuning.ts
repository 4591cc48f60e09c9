/**
 * V8 settings for a process that lives seconds, not hours. By default V8 spent about 40 % of a cold lint's CPU
 * optimising (TurboFan, on its background threads) compiler functions the run then leaves behind: on openai's sources,
 * 18.4 s of CPU with that compiling moved onto the main thread against 11 s of wall time otherwise. Four times V8's
 * interrupt budget (Node 20: 67,584 bytes of bytecode run between tier-up checks) optimises only what stays hot:
 * 12-19 % less CPU, the same wall time (bench/README.md). The language server, which lives all day, keeps V8's defaults.
 */
export const shortRunInterruptBudget = 4 * 67_584;

/** The V8 flags to set before the bundle is compiled; none when the user chose a budget (command line, NODE_OPTIONS). */
export function shortRunV8Flags(execArgv: readonly string[], nodeOptions: string | undefined): string[] {
  const chosen = [...execArgv, ...(nodeOptions ?? "").split(/\s+/)].some((arg) => /^--interrupt[-_]budget(=|$)/.test(arg));
  return chosen ? [] : [`--interrupt-budget=${shortRunInterruptBudget}`];
}

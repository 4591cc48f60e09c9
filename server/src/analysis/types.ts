import type { ts } from "../typescript";

export type Severity = "error" | "warning";
export type RuleLevel = "off" | "warn" | "error";
/** `recommended` is the default preset: every rule not marked strict. Its precision must be trusted. */
export type Preset = "recommended" | "strict";

/** A half-open span of UTF-16 offsets into the file text, as the TypeScript AST reports them. */
export interface TextSpan {
  start: number;
  end: number;
}

/** Names a fix that a finding can take; the fixes layer turns it into edits. */
export type FixId =
  | "add-await"
  | "await-all"
  | "void"
  | "remove-suppression"
  | "pass-signal"
  | "cancellable-sleep"
  | "rethrow-abort"
  | "timeout-signal"
  | "throw-if-aborted"
  | "for-of"
  | "run-in-nursery";

/** What the analysis reports. Protocol-free: offsets, not LSP positions. */
export interface Finding {
  rule: string;
  severity: Severity;
  file: string;
  range: TextSpan;
  message: string;
  /** What the fixes need, computed while the checker was at hand. */
  data: FindingData;
}

export interface FindingData {
  /** Span of the expression the fixes rewrite (the statement's expression, without `void` etc.). */
  expression?: TextSpan;
  /** Fixes this finding can take, preferred first. */
  fixes: FixId[];
  /** pass-signal (and `timers/promises` cancellable-sleep): hand the signal to this call. */
  passSignal?: SignalArgument;
  /** cancellable-sleep: replace the timer promise at `expression` with `sleep(delay, signal)` from the runtime. */
  sleep?: { delay: string; signal: string };
  /** rethrow-abort: the signal whose `aborted` the catch clause should test. */
  rethrowSignal?: string;
  /** timeout-signal: replace the race at `expression` with this operation, given `AbortSignal.timeout(ms)`. */
  raceTimeout?: SignalArgument;
  /** throw-if-aborted: the signal to check (`signal`, `signal?`, `controller.signal`) first thing in the loop body. */
  checkpointSignal?: string;
  /** run-in-nursery: what the rewrite needs from the checker (see analysis/nursery-fix-data.ts). */
  nursery?: NurseryFixData;
  /** For suppression problems: the rule id (or whole comment) that the remove fix deletes. */
  suppression?: TextSpan;
}

/** How to give a call an AbortSignal: where the callee takes it and what to write. */
export interface SignalArgument {
  /** The call to change. */
  call: TextSpan;
  /** Source text of the signal to pass (`signal`, `controller.signal`, `AbortSignal.timeout(5_000)`). */
  signal: string;
  /** Zero-based index of the parameter that takes the signal, or of the options object that holds it. */
  index: number;
  /** The options property that takes the signal (`signal`, `abortSignal`); absent when the parameter is the signal. */
  property?: string;
}

/** What run-in-nursery needs to know about the function around a finding, computed while the checker was at hand. */
export interface NurseryFixData {
  /** Promise-returning calls in the function that take an AbortSignal and get none: a spawn hands them the task's. */
  signalCalls: SignalArgument[];
  /** Declarations in the function (`const p = work()`) that store a new promise: they can become tasks. */
  promiseStores: TextSpan[];
  /** The program targets below ES2017, where `super` cannot move into an async arrow function. */
  belowES2017?: boolean;
  /** unawaited-task: some path leaves the stored promise running, so the nursery must hold the rest of the function. */
  untilFunctionEnd?: boolean;
  /** leaky-race: each element of the race as a function of the signal, in order. */
  racers?: RacerData[];
  /** leaky-race: the type argument `race<T>()` needs when a sleep joins operations that resolve with values. */
  raceResultType?: string;
  /** Why the rewrite cannot apply, when only the checker could tell. */
  unavailable?: string;
}

/** One element of a `Promise.race` for the runtime's `race()`: a call that takes the signal, or a timer made a `sleep`. */
export type RacerData =
  | { kind: "call"; span: TextSpan }
  | { kind: "timer"; span: TextSpan; delay: string; rejection?: string };

export interface RuleMeta {
  /** One line for docs and hovers. */
  docs: string;
  defaultSeverity: Severity;
  preset: Preset;
  /** Messages as named constants; `{{name}}` placeholders are filled in by the rule. */
  messages: Record<string, string>;
  /**
   * Examples for the generated docs (docs/rules/<id>.md). They are executed: test/docs.test.ts lints each one and
   * requires a finding of this rule in `invalid` and none in `valid`.
   */
  examples?: { invalid: string; valid: string };
}

export interface RuleContext<Options> {
  sourceFile: ts.SourceFile;
  /** Where the rule looks: the whole file, or the one declaration an edit changed (see analysis/incremental.ts). */
  root: ts.Node;
  program: ts.Program;
  checker: ts.TypeChecker;
  options: Options;
  severity: Severity;
  /** The preset of this run: a rule may be stricter under `strict` (unawaited-task's `await` exits). */
  preset: Preset;
  /**
   * The nodes of these kinds under `root` (the root included), in document order, from one walk shared by all rules.
   * Cast to the kinds asked for.
   */
  nodes<T extends ts.Node = ts.Node>(...kinds: ts.SyntaxKind[]): readonly T[];
  /** Report a finding on a node (or an explicit span). */
  report(finding: { node?: ts.Node; range?: TextSpan; messageId: string; data?: FindingData; values?: Record<string, string> }): void;
  /** Throws when the run was cancelled (a newer edit arrived); rules call it between statements. */
  checkCancelled(): void;
}

export interface Rule<Options = Record<string, unknown>> {
  id: string;
  meta: RuleMeta;
  defaultOptions: Options;
  check(context: RuleContext<Options>): void;
}

/** The settings one analysis run uses: which rules, at which level, with which options. */
export interface RuleSettings {
  level: RuleLevel;
  options?: Record<string, unknown>;
}

export interface AnalysisConfig {
  preset: Preset;
  rules: Record<string, RuleSettings | RuleLevel>;
  /** Suppression comments must give a reason after `--`. */
  requireSuppressionReason?: boolean;
}

/** Thrown by `checkCancelled` so a stale analysis stops early. */
export class AnalysisCancelledError extends Error {
  constructor() {
    super("analysis cancelled");
    this.name = "AnalysisCancelledError";
  }
}

/** A rule that threw: reported once, the other rules still run. */
export interface RuleFailure {
  rule: string;
  file: string;
  error: Error;
}

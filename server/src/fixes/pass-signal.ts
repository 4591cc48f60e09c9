import { ts } from "../typescript";
import { skipParentheses } from "../analysis/syntax";
import type { SignalArgument } from "../analysis/types";
import { appendToBracedList } from "./imports";
import { expressionAt } from "./locate";
import type { Fix, TextEdit } from "./types";

const identifier = /^[A-Za-z_$][\w$]*$/;

/** `signal` when the property and the variable share the name, else `abortSignal: signal`. */
function propertyText(property: string, signal: string): string {
  if (property === signal) return signal;
  return `${identifier.test(property) ? property : JSON.stringify(property)}: ${signal}`;
}

function lineIndentation(sourceFile: ts.SourceFile, position: number): string {
  const lineStart = sourceFile.getLineStarts()[sourceFile.getLineAndCharacterOfPosition(position).line]!;
  return /^[ \t]*/.exec(sourceFile.text.slice(lineStart))![0];
}

/** Appends arguments to a call, one per line when its arguments already are. */
function appendArguments(sourceFile: ts.SourceFile, call: ts.CallExpression, values: readonly string[]): TextEdit {
  const args = call.arguments;
  const last = args[args.length - 1];
  if (!last) return { start: args.pos, end: args.pos, newText: values.join(", ") };
  const openLine = sourceFile.getLineAndCharacterOfPosition(args.pos).line;
  const firstLine = sourceFile.getLineAndCharacterOfPosition(args[0]!.getStart(sourceFile)).line;
  const separator = firstLine !== openLine ? `,\n${lineIndentation(sourceFile, last.getStart(sourceFile))}` : ", ";
  return { start: last.getEnd(), end: last.getEnd(), newText: values.map((value) => separator + value).join("") };
}

/**
 * The edits that hand `argument.signal` to `call`: a new positional argument, a property merged into the options
 * literal, or a new options literal — with `undefined` for skipped optional parameters before it.
 */
export function signalArgumentEdits(sourceFile: ts.SourceFile, call: ts.CallExpression, argument: SignalArgument): TextEdit[] | undefined {
  const args = call.arguments;
  const value = argument.property === undefined ? argument.signal : `{ ${propertyText(argument.property, argument.signal)} }`;
  if (argument.index >= args.length) {
    const fillers: string[] = Array.from({ length: argument.index - args.length }, () => "undefined");
    return [appendArguments(sourceFile, call, [...fillers, value])];
  }
  if (argument.property === undefined) return undefined;
  const options = skipParentheses(args[argument.index]!);
  if (!ts.isObjectLiteralExpression(options)) return undefined;
  const open = options.getStart(sourceFile);
  return [appendToBracedList(sourceFile, open, options.getEnd() - 1, options.properties, propertyText(argument.property, argument.signal))];
}

/** `fetch(url)` → `fetch(url, { signal })`: the call receives the AbortSignal in scope. Safe: nothing changes until it aborts. */
export const passSignal: Fix = {
  id: "pass-signal",
  title: "Pass the abort signal",
  safety: "safe",
  edits(sourceFile, finding) {
    const argument = finding.data.passSignal;
    const call = argument && expressionAt(sourceFile, argument.call);
    if (!argument || !call || !ts.isCallExpression(call)) return undefined;
    return signalArgumentEdits(sourceFile, call, argument);
  },
};

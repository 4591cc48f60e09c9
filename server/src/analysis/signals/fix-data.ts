import { ts } from "../../typescript";
import type { SignalArgument } from "../types";
import { propertyNameText, skipParentheses } from "../syntax";
import type { SignalSlot } from "./callee";

/**
 * What pass-signal needs to give `signalText` to `call` through `slot`, or undefined when no edit can do it cleanly:
 * the argument is there but is no object literal (`addEventListener(t, h, true)`, an `options` variable), the literal
 * already names the property, or a spread argument hides the positions.
 */
export function signalArgumentFor(call: ts.CallExpression, slot: SignalSlot, signalText: string): SignalArgument | undefined {
  const args = call.arguments;
  if (args.some((arg) => ts.isSpreadElement(arg))) return undefined;
  const existing = args[slot.index];
  const base: SignalArgument = { call: { start: call.getStart(), end: call.getEnd() }, signal: signalText, index: slot.index };
  if (slot.kind === "argument") return existing ? undefined : base;
  if (existing) {
    const literal = skipParentheses(existing);
    if (!ts.isObjectLiteralExpression(literal)) return undefined;
    const named = literal.properties.some((property) => property.name && propertyNameText(property.name) === slot.property);
    if (named) return undefined;
  }
  return { ...base, property: slot.property };
}

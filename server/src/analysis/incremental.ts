import { ts } from "../typescript";
import { skipParentheses } from "./syntax";
import type { Finding, FindingData, TextSpan } from "./types";

/**
 * Re-analysing a file after an edit that stayed inside one function body. The checker is rebuilt after every edit and
 * re-answering every question about the file is most of an edit's cost, yet an edit inside the body of a function whose
 * type is written down cannot change any type outside that body: re-analysing that declaration alone, and keeping the
 * previous findings elsewhere (moved by the edit's length), gives the same findings. Exact for what the checker says;
 * a rule that looks across functions (a promise stored at module level and handled in a function) may be stale outside
 * the body until the next full analysis, which the language server runs when typing pauses.
 */
export interface IsolatedEdit {
  /** The declaration to re-analyse, in the new file. */
  root: ts.Node;
  /** Previous findings outside it, moved to the new text. */
  keep(previous: readonly Finding[]): Finding[];
}

const typeScriptFile = /\.(?:[cm]?ts|tsx)$/;

/** The changed span, as the common prefix and suffix of the two texts leave it. */
export function changedSpan(before: string, after: string): { start: number; oldEnd: number; newEnd: number } {
  const shorter = Math.min(before.length, after.length);
  // Whole chunks compared as strings first (a native comparison), then character by character inside the first chunk
  // that differs: a file of 200,000 characters is compared on every keystroke.
  const chunk = 256;
  let start = 0;
  while (start + chunk <= shorter && before.slice(start, start + chunk) === after.slice(start, start + chunk)) start += chunk;
  while (start < shorter && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let suffix = 0;
  const room = shorter - start;
  while (suffix + chunk <= room && before.slice(before.length - suffix - chunk, before.length - suffix) === after.slice(after.length - suffix - chunk, after.length - suffix)) suffix += chunk;
  while (suffix < room && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  return { start, oldEnd: before.length - suffix, newEnd: after.length - suffix };
}

/**
 * The function an outermost declaration is or holds, when its type does not depend on its body: its return type is
 * written, or it has none to infer (constructor, setter), or it is `async` (it returns a promise whatever the body
 * does; what the promise resolves to can still change, which matters to another function only when that value holds
 * promises or signals), or it is the value of a variable or field whose type is written
 * (`const onMessage: Listener = async (event) => { … }`).
 */
function functionWithDeclaredType(node: ts.Node): (ts.FunctionLikeDeclaration & { body: ts.Block }) | undefined {
  if (ts.isVariableDeclaration(node) || ts.isPropertyDeclaration(node)) {
    const value = functionValueOf(node);
    if (!value || !ts.isBlock(value.body)) return undefined;
    return value.type !== undefined || isAsync(value) || node.type !== undefined ? (value as typeof value & { body: ts.Block }) : undefined;
  }
  if (!(ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node) || ts.isConstructorDeclaration(node) || ts.isGetAccessorDeclaration(node) || ts.isSetAccessorDeclaration(node))) return undefined;
  if (!node.body) return undefined;
  return node.type !== undefined || ts.isConstructorDeclaration(node) || ts.isSetAccessorDeclaration(node) || isAsync(node) ? (node as typeof node & { body: ts.Block }) : undefined;
}

function isAsync(node: ts.FunctionLikeDeclaration): boolean {
  return Boolean(ts.getCombinedModifierFlags(node) & ts.ModifierFlags.Async) && !node.asteriskToken;
}

/** `const f = (…) => { … }`, or a field `f = async function () { … }`: the function, else undefined. */
function functionValueOf(node: ts.VariableDeclaration | ts.ClassElement): ts.ArrowFunction | ts.FunctionExpression | undefined {
  if (!(ts.isVariableDeclaration(node) || ts.isPropertyDeclaration(node)) || !node.initializer) return undefined;
  const value = skipParentheses(node.initializer);
  return ts.isArrowFunction(value) || ts.isFunctionExpression(value) ? value : undefined;
}

/**
 * Rules read the body of a one-statement helper function they see called (`sleep(ms)` written as a timer promise): such
 * a function, declared or held by a variable, and called elsewhere in the file, is not isolated. (Other files are
 * analysed in full anyway.)
 */
function isNamedElsewhere(root: ts.Node, sourceFile: ts.SourceFile): boolean {
  const nameNode = ts.isFunctionDeclaration(root) || ts.isVariableDeclaration(root) ? root.name : undefined;
  if (!nameNode || !ts.isIdentifier(nameNode)) return false;
  const name = nameNode.text;
  const text = sourceFile.text;
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + name.length)) {
    if (at >= root.pos && at < root.end) continue;
    const before = text.charCodeAt(at - 1);
    const after = text.charCodeAt(at + name.length);
    if (!ts.isIdentifierPart(before, ts.ScriptTarget.Latest) && !ts.isIdentifierPart(after, ts.ScriptTarget.Latest)) return true;
  }
  return false;
}

/**
 * Top-level functions, the members of top-level classes and the top-level variables holding a function: no other
 * function encloses them. (A variable or field is re-analysed whole: rules report on its function from there.)
 */
function outermostFunctions(sourceFile: ts.SourceFile): ts.Node[] {
  const found: ts.Node[] = [];
  for (const statement of sourceFile.statements) {
    if (ts.isFunctionDeclaration(statement)) found.push(statement);
    else if (ts.isClassDeclaration(statement)) found.push(...statement.members);
    else if (ts.isVariableStatement(statement)) found.push(...statement.declarationList.declarations.filter((declaration) => functionValueOf(declaration)));
  }
  return found;
}

/**
 * Where the file's outermost functions were: compared with the next version's, it tells whether a syntax error made
 * the parser read the code around the edit differently (an unclosed `{` takes in the functions after it).
 */
export function outlineOf(sourceFile: ts.SourceFile): TextSpan[] {
  return outermostFunctions(sourceFile).map((node) => ({ start: node.pos, end: node.end }));
}

/** The same outermost functions as before, the edited one longer by `delta` and those after it moved by `delta`. */
function sameOutline(previous: readonly TextSpan[], current: readonly ts.Node[], root: ts.Node, delta: number): boolean {
  if (previous.length !== current.length) return false;
  return current.every((node, index) => {
    const before = previous[index]!;
    if (node === root) return node.pos === before.start && node.end === before.end + delta;
    const shift = node.pos > root.pos ? delta : 0;
    return node.pos === before.start + shift && node.end === before.end + shift;
  });
}

/**
 * `previous` is the text analysed last and its outline. The edit may leave syntax errors inside the body (typing goes
 * through them): the parser recovers inside the function, and the outline tells whether it did.
 */
export function isolatedEdit(previous: { text: string; outline: readonly TextSpan[] }, sourceFile: ts.SourceFile): IsolatedEdit | undefined {
  if (!typeScriptFile.test(sourceFile.fileName) || sourceFile.isDeclarationFile) return undefined;
  const text = sourceFile.text;
  if (text === previous.text) return undefined;
  const { start, oldEnd, newEnd } = changedSpan(previous.text, text);
  const functions = outermostFunctions(sourceFile);
  const root = functions.find((node) => node.pos <= start && newEnd <= node.end);
  const declared = root && functionWithDeclaredType(root);
  if (!root || !declared) return undefined;
  const body = declared.body;
  // Strictly between the braces of the body: the signature and the braces themselves are unchanged.
  if (!(body.getStart(sourceFile) < start && newEnd < body.end)) return undefined;
  const delta = newEnd - oldEnd;
  if (!sameOutline(previous.outline, functions, root, delta)) return undefined;
  if (isNamedElsewhere(root, sourceFile)) {
    const oldBody = previous.text.slice(body.getStart(sourceFile), body.end - delta);
    const oldStatements = (ts.createSourceFile("body.ts", `function f()${oldBody}`, ts.ScriptTarget.Latest).statements[0] as ts.FunctionDeclaration | undefined)?.body?.statements.length;
    if (body.statements.length === 1 || oldStatements === undefined || oldStatements === 1) return undefined;
  }
  const oldRootEnd = root.end - delta;
  return {
    root,
    keep: (previous) =>
      previous
        .filter((finding) => finding.range.end <= root.pos || finding.range.start >= oldRootEnd)
        .map((finding) => moved(finding, finding.range.start >= oldRootEnd ? delta : 0)),
  };
}

function isSpan(value: unknown): value is TextSpan {
  return typeof value === "object" && value !== null && typeof (value as TextSpan).start === "number" && typeof (value as TextSpan).end === "number";
}

function shiftSpans(value: unknown, delta: number): unknown {
  if (Array.isArray(value)) return value.map((item) => shiftSpans(item, delta));
  if (typeof value !== "object" || value === null) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) copy[key] = shiftSpans(item, delta);
  if (isSpan(value)) {
    copy.start = value.start + delta;
    copy.end = value.end + delta;
  }
  return copy;
}

/**
 * A finding outside the edited body, moved by the edit's length when it comes after it. The run-in-nursery data is
 * left out: it is computed lazily from the previous checker, and code actions are only answered from a full analysis.
 */
function moved(finding: Finding, delta: number): Finding {
  const data: Record<string, unknown> = {};
  for (const key of Object.keys(finding.data)) if (key !== "nursery") data[key] = shiftSpans(finding.data[key as keyof FindingData], delta);
  return { ...finding, range: { start: finding.range.start + delta, end: finding.range.end + delta }, data: data as unknown as FindingData };
}

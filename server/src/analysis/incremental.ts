import { ts } from "../typescript";
import { functionValueOf, skipParentheses, soleExpression } from "./syntax";
import type { Finding, FindingData, TextSpan } from "./types";

/**
 * Re-analysing a file after an edit that stayed inside one function body. The checker is rebuilt after every edit and
 * re-answering every question about the file is most of an edit's cost, yet an edit inside the body of a function whose
 * type is written down cannot change any type outside that body, nor can one inside a callback of a statement that only
 * makes a call (it declares nothing): re-analysing that declaration or statement alone, and keeping the previous
 * findings elsewhere (moved by the edit's length), gives the same findings. Exact for what the checker says; a rule
 * that looks across functions (a promise stored at module level, or in the enclosing function, and handled in the
 * edited one) may be stale outside it until the next full analysis, which the language server runs when typing pauses.
 */
export interface IsolatedEdit {
  /** The declaration or statement to re-analyse, in the new file. */
  root: ts.Node;
  /** The previous findings outside it, moved to the new text. */
  findings: Finding[];
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

/**
 * Rules read the body of a one-statement helper function they see called (`sleep(ms)` written as a timer promise): such
 * a function, declared or held by a variable, and called elsewhere in the file, is not isolated while its body is
 * (or was) one statement making a `new …` or a call. (Other files are
 * analysed in full anyway.)
 */
function isNamedElsewhere(root: ts.Node, sourceFile: ts.SourceFile): boolean {
  const nameNode = ts.isFunctionDeclaration(root) || ts.isVariableDeclaration(root) ? root.name : undefined;
  return nameNode !== undefined && ts.isIdentifier(nameNode) && appearsOutside(nameNode.text, root, sourceFile);
}

/** Whether `name` appears as a whole word anywhere in the file outside `node` (in code, comments or strings alike). */
function appearsOutside(name: string, node: ts.Node, sourceFile: ts.SourceFile): boolean {
  const text = sourceFile.text;
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + name.length)) {
    if (at >= node.pos && at < node.end) continue;
    const before = text.charCodeAt(at - 1);
    const after = text.charCodeAt(at + name.length);
    if (!ts.isIdentifierPart(before, ts.ScriptTarget.Latest) && !ts.isIdentifierPart(after, ts.ScriptTarget.Latest)) return true;
  }
  return false;
}

/**
 * A top-level declaration that nothing else in the file names (`export const appRouter = router({ … })`, `export
 * default defineComponent({ … })`, an exported function no other function of the file calls): whatever its body makes
 * of its type, no other statement of the file reads it. (Other files are analysed on their own.)
 */
function isUnnamedElsewhere(statement: ts.Node, sourceFile: ts.SourceFile): boolean {
  if (statement.parent !== sourceFile) return false;
  let names: ts.Identifier[];
  if (ts.isVariableStatement(statement)) names = statement.declarationList.declarations.flatMap((declaration) => bindingNames(declaration.name));
  else if (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) names = statement.name ? [statement.name] : [];
  else if (ts.isExportAssignment(statement)) names = [];
  else return false;
  return names.every((name) => !appearsOutside(name.text, statement, sourceFile));
}

function bindingNames(name: ts.BindingName): ts.Identifier[] {
  if (ts.isIdentifier(name)) return [name];
  return name.elements.flatMap((element) => (ts.isOmittedExpression(element) ? [] : bindingNames(element.name)));
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
 * The parts a full analysis can be warmed up by, one at a time: top-level statements, a class by its members. Analysing
 * each alone asks the checker most of what the whole file's analysis will, in steps a keystroke can come between.
 */
export function analysisUnits(sourceFile: ts.SourceFile): ts.Node[] {
  return sourceFile.statements.flatMap((statement): ts.Node[] => (ts.isClassDeclaration(statement) ? [...statement.members] : [statement]));
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

/** What the edit is compared with: the text analysed last, its outline, and the rules' findings on it. */
export interface EditBasis {
  text: string;
  outline: readonly TextSpan[];
  ruleFindings: readonly Finding[];
}

/**
 * The edit may leave syntax errors inside the body (typing goes through them): the parser recovers inside the
 * function, and the outline (or, for a call statement, parsing the previous text again) tells whether it did.
 */
export function isolatedEdit(previous: EditBasis, sourceFile: ts.SourceFile): IsolatedEdit | undefined {
  if (!typeScriptFile.test(sourceFile.fileName) || sourceFile.isDeclarationFile) return undefined;
  const text = sourceFile.text;
  if (text === previous.text) return undefined;
  const { start, oldEnd, newEnd } = changedSpan(previous.text, text);
  const delta = newEnd - oldEnd;
  const root = outermostRoot(previous, sourceFile, start, newEnd, delta) ?? statementRoot(previous.text, sourceFile, start, newEnd, delta);
  if (!root) return undefined;
  const oldRootEnd = root.end - delta;
  const before = (finding: Finding) => finding.range.end <= root.pos;
  const after = (finding: Finding) => finding.range.start >= oldRootEnd;
  const inside = (finding: Finding) => finding.range.start >= root.pos && finding.range.end <= oldRootEnd;
  // A finding around the root (on the async callback that encloses it) is neither kept as it was nor found again.
  if (!previous.ruleFindings.every((finding) => before(finding) || after(finding) || inside(finding))) return undefined;
  return {
    root,
    findings: previous.ruleFindings.filter((finding) => before(finding) || after(finding)).map((finding) => moved(finding, after(finding) ? delta : 0)),
  };
}

/** The outermost function (or the variable or field holding it) whose body holds the edit, if its type is declared. */
function outermostRoot(previous: EditBasis, sourceFile: ts.SourceFile, start: number, newEnd: number, delta: number): ts.Node | undefined {
  const functions = outermostFunctions(sourceFile);
  const root = functions.find((node) => node.pos <= start && newEnd <= node.end);
  const declared = root && functionWithDeclaredType(root);
  if (!root || !declared || !isInsideBody(declared, sourceFile, start, newEnd)) return undefined;
  if (!sameOutline(previous.outline, functions, root, delta)) return undefined;
  if (isNamedElsewhere(root, sourceFile)) {
    const oldBody = previous.text.slice(declared.body.getStart(sourceFile), declared.body.end - delta);
    const old = (ts.createSourceFile("body.ts", `function f()${oldBody}`, ts.ScriptTarget.Latest).statements[0] as ts.FunctionDeclaration | undefined)?.body;
    if (!old || mayBeTimerHelper(declared.body) || mayBeTimerHelper(old)) return undefined;
  }
  return root;
}

/**
 * A body the timer rules read at the call site (signals/timers.ts): one statement that makes or returns
 * `new Promise(…)`, or a call that may be Node's `timers/promises` `setTimeout` under some name (`sleep(ms)`,
 * `timers.setTimeout(ms)`, `(await import("node:timers/promises")).setTimeout(ms)`). A method called on a value
 * (`Promise.resolve(options).then(build)`, `this.queue.add(job)`) is none of these, by its syntax.
 */
function mayBeTimerHelper(body: ts.Block): boolean {
  const inner = soleExpression(body, true);
  if (!inner) return false;
  if (ts.isNewExpression(inner)) {
    const callee = skipParentheses(inner.expression);
    return ts.isIdentifier(callee) && callee.text === "Promise";
  }
  if (!ts.isCallExpression(inner)) return false;
  const callee = skipParentheses(inner.expression);
  if (ts.isIdentifier(callee)) return true;
  return ts.isPropertyAccessExpression(callee) && (callee.name.text === "setTimeout" || mayBeModule(callee.expression));
}

/** A name (`timers`, `node.timers`), or a module loaded in place (`require(…)`, `await import(…)`). */
function mayBeModule(node: ts.Expression): boolean {
  let inner = skipParentheses(node);
  while (ts.isAwaitExpression(inner)) inner = skipParentheses(inner.expression);
  if (ts.isIdentifier(inner)) return true;
  if (ts.isPropertyAccessExpression(inner)) return mayBeModule(inner.expression);
  if (!ts.isCallExpression(inner)) return false;
  return inner.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(inner.expression) && inner.expression.text === "require");
}

/** Strictly between the braces of the body: the signature and the braces themselves are unchanged. */
function isInsideBody(fn: ts.FunctionLikeDeclaration, sourceFile: ts.SourceFile, start: number, end: number): fn is ts.FunctionLikeDeclaration & { body: ts.Block } {
  return fn.body !== undefined && ts.isBlock(fn.body) && fn.body.getStart(sourceFile) < start && end < fn.body.end;
}

/** The innermost function whose block body strictly holds the span. */
function innermostFunction(sourceFile: ts.SourceFile, start: number, end: number): ts.FunctionLikeDeclaration | undefined {
  let found: ts.FunctionLikeDeclaration | undefined;
  for (let node: ts.Node | undefined = sourceFile; node; ) {
    if (ts.isFunctionLike(node) && isInsideBody(node as ts.FunctionLikeDeclaration, sourceFile, start, end)) found = node as ts.FunctionLikeDeclaration;
    node = ts.forEachChild(node, (child) => (child.pos <= start && end <= child.end ? child : undefined));
  }
  return found;
}

/** `f(…);`, `await f(…);`, `void f(…);`, `new F(…);`: a statement that declares nothing. */
function isCallStatement(node: ts.Node): node is ts.ExpressionStatement {
  if (!ts.isExpressionStatement(node)) return false;
  let expression = skipParentheses(node.expression);
  while (ts.isAwaitExpression(expression) || ts.isVoidExpression(expression)) expression = skipParentheses(expression.expression);
  return ts.isCallExpression(expression) || ts.isNewExpression(expression);
}

function isStatementList(node: ts.Node): boolean {
  return ts.isBlock(node) || ts.isSourceFile(node) || ts.isModuleBlock(node) || ts.isCaseClause(node) || ts.isDefaultClause(node);
}

/**
 * A statement that only calls (`it("…", async () => { … })`, `router.get(path, async (req) => { … })`, `await
 * step(() => { … })`), around the edited function: it declares nothing, so nothing outside it can depend on the types
 * inside. Test files and route tables are made of these, and their functions have no declared type to rely on.
 * Or, at the top level, a declaration nothing else in the file names (`isUnnamedElsewhere`).
 */
function statementRoot(previousText: string, sourceFile: ts.SourceFile, start: number, newEnd: number, delta: number): ts.Node | undefined {
  const fn = innermostFunction(sourceFile, start, newEnd);
  if (!fn) return undefined;
  // The nearest such statement around it, however deep (a helper declared inside a test is re-analysed with the test).
  let statement: ts.Node = fn;
  for (;;) {
    while (statement.parent && !isStatementList(statement.parent)) statement = statement.parent;
    if (!statement.parent || ts.isSourceFile(statement)) return undefined;
    if (isCallStatement(statement) || isUnnamedElsewhere(statement, sourceFile)) break;
    statement = statement.parent;
  }
  // The previous text must have read as the same statement, one edit shorter: else the parser recovered from a syntax
  // error by taking in what follows (an unclosed `{`), and the code around it means something else now.
  const old = ts.createSourceFile(sourceFile.fileName, previousText, { languageVersion: sourceFile.languageVersion, jsDocParsingMode: ts.JSDocParsingMode.ParseNone });
  const target = statement;
  let oldStatement: ts.Node | undefined;
  for (let node: ts.Node | undefined = old; node && !oldStatement; ) {
    const parent: ts.Node = node;
    node = ts.forEachChild(parent, (child) => (child.pos <= target.pos && target.pos < child.end ? child : undefined));
    if (node && node.pos === target.pos && node.kind === target.kind && isStatementList(parent)) oldStatement = node;
  }
  return oldStatement && oldStatement.end + delta === statement.end ? statement : undefined;
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

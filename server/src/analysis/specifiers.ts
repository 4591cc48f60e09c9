import { ts } from "../typescript";
import * as path from "node:path";
import { calleeName } from "./syntax";

/**
 * typescript-eslint's "type or value specifier": names a type or function by where it is declared, so options like
 * `allowForKnownSafePromises` can allow-list `Thenable` from `vscode` without allowing every `Thenable`.
 * A bare string matches the name wherever it is declared.
 */
export type Specifier =
  | string
  | { from: "file"; name: string | string[]; path?: string }
  | { from: "lib"; name: string | string[] }
  | { from: "package"; name: string | string[]; package: string };

function namesOf(specifier: Exclude<Specifier, string>): string[] {
  return Array.isArray(specifier.name) ? specifier.name : [specifier.name];
}

function isInPackage(fileName: string, packageName: string): boolean {
  const normalized = fileName.replace(/\\/g, "/");
  const typesName = packageName.startsWith("@") ? packageName.slice(1).replace("/", "__") : packageName;
  return normalized.includes(`/node_modules/${packageName}/`) || normalized.includes(`/node_modules/@types/${typesName}/`);
}

function declaredInAmbientModule(declaration: ts.Declaration, packageName: string): boolean {
  for (let node: ts.Node | undefined = declaration; node; node = node.parent) {
    if (ts.isModuleDeclaration(node) && ts.isStringLiteral(node.name)) return node.name.text === packageName;
  }
  return false;
}

function declarationMatches(program: ts.Program, declaration: ts.Declaration, specifier: Exclude<Specifier, string>): boolean {
  const sourceFile = declaration.getSourceFile();
  switch (specifier.from) {
    case "lib":
      return program.isSourceFileDefaultLibrary(sourceFile);
    case "package":
      return isInPackage(sourceFile.fileName, specifier.package) || declaredInAmbientModule(declaration, specifier.package);
    case "file": {
      if (program.isSourceFileDefaultLibrary(sourceFile) || program.isSourceFileFromExternalLibrary(sourceFile)) return false;
      if (!specifier.path) return true;
      const root = program.getCurrentDirectory();
      return path.resolve(root, specifier.path) === path.resolve(sourceFile.fileName);
    }
  }
}

/** Per source file (files outlive programs in the editor: an edit makes a new program of mostly the same files). */
const packagesInFiles = new WeakMap<ts.SourceFile, Map<string, boolean>>();

function fileCanDeclarePackage(sourceFile: ts.SourceFile, packageName: string): boolean {
  let known = packagesInFiles.get(sourceFile);
  if (!known) packagesInFiles.set(sourceFile, (known = new Map()));
  let found = known.get(packageName);
  if (found === undefined) {
    found =
      isInPackage(sourceFile.fileName, packageName) ||
      sourceFile.statements.some((statement) => ts.isModuleDeclaration(statement) && ts.isStringLiteral(statement.name) && statement.name.text === packageName);
    known.set(packageName, found);
  }
  return found;
}

const packagesInPrograms = new WeakMap<ts.Program, Map<string, boolean>>();

/**
 * Whether any file of the program can declare what a `from: "package"` specifier names: a file of that package, or a
 * `declare module "package"`. When none can, no symbol matches, and a rule can skip asking for types at all.
 */
export function packageInProgram(program: ts.Program, packageName: string): boolean {
  let known = packagesInPrograms.get(program);
  if (!known) packagesInPrograms.set(program, (known = new Map()));
  let found = known.get(packageName);
  if (found === undefined) known.set(packageName, (found = program.getSourceFiles().some((sourceFile) => fileCanDeclarePackage(sourceFile, packageName))));
  return found;
}

export function symbolMatchesSpecifiers(program: ts.Program, symbol: ts.Symbol | undefined, specifiers: readonly Specifier[]): boolean {
  if (!symbol || specifiers.length === 0) return false;
  const name = symbol.getName();
  const declarations = symbol.getDeclarations() ?? [];
  return specifiers.some((specifier) => {
    if (typeof specifier === "string") return specifier === name;
    if (!namesOf(specifier).includes(name)) return false;
    return declarations.some((declaration) => declarationMatches(program, declaration, specifier));
  });
}

/** A type matches when its alias or its own symbol matches, or when every member of its union does. */
export function typeMatchesSpecifiers(program: ts.Program, type: ts.Type, specifiers: readonly Specifier[]): boolean {
  if (specifiers.length === 0) return false;
  if (symbolMatchesSpecifiers(program, type.aliasSymbol, specifiers)) return true;
  if (symbolMatchesSpecifiers(program, type.getSymbol(), specifiers)) return true;
  if (type.isUnion()) {
    const defined = type.types.filter((part) => !(part.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null | ts.TypeFlags.Void)));
    return defined.length > 0 && defined.every((part) => typeMatchesSpecifiers(program, part, specifiers));
  }
  return false;
}

/** The declarations `name` refers to, through an import alias. */
export function declarationsOf(checker: ts.TypeChecker, name: ts.Node): ts.Declaration[] {
  let symbol = checker.getSymbolAtLocation(name);
  if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
  return symbol?.getDeclarations() ?? [];
}

/** The declarations of what a call calls, by its callee's name (`f`, `a.b.m`, `new C`); none for other callees. */
export function calleeDeclarations(checker: ts.TypeChecker, call: ts.CallExpression | ts.NewExpression): ts.Declaration[] {
  const name = calleeName(call);
  return name ? declarationsOf(checker, name) : [];
}

/** A method signature of an interface named `interfaceName` in a declaration file (`ReadableStream`, `LockManager`). */
export function isInterfaceMethodDeclaration(declaration: ts.Declaration, interfaceName: string): boolean {
  return ts.isMethodSignature(declaration) && ts.isInterfaceDeclaration(declaration.parent) && declaration.parent.name.text === interfaceName && declaration.getSourceFile().isDeclarationFile;
}

/** Declared by the platform: TypeScript's default library (DOM, ES) or Node's own types (`@types/node`). */
export function isPlatformDeclaration(program: ts.Program, declaration: ts.Declaration): boolean {
  const file = declaration.getSourceFile();
  return program.isSourceFileDefaultLibrary(file) || /[\\/]node_modules[\\/]@types[\\/]node[\\/]/.test(file.fileName);
}

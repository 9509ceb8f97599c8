// Maps each operation (HTTP method + path) to the method of our client that calls it, e.g.
// "get /v1/users/{user_id}" -> "stytch.users.get", by reading src/wrappers/*.ts with the TypeScript parser.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import ts from "typescript";
import { root } from "./run.mjs";

/**
 * Reads src/wrappers/client.ts (which area function sits under which property of the client) and each area file
 * (which `defineOperation(t, method, path)` sits under which property). Returns a Map from "method path" to
 * { call: "stytch.users.search", searchAll?: "stytch.users.searchAll" }.
 */
export function clientMethods(clientFile = join(root, "src/wrappers/client.ts")) {
  const map = new Map();
  const client = parseFile(clientFile);
  const imports = importedFiles(client, dirname(clientFile));
  const factory = findFunction(client, "createStytchClient");
  const visitArea = (prefix, value) => {
    if (!ts.isCallExpression(value) || !ts.isIdentifier(value.expression)) return;
    const file = imports.get(value.expression.text);
    if (!file) return;
    const area = parseFile(file);
    const fn = findFunction(area, value.expression.text);
    const scope = { consts: moduleConsts(area), locals: localConsts(fn) };
    collectOperations(returnedObject(fn), prefix, scope, map);
  };
  // `organizations: { ...organizations(transport), members: members(transport) }` spreads one area into another.
  walkObject(returnedObject(factory), "stytch", visitArea, visitArea);
  return map;
}

function collectOperations(object, prefix, scope, map) {
  walkObject(object, prefix, (name, value) => {
    const node = ts.isIdentifier(value) ? scope.locals.get(value.text) : value;
    const op = node && operationOf(node, scope);
    if (op) map.set(op, { ...map.get(op), call: name });
  }, (_, spread) => {
    // `...searchIterators(search, pick)` adds searchPages/searchAll next to `search`.
    if (ts.isCallExpression(spread) && spread.expression.getText() === "searchIterators") {
      const op = operationOf(scope.locals.get(spread.arguments[0].getText()), scope);
      if (op) map.set(op, { ...map.get(op), searchAll: `${prefix}.searchAll` });
    }
  });
}

/** "method path" of a `defineOperation(t, "method", path)` call, or undefined. */
function operationOf(node, scope) {
  if (!ts.isCallExpression(node) || node.expression.getText() !== "defineOperation") return undefined;
  const [, method, path] = node.arguments;
  return `${evaluate(method, scope.consts)} ${evaluate(path, scope.consts)}`;
}

/** Calls `visit(dottedName, value)` for each property, recursing into nested object literals. */
function walkObject(object, prefix, visit, visitSpread = () => {}) {
  for (const prop of object.properties) {
    if (ts.isSpreadAssignment(prop)) visitSpread(prefix, prop.expression);
    else if (ts.isShorthandPropertyAssignment(prop)) visit(`${prefix}.${prop.name.text}`, prop.name);
    else if (ts.isPropertyAssignment(prop)) {
      const name = `${prefix}.${prop.name.getText()}`;
      if (ts.isObjectLiteralExpression(prop.initializer)) walkObject(prop.initializer, name, visit, visitSpread);
      else visit(name, prop.initializer);
    }
  }
}

/** Evaluates a string literal, a template with `${CONST}` parts, or `x as const`, using module-level consts. */
function evaluate(node, consts) {
  if (ts.isAsExpression(node) || ts.isParenthesizedExpression(node)) return evaluate(node.expression, consts);
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isIdentifier(node) && consts.has(node.text)) return evaluate(consts.get(node.text), consts);
  if (ts.isTemplateExpression(node)) {
    return node.head.text + node.templateSpans.map((s) => evaluate(s.expression, consts) + s.literal.text).join("");
  }
  throw new Error(`cannot evaluate ${node.getText()} in ${node.getSourceFile().fileName}`);
}

function parseFile(file) {
  return ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
}

function importedFiles(source, dir) {
  const files = new Map();
  for (const stmt of source.statements) {
    const named = ts.isImportDeclaration(stmt) && stmt.importClause?.namedBindings;
    if (!named || !ts.isNamedImports(named)) continue;
    const file = join(dir, stmt.moduleSpecifier.text.replace(/\.js$/, ".ts"));
    for (const el of named.elements) files.set(el.name.text, file);
  }
  return files;
}

function findFunction(source, name) {
  const fn = source.statements.find((s) => ts.isFunctionDeclaration(s) && s.name?.text === name);
  if (!fn) throw new Error(`no function ${name} in ${source.fileName}`);
  return fn;
}

function returnedObject(fn) {
  const ret = fn.body.statements.find(ts.isReturnStatement);
  if (!ret || !ts.isObjectLiteralExpression(ret.expression)) throw new Error(`${fn.name.text} must return an object literal`);
  return ret.expression;
}

function declarations(statements) {
  const map = new Map();
  for (const stmt of statements.filter(ts.isVariableStatement)) {
    for (const d of stmt.declarationList.declarations) if (d.initializer) map.set(d.name.getText(), d.initializer);
  }
  return map;
}

const moduleConsts = (source) => declarations(source.statements);
const localConsts = (fn) => declarations(fn.body.statements);

// The official Node SDK's TypeScript types (npm `stytch`, `types/lib/**.d.ts`) read with the TypeScript compiler
// API: the properties of the request and response interface of each of our operations (the table of their names
// is scripts/lib/sdk-type-names.mjs, re-exported here), optional-ness, kinds and string literals. Used by test/vendor/sdk-types.test.ts (the spec vs the SDK, field by field) and by
// `npm run spec:upstream` (which side of a difference between our description and Stytch's the SDK agrees with).
import { createRequire } from "node:module";
import { root } from "./run.mjs";

export { SDK_TYPES } from "./sdk-type-names.mjs";

/** @type {typeof import("typescript")} */
const ts = createRequire(import.meta.url)("typescript");

/**
 * A property of an SDK type.
 * @typedef {{ name: string, optional: boolean, type: import("typescript").Type }} SdkProp
 */

/**
 * An SDK type reduced to what is compared (`literals`: a closed union of string literals).
 * @typedef {{ kind: "any", literals?: undefined }
 *   | { kind: "string", literals?: string[] }
 *   | { kind: "number", literals?: undefined }
 *   | { kind: "boolean", literals?: undefined }
 *   | { kind: "array", element: import("typescript").Type, literals?: undefined }
 *   | { kind: "record", value: import("typescript").Type, literals?: undefined }
 *   | { kind: "object", props: SdkProp[], literals?: undefined }
 *   | { kind: "union", members: import("typescript").Type[], literals?: undefined }
 *   | { kind: "other", text: string, literals?: undefined }} SdkShape
 */

/**
 * One flattened field of an SDK type: its kind, optional-ness, `| null` and string literals.
 * @typedef {{ kind: string, optional: boolean, nullable: boolean, literals?: string[] }} SdkField
 */

/**
 * The SDK's type declarations, the root of the program read here.
 * @example checker.getSymbolAtLocation(program.getSourceFile(sdkIndex))
 */
export const sdkIndex = `${root}node_modules/stytch/types/lib/index.d.ts`;
const program = ts.createProgram([sdkIndex], {
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  types: [],
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.CommonJS,
  moduleResolution: ts.ModuleResolutionKind.Node10,
});
/**
 * The type checker of the SDK's declarations.
 * @example checker.typeToString(sdkType("UsersGetResponse"))
 */
export const checker = program.getTypeChecker();

/**
 * Every type the SDK exports, by name (aliases resolved).
 * @example sdkExports.has("UsersGetRequest") // true
 * @type {Map<string, import("typescript").Symbol>}
 */
export const sdkExports = new Map();
{
  const source = program.getSourceFile(sdkIndex);
  const moduleSymbol = source && checker.getSymbolAtLocation(source);
  if (!moduleSymbol) throw new Error(`cannot load ${sdkIndex}`);
  for (const symbol of checker.getExportsOfModule(moduleSymbol)) {
    sdkExports.set(symbol.name, symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol);
  }
}

/**
 * The declared type of an SDK export; throws when the SDK exports no such type.
 * @example sdkProps(sdkType("UsersGetResponse")).map((p) => p.name)
 * @param {string} name
 * @returns {import("typescript").Type}
 */
export function sdkType(name) {
  const symbol = sdkExports.get(name);
  if (!symbol) throw new Error(`the SDK exports no type ${name}`);
  return checker.getDeclaredTypeOfSymbol(symbol);
}

/**
 * The properties of an SDK type. Members declared in a class are left out: `connected_apps.d.ts` declares both
 * `interface ConnectedApp` (the wire object) and `class ConnectedApp` (the API namespace), and TypeScript merges the
 * class's `fetchConfig` and `clients` into the interface.
 * @example sdkProps(sdkType("UsersGetRequest")) // [{ name: "user_id", optional: false, type }]
 * @param {import("typescript").Type} type
 * @returns {SdkProp[]}
 */
export function sdkProps(type) {
  const wire = (/** @type {import("typescript").Symbol} */ symbol) =>
    !(symbol.declarations ?? []).every((d) => ts.isClassLike(d.parent));
  return checker
    .getPropertiesOfType(type)
    .filter(wire)
    .map((symbol) => ({
      name: symbol.name,
      optional: (symbol.flags & ts.SymbolFlags.Optional) !== 0,
      type: checker.getTypeOfSymbol(symbol),
    }));
}

/**
 * Whether an SDK type admits `null` (`string | null`).
 * @example sdkNullable(prop.type)
 * @param {import("typescript").Type} type
 */
export function sdkNullable(type) {
  const isNull = (/** @type {import("typescript").Type} */ t) => (t.flags & ts.TypeFlags.Null) !== 0;
  return isNull(type) || (type.isUnion() && type.types.some(isNull));
}

/**
 * An SDK type reduced to what is compared: any, string (with its literals when closed), number, boolean, array, record, object, union of objects.
 * @example sdkShape(prop.type).kind // "string"
 * @param {import("typescript").Type} raw
 * @returns {SdkShape}
 */
export function sdkShape(raw) {
  const type = checker.getNonNullableType(raw);
  const f = type.flags;
  if (f & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return { kind: "any" };
  if (type.isStringLiteral()) return { kind: "string", literals: [type.value] };
  if (f & ts.TypeFlags.String) return { kind: "string" };
  if (f & (ts.TypeFlags.Number | ts.TypeFlags.NumberLiteral)) return { kind: "number" };
  if (f & (ts.TypeFlags.Boolean | ts.TypeFlags.BooleanLiteral)) return { kind: "boolean" };
  if (type.isUnion()) {
    const members = type.types.map(sdkShape);
    if (members.every((m) => m.kind === "string")) {
      const closed = members.every((m) => m.literals);
      return closed ? { kind: "string", literals: members.flatMap((m) => m.literals ?? []) } : { kind: "string" };
    }
    if (members.every((m) => m.kind === "object")) return { kind: "union", members: type.types };
    return { kind: "other", text: checker.typeToString(type) };
  }
  if (checker.isArrayType(type)) {
    const [element] = checker.getTypeArguments(/** @type {import("typescript").TypeReference} */ (type));
    if (element) return { kind: "array", element };
  }
  if (f & ts.TypeFlags.Object) {
    const props = sdkProps(type);
    const index = checker.getIndexInfoOfType(type, ts.IndexKind.String);
    if (props.length === 0 && index) return { kind: "record", value: index.type };
    return { kind: "object", props };
  }
  return { kind: "other", text: checker.typeToString(type) };
}

/**
 * The `filter_name` literal of an operand object of a search query union, or undefined.
 * @example operandName(sdkProps(member)) // "email_address"
 * @param {SdkProp[]} props
 * @returns {string | undefined}
 */
export function operandName(props) {
  const p = props.find((q) => q.name === "filter_name");
  const shape = p && sdkShape(p.type);
  return shape?.kind === "string" && shape.literals?.length === 1 ? shape.literals[0] : undefined;
}

const MAX_DEPTH = 8;

/**
 * Every field of an SDK type, flattened: a map from a field path (`.user.emails[].email_id`, `.query.operands[]<status>.filter_value`,
 * `.trusted_metadata{}` for a record's values) to { kind, optional, nullable, literals? }. An object member of a
 * union is named by its `filter_name` literal, `(any filter_name)` for the SDK's catch-all operand.
 * @example sdkFields("UsersGetResponse").get(".emails[].email_id") // { kind: "string", optional: false, … }
 * @param {string} typeName
 * @returns {Map<string, SdkField>}
 */
export function sdkFields(typeName) {
  /** @type {Map<string, SdkField>} */
  const fields = new Map();
  /** @type {(props: SdkProp[], at: string, depth: number) => void} */
  const walk = (props, at, depth) => {
    for (const p of props) {
      const where = `${at}.${p.name}`;
      const shape = sdkShape(p.type);
      const nullable = sdkNullable(p.type);
      fields.set(where, {
        kind: shape.kind === "record" ? "object" : shape.kind === "union" ? "object" : shape.kind,
        optional: p.optional,
        nullable,
        literals: shape.literals,
      });
      if (depth >= MAX_DEPTH) continue;
      value(shape, where, depth + 1);
    }
  };
  /** @type {(shape: SdkShape, where: string, depth: number) => void} */
  const value = (shape, where, depth) => {
    if (shape.kind === "object") walk(shape.props, where, depth);
    else if (shape.kind === "array") {
      const element = sdkShape(shape.element);
      if (element.kind === "object") walk(element.props, `${where}[]`, depth);
      else if (element.kind === "union") value(element, `${where}[]`, depth);
    } else if (shape.kind === "union") {
      for (const member of shape.members) {
        const props = sdkProps(member);
        const at = `${where}<${operandName(props) ?? "(any filter_name)"}>`;
        fields.set(at, { kind: "object", optional: false, nullable: false });
        walk(props, at, depth);
      }
    }
  };
  walk(sdkProps(sdkType(typeName)), "", 0);
  return fields;
}

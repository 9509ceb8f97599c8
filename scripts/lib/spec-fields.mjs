// A schema of a bundled OpenAPI document (3.0 or 3.1) flattened into fields, so that two descriptions and the
// SDK's types (scripts/lib/sdk-types.mjs `sdkFields`) can be compared path by path: `.user.emails[].email_id`,
// `.query.operands[]<status>.filter_value`, `.trusted_metadata{}`. scripts/lib/operation-fields.mjs applies it to
// the request and the 200 answer of each operation.
import { deref } from "./spec.mjs";

/** @import { Spec } from "./spec.mjs" */

/**
 * A schema reduced to what is compared.
 * @typedef {object} SchemaShape
 * @property {Set<string>} kinds  "string", "number" (integer too), "boolean", "array", "object"
 * @property {boolean} nullable
 * @property {Map<string, Spec>} props  the property schemas, by name (allOf parts merged)
 * @property {Set<string>} required
 * @property {Spec | boolean} [additional]  `additionalProperties`
 * @property {Spec} [items]
 * @property {string[]} [literals]  the `enum` or `const` values, as strings
 * @property {Spec[]} alternatives  a oneOf/anyOf of more than one non-null schema
 */

/**
 * One flattened field of a description: its kind as the SDK names kinds, and what is compared of it.
 * @typedef {{ kind: string, required: boolean, nullable: boolean, literals?: string[], open?: boolean }} Field
 */

const MAX_DEPTH = 8;

/** @returns {SchemaShape} */
const emptyShape = () => ({
  kinds: new Set(),
  nullable: false,
  props: new Map(),
  required: new Set(),
  alternatives: [],
});

/**
 * A schema reduced to what is compared, with $ref, allOf and oneOf-with-null resolved (3.0 `nullable` and 3.1 type arrays alike).
 * @example schemaShape(doc, { type: ["string", "null"] }).nullable // true
 * @param {Spec} doc
 * @param {unknown} raw  the schema
 * @param {SchemaShape} [into]  the shape to merge into (allOf)
 * @returns {SchemaShape}
 */
export function schemaShape(doc, raw, into = emptyShape()) {
  /** @type {Spec} */
  const schema = deref(doc, /** @type {Spec | undefined} */ (raw)) ?? {};
  const types = schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
  for (const t of types) {
    if (t === "null") into.nullable = true;
    else into.kinds.add(t === "integer" ? "number" : t);
  }
  if (schema.nullable === true) into.nullable = true;
  if (schema.properties) {
    into.kinds.add("object");
    for (const [name, prop] of Object.entries(schema.properties)) into.props.set(name, prop);
  }
  for (const name of schema.required ?? []) into.required.add(name);
  if (schema.additionalProperties !== undefined) into.additional = schema.additionalProperties;
  if (schema.items) into.items = schema.items;
  if (schema.const !== undefined) into.literals = [String(schema.const)];
  if (Array.isArray(schema.enum)) into.literals = schema.enum.filter((v) => v !== null).map(String);
  for (const part of schema.allOf ?? []) schemaShape(doc, part, into);
  /** @type {Spec[]} */
  const choice = schema.oneOf ?? schema.anyOf ?? [];
  const isNull = (/** @type {Spec} */ c) => {
    const d = deref(doc, c);
    return d.type === "null" || (Array.isArray(d.type) && d.type.length === 1 && d.type[0] === "null");
  };
  // A deprecated alternative is a spelling accepted from another SDK (Python's `True`), not what clients send.
  let nonNull = choice.filter((c) => !isNull(c));
  if (nonNull.length < choice.length) into.nullable = true;
  const current = nonNull.filter((c) => deref(doc, c).deprecated !== true);
  if (current.length) nonNull = current;
  if (nonNull.length === 1) schemaShape(doc, nonNull[0], into);
  else if (nonNull.length > 1) into.alternatives.push(...nonNull);
  return into;
}

/**
 * The one kind of a shape, as the SDK names kinds: string, number, boolean, array, object, any, or a|b.
 * @param {SchemaShape} shape
 */
function kindOf(shape) {
  if (shape.alternatives.length) return "object";
  if (shape.kinds.size === 0) return "any";
  return [...shape.kinds].sort().join("|");
}

/**
 * Fields of an object shape: a map path → { kind, required, nullable, literals?, open? } where `open` marks an
 * object with no declared properties (any keys).
 * @example shapeFields(doc, schemaShape(doc, schema)).get(".user.emails[].email_id")?.kind // "string"
 * @param {Spec} doc
 * @param {SchemaShape} shape
 * @param {string} [at]  the path of `shape` itself
 * @param {Map<string, Field>} [fields]  the map to add to
 * @param {number} [depth]
 * @returns {Map<string, Field>}
 */
export function shapeFields(doc, shape, at = "", fields = new Map(), depth = 0) {
  for (const [name, raw] of shape.props) {
    const schema = deref(doc, raw) ?? {};
    if (schema["x-echoed-path-parameter"]) continue; // a path id repeated in the body: compared once, as the parameter
    const where = `${at}.${name}`;
    const s = schemaShape(doc, raw);
    fields.set(where, {
      kind: kindOf(s),
      required: shape.required.has(name),
      nullable: s.nullable,
      literals: s.literals,
      open: s.kinds.has("object") && s.props.size === 0 && !s.alternatives.length,
    });
    if (depth < MAX_DEPTH) valueFields(doc, s, where, fields, depth + 1);
  }
  return fields;
}

/**
 * The fields nested in a value of shape `s` (its properties, its items', its alternatives'), added to `fields`.
 * @param {Spec} doc
 * @param {SchemaShape} s
 * @param {string} where
 * @param {Map<string, Field>} fields
 * @param {number} depth
 */
function valueFields(doc, s, where, fields, depth) {
  if (s.props.size) shapeFields(doc, s, where, fields, depth);
  if (s.items) {
    const items = schemaShape(doc, s.items);
    valueFields(doc, items, `${where}[]`, fields, depth);
  }
  for (const alternative of s.alternatives) {
    const a = schemaShape(doc, alternative);
    const name = a.props.get("filter_name") && schemaShape(doc, a.props.get("filter_name")).literals;
    const at = `${where}<${name?.length === 1 ? name[0] : "?"}>`;
    fields.set(at, { kind: "object", required: true, nullable: false });
    shapeFields(doc, a, at, fields, depth);
  }
}

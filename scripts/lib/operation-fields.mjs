// An operation of a bundled OpenAPI document (3.0 or 3.1) flattened into fields (scripts/lib/spec-fields.mjs), as
// the SDK sees it: the request is the JSON body plus the path and query parameters as one object; the response is the
// 200 answer. Operations of two descriptions are matched on their route whatever their parameter names.
import { schemaShape, shapeFields } from "./spec-fields.mjs";
import { deref } from "./spec.mjs";

/** @import { Field } from "./spec-fields.mjs" */
/** @import { Spec } from "./spec.mjs" */

/**
 * An operation of a document found by its route: method, path template, the operation and its path item.
 * @typedef {{ method: string, path: string, op: Spec, item: Spec }} RouteEntry
 */

/**
 * A route's key, on which operations are matched whatever their parameter names.
 * @example routeKey("get", "/v1/things/{thing_id}") // "GET /v1/things/{}"
 * @param {string} method
 * @param {string} path
 */
export const routeKey = (method, path) => `${method.toUpperCase()} ${path.replace(/\{[^}]+\}/g, "{}")}`;

/**
 * Path parameter names of `from` by position mapped to those of `to`.
 * @example pathNames("/v1/things/{id}", "/v1/things/{thing_id}") // { id: "thing_id" }
 * @param {string} from
 * @param {string} to
 * @returns {Record<string, string>}
 */
export function pathNames(from, to) {
  const a = [...from.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
  const b = [...to.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
  return Object.fromEntries(a.map((name, i) => [name, b[i] ?? name]));
}

/**
 * Every operation of a document by route key: { method, path, op, item }.
 * @example operationsByRoute(doc).get("GET /v1/things/{}")?.op.operationId
 * @param {Spec} doc
 * @returns {Map<string, RouteEntry>}
 */
export function operationsByRoute(doc) {
  /** @type {Map<string, RouteEntry>} */
  const out = new Map();
  for (const [path, /** @type {Spec} */ item] of Object.entries(doc.paths ?? {})) {
    for (const method of ["get", "put", "post", "delete", "patch"]) {
      if (item[method]) out.set(routeKey(method, path), { method, path, op: item[method], item });
    }
  }
  return out;
}

/**
 * The request of an operation as the SDK sees it: JSON body properties plus path and query parameters. `names`
 * renames path parameters (another description's `{id}` is our `{thing_id}`).
 * @example requestFields(theirs, entry, pathNames(entry.path, ours.path)).has(".thing_id")
 * @param {Spec} doc
 * @param {Pick<RouteEntry, "op" | "item">} entry
 * @param {Record<string, string>} [names]
 * @returns {Map<string, Field>}
 */
export function requestFields(doc, { op, item }, names = {}) {
  const shape = schemaShape(doc, { type: "object" }); // no property yet: the body's and the parameters' go in below
  const body = deref(doc, op.requestBody);
  const schema = body?.content?.["application/json"]?.schema;
  if (schema) {
    const b = schemaShape(doc, schema);
    for (const [name, prop] of b.props) shape.props.set(name, prop);
    // A property `required` in an optional body is not required of the call: the body may be left out.
    if (body.required === true) for (const name of b.required) shape.required.add(name);
  }
  const params = [...(item.parameters ?? []), ...(op.parameters ?? [])].map((/** @type {Spec} */ p) => deref(doc, p));
  for (const p of params) {
    if (p.in !== "path" && p.in !== "query") continue; // headers (member sessions) go in the SDK's options argument
    const name = p.in === "path" ? (names[p.name] ?? p.name) : p.name;
    shape.props.set(name, p.schema ?? {});
    if (p.required === true || p.in === "path") shape.required.add(name);
  }
  return shapeFields(doc, shape);
}

/**
 * The 200 answer's fields.
 * @example responseFields(doc, entry).get(".user.name")?.required
 * @param {Spec} doc
 * @param {Pick<RouteEntry, "op">} entry
 * @returns {Map<string, Field>}
 */
export function responseFields(doc, { op }) {
  const ok = deref(doc, op.responses?.["200"]);
  const schema = ok?.content?.["application/json"]?.schema;
  return schema ? shapeFields(doc, schemaShape(doc, schema)) : new Map();
}

/**
 * Whether the operation declares a JSON request body.
 * @example declaresBody(doc, entry) // false for Stytch's DELETEs
 * @param {Spec} doc
 * @param {Pick<RouteEntry, "op">} entry
 */
export const declaresBody = (doc, { op }) => Boolean(deref(doc, op.requestBody)?.content?.["application/json"]);

/**
 * Each non-2xx status the operation declares: whether its JSON body has a schema (and its top-level fields) or only an example.
 * @example errorResponses(doc, entry).get("429")?.schema
 * @param {Spec} doc
 * @param {Pick<RouteEntry, "op">} entry
 * @returns {Map<string, { schema: boolean, fields: string[], example: boolean }>}
 */
export function errorResponses(doc, { op }) {
  const out = new Map();
  for (const [status, /** @type {Spec} */ raw] of Object.entries(op.responses ?? {})) {
    if (/^2/.test(status)) continue;
    const r = deref(doc, raw);
    const media = r?.content?.["application/json"];
    const fields = media?.schema ? [...schemaShape(doc, media.schema).props.keys()] : [];
    out.set(status, {
      schema: Boolean(media?.schema),
      fields,
      example: Boolean(media?.example !== undefined || media?.examples),
    });
  }
  return out;
}

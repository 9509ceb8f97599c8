// What a spec edit does to client users: the differences between two bundled OpenAPI documents, per operation,
// each classified breaking or not (scripts/lib/spec-diff-report.mjs prints them). The diff itself is
// api-smart-diff's (it resolves $refs, matches paths whose parameter names changed, parameters by name and media
// types); the verdict is ours (scripts/lib/spec-diff-rules.mjs) wherever api-smart-diff's is wrong for someone
// calling the API through generated types (its 1.0.6 rules are written for OpenAPI 3.0):
//   - a `type` change is judged as a set: `[string, "null"]` → `string` narrows, which breaks a request (a value
//     the client sent is refused) and not a response; widening breaks a response (api-smart-diff calls every
//     response type change non-breaking and every request `type` array change breaking);
//   - a property removed from a request body breaks clients that send it (our bodies are closed,
//     `additionalProperties: false`; api-smart-diff calls it non-breaking);
//   - `const`, `enum` values, `oneOf` alternatives and 3.0 `nullable` follow the same request/response rule.
// Everything else keeps api-smart-diff's verdict. Descriptions, examples and summaries are "documentation".
import { apiCompare } from "api-smart-diff";
import { judge } from "./spec-diff-rules.mjs";

/** @import { Spec } from "./spec.mjs" */
/** @import { Diff, Location, Verdict } from "./spec-diff-rules.mjs" */

/**
 * One change for client users, per operation.
 * @typedef {object} SpecChange
 * @property {string} operation  `METHOD /path`
 * @property {string} where  `operation`, `request body`, `query parameter \`name\``, `response 200`, …
 * @property {string} field  `.user.emails[].email_id`, empty for the operation or the body itself
 * @property {"operation" | "field" | "required" | "type" | "nullability" | "enum" | "const" | "alternative" | "deprecation" | "documentation" | "other"} kind
 * @property {boolean} breaking
 * @property {string} what
 * @property {string} library  api-smart-diff's own verdict
 */

const DOC_KEYS = new Set([
  "description",
  "summary",
  "examples",
  "example",
  "title",
  "externalDocs",
  "x-codeSamples",
  "tags",
]);

/**
 * The part of a diff path below `paths/<path>/<method>`: where in the operation, and the schema path if any.
 * @param {(string | number)[]} path
 * @returns {Location}
 */
function locate(path) {
  const [, route, method, section, ...rest] = path;
  const operation = `${String(method).toUpperCase()} ${route}`;
  if (section === undefined) return { operation, where: "operation", schema: undefined };
  if (section === "requestBody") {
    const i = rest.indexOf("schema");
    return { operation, where: "request", label: "request body", schema: i >= 0 ? rest.slice(i + 1) : undefined, rest };
  }
  if (section === "parameters") {
    const [index, ...sub] = rest;
    return {
      operation,
      where: "request",
      parameter: Number(index),
      schema: sub[0] === "schema" ? sub.slice(1) : undefined,
      rest: sub,
    };
  }
  if (section === "responses") {
    const [status, ...sub] = rest;
    const i = sub.indexOf("schema");
    return {
      operation,
      where: "response",
      label: `response ${status}`,
      status: String(status),
      schema: i >= 0 ? sub.slice(i + 1) : undefined,
      rest: sub,
    };
  }
  return { operation, where: "operation", schema: undefined, rest: [section, ...rest] };
}

/**
 * The field a schema path leads to.
 * @example fieldName(["properties", "user", "allOf", 0, "properties", "emails", "items"]) // ".user.emails[]"
 * @param {(string | number)[]} schemaPath
 * @returns {string}
 */
export function fieldName(schemaPath) {
  let out = "";
  for (let i = 0; i < schemaPath.length; i++) {
    const key = schemaPath[i];
    if (key === "properties" && i + 1 < schemaPath.length) out += `.${schemaPath[++i]}`;
    else if (key === "items") out += "[]";
    else if (key === "additionalProperties") out += "{}";
    else if ((key === "oneOf" || key === "anyOf") && i + 1 < schemaPath.length) out += `<${schemaPath[++i]}>`;
    else if (key === "allOf" && i + 1 < schemaPath.length) i++;
  }
  return out;
}

/**
 * The changes from `before` to `after` (parsed bundled OpenAPI documents), one entry per change per operation:
 * { operation: "METHOD /path", where, field, kind, breaking, what, library } where `library` is api-smart-diff's
 * own type ("breaking", "non-breaking", "annotation", "deprecated", "unclassified"). Documentation-only changes
 * have kind "documentation" and are never breaking.
 * @example const breaking = specChanges(await loadSpec(base), await loadSpec(head)).filter((c) => c.breaking);
 * @param {Spec} before  a parsed bundled document
 * @param {Spec} after
 * @returns {SpecChange[]}
 */
export function specChanges(before, after) {
  const { diffs } = /** @type {{ diffs: Diff[] }} */ (apiCompare(before, after));
  /** @type {SpecChange[]} */
  const changes = [];
  for (const diff of diffs) {
    // Components are reached through the operations that use them; a diff under components/ repeats one there.
    if (diff.path[0] !== "paths") continue;
    const loc = locate(diff.path);
    const key = diff.path[diff.path.length - 1];
    const own = judge(diff, loc);
    /** @type {Verdict} */
    let change;
    if (own) change = own;
    else if (
      diff.type === "annotation" ||
      DOC_KEYS.has(String(key)) ||
      DOC_KEYS.has(String(diff.path[diff.path.length - 2]))
    ) {
      change = { kind: "documentation", breaking: false, what: `${String(key)} ${diff.action}d` };
    } else if (diff.path.length === 3) {
      change = {
        kind: "operation",
        breaking: diff.action === "remove",
        what: `operation ${diff.action === "add" ? "added" : "removed"}`,
      };
    } else if (diff.type === "deprecated") {
      change = {
        kind: "deprecation",
        breaking: false,
        what: diff.action === "remove" ? "no longer deprecated" : "deprecated",
      };
    } else {
      const what =
        (diff.description ?? "").replace(/^\[(\w+)\]\s*/, (_, verb) => `${verb.toLowerCase()} `).trim() ||
        `${diff.action} ${diff.path.slice(3).join("/")}`;
      change = { kind: "other", breaking: diff.type === "breaking", what };
    }
    changes.push({
      operation: loc.operation,
      where: describeWhere(loc, before, after, diff),
      field: change.field
        ? `${fieldName(loc.schema ?? []).replace(/\.?$/, "")}${change.field}`
        : fieldName(loc.schema ?? []),
      kind: change.kind,
      breaking: change.breaking,
      what: change.what,
      library: diff.type,
    });
  }
  return dedupe(changes);
}

/**
 * "request body", "query parameter `member_id`", "response 200", "operation".
 * @param {Location} loc
 * @param {Spec} before
 * @param {Spec} after
 * @param {Diff} diff
 */
function describeWhere(loc, before, after, diff) {
  if (loc.parameter === undefined) return loc.label ?? loc.where;
  const [, route, method] = diff.path;
  const param = (/** @type {Spec} */ doc) => {
    const item = doc.paths?.[/** @type {string} */ (route)] ?? {};
    const op = item[/** @type {string} */ (method)];
    // api-smart-diff appends the path-level parameters after the operation's own, in this order.
    const list = [...(op?.parameters ?? []), ...(item.parameters ?? [])];
    return resolve(doc, list[/** @type {number} */ (loc.parameter)]);
  };
  const p = (diff.action === "add" ? param(after) : param(before)) ?? param(after) ?? param(before);
  return p ? `${p.in} parameter \`${p.name}\`` : `parameter ${loc.parameter}`;
}

/**
 * Follows `$ref`s in `doc` from `node`.
 * @param {Spec} doc
 * @param {Spec | undefined} node
 * @returns {Spec | undefined}
 */
function resolve(doc, node) {
  let current = node;
  for (let hops = 0; current?.$ref && hops < 20; hops++) {
    current = current.$ref
      .slice(2)
      .split("/")
      .reduce((/** @type {any} */ o, /** @type {string} */ k) => o?.[k.replace(/~1/g, "/").replace(/~0/g, "~")], doc);
  }
  return current;
}

/**
 * One entry per operation, place, field and change (a property reached twice through allOf is reported once).
 * @param {SpecChange[]} changes
 */
function dedupe(changes) {
  const seen = new Set();
  return changes.filter((c) => {
    const key = [c.operation, c.where, c.field, c.kind, c.what].join("\u0000");
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// The verdicts `npm run spec:changes` gives where api-smart-diff's are wrong for someone calling the API through
// generated types (its 1.0.6 rules are written for OpenAPI 3.0); scripts/lib/spec-diff.mjs applies them to each
// diff and keeps the library's verdict elsewhere. In a request, narrowing breaks (a value the client sends is
// refused); in a response, widening breaks (a value the client's code does not expect arrives).

/** @import { SpecChange } from "./spec-diff.mjs" */

/**
 * One of api-smart-diff's diffs: where (a path in the document), what happened, and its own classification.
 * @typedef {{ path: (string | number)[], action: string, before?: any, after?: any, type: string, description?: string }} Diff
 */

/**
 * Where a diff is in an operation: its `METHOD /path`, the request or the response, and the schema path under it.
 * @typedef {object} Location
 * @property {string} operation
 * @property {"operation" | "request" | "response"} where
 * @property {string} [label]  "request body", "response 200"
 * @property {number} [parameter]  the index of the parameter changed
 * @property {string} [status]
 * @property {(string | number)[] | undefined} schema
 * @property {(string | number)[]} [rest]
 */

/**
 * Our verdict on one diff (`field`: the name a `required` change is about, appended to the field's path).
 * @typedef {{ kind: SpecChange["kind"], breaking: boolean, what: string, field?: string }} Verdict
 */

const asTypes = (/** @type {unknown} */ v) =>
  (Array.isArray(v) ? v : v === undefined ? [] : [v]).map((t) => (t === "integer" ? "integer" : t));
const show = (/** @type {unknown} */ v) => (v === undefined ? "(none)" : JSON.stringify(v));

/**
 * Our verdict for one api-smart-diff diff: { kind, breaking, what } or undefined to keep the library's. `narrows`
 * is true when the change takes away something a value could be (a type, an enum value, null, an alternative).
 * @example judge(diff, { operation: "PUT /v1/users/{user_id}", where: "request", schema: ["properties", "name", "type"] })
 * @param {Diff} diff
 * @param {Location} loc
 * @returns {Verdict | undefined}
 */
export function judge(diff, loc) {
  const s = loc.schema ?? [];
  const last = s[s.length - 1];
  const parent = s[s.length - 2];
  const request = loc.where === "request";
  // In a request, narrowing breaks (a value the client sends is refused); in a response, widening breaks (a value
  // the client's code does not expect arrives).
  const verdict = (/** @type {boolean} */ narrows) => (request ? narrows : !narrows);
  if (last === "type" && diff.action === "replace") {
    const before = asTypes(diff.before);
    const after = asTypes(diff.after);
    const narrows = before.some((t) => !after.includes(t));
    const widens = after.some((t) => !before.includes(t));
    const onlyNull = [...before.filter((t) => !after.includes(t)), ...after.filter((t) => !before.includes(t))].every(
      (t) => t === "null",
    );
    return {
      kind: onlyNull ? "nullability" : "type",
      breaking: (narrows && verdict(true)) || (widens && verdict(false)),
      what: onlyNull
        ? narrows
          ? "no longer nullable"
          : "now nullable"
        : `type ${show(diff.before)} → ${show(diff.after)}`,
    };
  }
  if (parent === "type" && typeof last === "number") {
    const value = diff.action === "add" ? diff.after : diff.before;
    const narrows = diff.action === "remove";
    return {
      kind: value === "null" ? "nullability" : "type",
      breaking: verdict(narrows),
      what:
        value === "null"
          ? narrows
            ? "no longer nullable"
            : "now nullable"
          : `type ${show(value)} ${narrows ? "removed" : "added"}`,
    };
  }
  if (last === "nullable") {
    const nullable = diff.action === "remove" ? false : diff.after === true;
    return {
      kind: "nullability",
      breaking: verdict(!nullable),
      what: nullable ? "now nullable" : "no longer nullable",
    };
  }
  if (parent === "enum" && (diff.action === "add" || diff.action === "remove")) {
    const narrows = diff.action === "remove";
    return {
      kind: "enum",
      breaking: verdict(narrows),
      what: `enum value ${show(narrows ? diff.before : diff.after)} ${narrows ? "removed" : "added"}`,
    };
  }
  if (last === "enum") {
    // A whole enum added restricts the values; removed, it frees them.
    const narrows = diff.action === "add";
    if (diff.action !== "replace")
      return {
        kind: "enum",
        breaking: verdict(narrows),
        what: narrows ? `now restricted to ${show(diff.after)}` : "enum removed (any value)",
      };
  }
  if (last === "const") {
    if (diff.action === "replace")
      return { kind: "const", breaking: true, what: `const ${show(diff.before)} → ${show(diff.after)}` };
    const narrows = diff.action === "add";
    return {
      kind: "const",
      breaking: verdict(narrows),
      what: narrows ? `now always ${show(diff.after)}` : "const removed",
    };
  }
  if ((parent === "oneOf" || parent === "anyOf") && (diff.action === "add" || diff.action === "remove")) {
    const narrows = diff.action === "remove";
    return {
      kind: "alternative",
      breaking: verdict(narrows),
      what: `${parent} alternative ${narrows ? "removed" : "added"}`,
    };
  }
  if (parent === "properties" && (diff.action === "add" || diff.action === "remove")) {
    // Added: never breaking by itself (a newly required one also gets its own `required` diff).
    return {
      kind: "field",
      breaking: diff.action === "remove",
      what: `field ${diff.action === "add" ? "added" : "removed"}`,
    };
  }
  if (parent === "required" && (diff.action === "add" || diff.action === "remove")) {
    const name = diff.action === "add" ? diff.after : diff.before;
    const added = diff.action === "add";
    // Request: a newly required field breaks callers that leave it out. Response: a field no longer always sent
    // breaks code that reads it without a check.
    return {
      kind: "required",
      breaking: request ? added : !added,
      what: `\`${name}\` ${added ? "now required" : "no longer required"}`,
      field: `.${name}`,
    };
  }
  return undefined;
}

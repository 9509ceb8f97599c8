// What a spec edit does to client users: the differences between two bundled OpenAPI documents, per operation,
// each classified breaking or not. The diff itself is api-smart-diff's (it resolves $refs, matches paths whose
// parameter names changed, parameters by name and media types); the verdict is ours wherever api-smart-diff's
// is wrong for someone calling the API through generated types (its 1.0.6 rules are written for OpenAPI 3.0):
//   - a `type` change is judged as a set: `[string, "null"]` → `string` narrows, which breaks a request (a value
//     the client sent is refused) and not a response; widening breaks a response (api-smart-diff calls every
//     response type change non-breaking and every request `type` array change breaking);
//   - a property removed from a request body breaks clients that send it (our bodies are closed,
//     `additionalProperties: false`; api-smart-diff calls it non-breaking);
//   - `const`, `enum` values, `oneOf` alternatives and 3.0 `nullable` follow the same request/response rule.
// Everything else keeps api-smart-diff's verdict. Descriptions, examples and summaries are "documentation".
import { apiCompare } from "api-smart-diff";

const DOC_KEYS = new Set(["description", "summary", "examples", "example", "title", "externalDocs", "x-codeSamples", "tags"]);

/** The part of a diff path below `paths/<path>/<method>`: where in the operation, and the schema path if any. */
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
    return { operation, where: "request", parameter: Number(index), schema: sub[0] === "schema" ? sub.slice(1) : undefined, rest: sub };
  }
  if (section === "responses") {
    const [status, ...sub] = rest;
    const i = sub.indexOf("schema");
    return { operation, where: "response", label: `response ${status}`, status, schema: i >= 0 ? sub.slice(i + 1) : undefined, rest: sub };
  }
  return { operation, where: "operation", schema: undefined, rest: [section, ...rest] };
}

/** `properties/user/allOf/0/properties/emails/items` → `.user.emails[]`. */
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

const asTypes = (v) => (Array.isArray(v) ? v : v === undefined ? [] : [v]).map((t) => (t === "integer" ? "integer" : t));
const show = (v) => (v === undefined ? "(none)" : JSON.stringify(v));

/**
 * Our verdict for one api-smart-diff diff: { kind, breaking, what } or undefined to keep the library's. `narrows`
 * is true when the change takes away something a value could be (a type, an enum value, null, an alternative).
 */
function judge(diff, loc) {
  const s = loc.schema ?? [];
  const last = s[s.length - 1];
  const parent = s[s.length - 2];
  const request = loc.where === "request";
  // In a request, narrowing breaks (a value the client sends is refused); in a response, widening breaks (a value
  // the client's code does not expect arrives).
  const verdict = (narrows) => (request ? narrows : !narrows);
  if (last === "type" && diff.action === "replace") {
    const before = asTypes(diff.before);
    const after = asTypes(diff.after);
    const narrows = before.some((t) => !after.includes(t));
    const widens = after.some((t) => !before.includes(t));
    const onlyNull = [...before.filter((t) => !after.includes(t)), ...after.filter((t) => !before.includes(t))].every((t) => t === "null");
    return {
      kind: onlyNull ? "nullability" : "type",
      breaking: (narrows && verdict(true)) || (widens && verdict(false)),
      what: onlyNull ? (narrows ? "no longer nullable" : "now nullable") : `type ${show(diff.before)} → ${show(diff.after)}`,
    };
  }
  if (parent === "type" && typeof last === "number") {
    const value = diff.action === "add" ? diff.after : diff.before;
    const narrows = diff.action === "remove";
    return {
      kind: value === "null" ? "nullability" : "type",
      breaking: verdict(narrows),
      what: value === "null" ? (narrows ? "no longer nullable" : "now nullable") : `type ${show(value)} ${narrows ? "removed" : "added"}`,
    };
  }
  if (last === "nullable") {
    const nullable = diff.action === "remove" ? false : diff.after === true;
    return { kind: "nullability", breaking: verdict(!nullable), what: nullable ? "now nullable" : "no longer nullable" };
  }
  if (parent === "enum" && (diff.action === "add" || diff.action === "remove")) {
    const narrows = diff.action === "remove";
    return { kind: "enum", breaking: verdict(narrows), what: `enum value ${show(narrows ? diff.before : diff.after)} ${narrows ? "removed" : "added"}` };
  }
  if (last === "enum") {
    // A whole enum added restricts the values; removed, it frees them.
    const narrows = diff.action === "add";
    if (diff.action !== "replace") return { kind: "enum", breaking: verdict(narrows), what: narrows ? `now restricted to ${show(diff.after)}` : "enum removed (any value)" };
  }
  if (last === "const") {
    if (diff.action === "replace") return { kind: "const", breaking: true, what: `const ${show(diff.before)} → ${show(diff.after)}` };
    const narrows = diff.action === "add";
    return { kind: "const", breaking: verdict(narrows), what: narrows ? `now always ${show(diff.after)}` : "const removed" };
  }
  if ((parent === "oneOf" || parent === "anyOf") && (diff.action === "add" || diff.action === "remove")) {
    const narrows = diff.action === "remove";
    return { kind: "alternative", breaking: verdict(narrows), what: `${parent} alternative ${narrows ? "removed" : "added"}` };
  }
  if (parent === "properties" && (diff.action === "add" || diff.action === "remove")) {
    // Added: never breaking by itself (a newly required one also gets its own `required` diff).
    return { kind: "field", breaking: diff.action === "remove", what: `field ${diff.action === "add" ? "added" : "removed"}` };
  }
  if (parent === "required" && (diff.action === "add" || diff.action === "remove")) {
    const name = diff.action === "add" ? diff.after : diff.before;
    const added = diff.action === "add";
    // Request: a newly required field breaks callers that leave it out. Response: a field no longer always sent
    // breaks code that reads it without a check.
    return { kind: "required", breaking: request ? added : !added, what: `\`${name}\` ${added ? "now required" : "no longer required"}`, field: `.${name}` };
  }
  return undefined;
}

/**
 * The changes from `before` to `after` (parsed bundled OpenAPI documents), one entry per change per operation:
 * { operation: "METHOD /path", where, field, kind, breaking, what, library } where `library` is api-smart-diff's
 * own type ("breaking", "non-breaking", "annotation", "deprecated", "unclassified"). Documentation-only changes
 * have kind "documentation" and are never breaking.
 */
export function specChanges(before, after) {
  const { diffs } = apiCompare(before, after);
  const changes = [];
  for (const diff of diffs) {
    // Components are reached through the operations that use them; a diff under components/ repeats one there.
    if (diff.path[0] !== "paths") continue;
    const loc = locate(diff.path);
    const key = diff.path[diff.path.length - 1];
    const own = judge(diff, loc);
    let change;
    if (own) change = own;
    else if (diff.type === "annotation" || DOC_KEYS.has(String(key)) || DOC_KEYS.has(String(diff.path[diff.path.length - 2]))) {
      change = { kind: "documentation", breaking: false, what: `${String(key)} ${diff.action}d` };
    } else if (diff.path.length === 3) {
      change = { kind: "operation", breaking: diff.action === "remove", what: `operation ${diff.action === "add" ? "added" : "removed"}` };
    } else if (diff.type === "deprecated") {
      change = { kind: "deprecation", breaking: false, what: diff.action === "remove" ? "no longer deprecated" : "deprecated" };
    } else {
      const what = (diff.description ?? "").replace(/^\[(\w+)\]\s*/, (_, verb) => `${verb.toLowerCase()} `).trim() || `${diff.action} ${diff.path.slice(3).join("/")}`;
      change = { kind: "other", breaking: diff.type === "breaking", what };
    }
    changes.push({
      operation: loc.operation,
      where: describeWhere(loc, before, after, diff),
      field: change.field ? `${fieldName(loc.schema ?? []).replace(/\.?$/, "")}${change.field}` : fieldName(loc.schema ?? []),
      kind: change.kind,
      breaking: change.breaking,
      what: change.what,
      library: diff.type,
    });
  }
  return dedupe(changes);
}

/** "request body", "query parameter `member_id`", "response 200", "operation". */
function describeWhere(loc, before, after, diff) {
  if (loc.parameter === undefined) return loc.label ?? loc.where;
  const [, route, method] = diff.path;
  const param = (doc) => {
    const item = doc.paths?.[route] ?? {};
    // api-smart-diff appends the path-level parameters after the operation's own, in this order.
    const list = [...(item[method]?.parameters ?? []), ...(item.parameters ?? [])];
    return resolve(doc, list[loc.parameter]);
  };
  const p = (diff.action === "add" ? param(after) : param(before)) ?? param(after) ?? param(before);
  return p ? `${p.in} parameter \`${p.name}\`` : `parameter ${loc.parameter}`;
}

function resolve(doc, node) {
  let current = node;
  for (let hops = 0; current?.$ref && hops < 20; hops++) {
    current = current.$ref.slice(2).split("/").reduce((o, k) => o?.[k.replace(/~1/g, "/").replace(/~0/g, "~")], doc);
  }
  return current;
}

/** One entry per operation, place, field and change (a property reached twice through allOf is reported once). */
function dedupe(changes) {
  const seen = new Set();
  return changes.filter((c) => {
    const key = [c.operation, c.where, c.field, c.kind, c.what].join("\u0000");
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Plain-text report: breaking changes first, then the others, per operation; documentation changes counted. */
export function formatChanges(changes, { all = false } = {}) {
  const lines = [];
  const shown = changes.filter((c) => all || c.kind !== "documentation");
  for (const [title, list] of [
    ["Breaking for client users", shown.filter((c) => c.breaking)],
    ["Not breaking", shown.filter((c) => !c.breaking)],
  ]) {
    if (list.length === 0) continue;
    lines.push(`${title} (${list.length}):`);
    const byOp = new Map();
    for (const c of list) byOp.set(c.operation, [...(byOp.get(c.operation) ?? []), c]);
    for (const [operation, items] of byOp) {
      lines.push(`  ${operation}`);
      for (const c of items) lines.push(`    ${[c.where, c.field].filter(Boolean).join(" ")}: ${c.what}`.replace(/^ {4}operation: /, "    "));
    }
  }
  const docs = changes.filter((c) => c.kind === "documentation").length;
  if (docs && !all) lines.push(`${docs} documentation change(s) (descriptions, examples, summaries) not listed; --all lists them.`);
  if (lines.length === 0) lines.push("No change for client users.");
  return lines.join("\n");
}

/** A CHANGELOG draft: one bullet per change, breaking ones first, documentation left out. */
export function changelogDraft(changes) {
  const bullet = (c) => `- ${c.breaking ? "**Breaking:** " : ""}\`${c.operation}\` ${[c.where === "operation" ? "" : c.where, c.field].filter(Boolean).join(" ")}: ${c.what}.`.replace(/\s+:/, ":");
  const list = changes.filter((c) => c.kind !== "documentation");
  return [...list.filter((c) => c.breaking), ...list.filter((c) => !c.breaking)].map(bullet).join("\n");
}

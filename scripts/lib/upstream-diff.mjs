// Our description vs Stytch's own, field by field per operation, with the side the official Node SDK agrees with
// on each difference: the comparison behind `npm run spec:upstream` (which renders it as openapi/UPSTREAM.md).
import {
  declaresBody,
  errorResponses,
  operationsByRoute,
  pathNames,
  requestFields,
  responseFields,
} from "./operation-fields.mjs";

/** @import { SdkField } from "./sdk-types.mjs" */
/** @import { Field } from "./spec-fields.mjs" */
/** @import { Spec } from "./spec.mjs" */

/**
 * Which side the SDK agrees with on a difference; "silent" when it does not say.
 * @typedef {"ours" | "Stytch's" | "both" | "neither" | "silent"} Side
 */

/**
 * One difference between the two descriptions on one operation, with the SDK's verdict.
 * @typedef {object} UpstreamRow
 * @property {string} at  "request .name", "response .user.emails[].email_id", "request body", "response 429"
 * @property {"presence" | "type" | "required" | "nullable" | "enum" | "request body" | "error response"} kind
 * @property {string} ours  what our description says
 * @property {string} theirs  what Stytch's says
 * @property {string} sdk  what the SDK says
 * @property {Side} side
 */

/**
 * What the comparison knows of the official Node SDK (scripts/lib/sdk-types.mjs reads it from `stytch`).
 * @typedef {object} UpstreamSdk
 * @property {Record<string, [request: string, response: string]>} types  operationId → the SDK's type names
 * @property {(typeName: string) => Map<string, SdkField>} fields  a type's flattened fields
 * @property {Map<string, boolean>} sendsBody  route key → whether the SDK sends a JSON body
 * @property {string[]} errorFields  the fields the SDK reads from an error body
 */

/**
 * The comparison: each of our operations with Stytch's operationId (if Stytch describes it) and the differences.
 * @typedef {{ operations: { id: string, key: string, path: string, upstreamId?: string, rows: UpstreamRow[] }[], upstreamCount: number }} UpstreamComparison
 */

/** @param {string} parent @param {string} path */
const under = (parent, path) =>
  path.startsWith(`${parent}.`) ||
  path.startsWith(`${parent}[`) ||
  path.startsWith(`${parent}<`) ||
  path.startsWith(`${parent}{`);
const parentOf = (/** @type {string} */ path) => path.replace(/(\.[^.[<{]+|\[\]|<[^>]*>|\{\})$/, "");
const fmt = (/** @type {string[] | undefined} */ v) =>
  v === undefined ? "—" : Array.isArray(v) ? v.join(" \\| ") : String(v);

/**
 * The SDK's verdict on one field difference: "ours", "Stytch's", "both", "neither" or "silent", and what it says.
 * @example verdict("type", ".size", ours.get(".size"), theirs.get(".size"), sdkFields("Thing")) // { side: "Stytch's", says: "string" }
 * @param {"presence" | "type" | "required" | "nullable" | "enum"} kind
 * @param {string} path
 * @param {Field | undefined} ours  undefined only for "presence", when the field is Stytch's only
 * @param {Field | undefined} theirs  undefined only for "presence", when the field is ours only
 * @param {Map<string, SdkField>} sdk
 * @returns {{ side: Side, says: string }}
 */
export function verdict(kind, path, ours, theirs, sdk) {
  const s = sdk.get(path);
  /** @type {(matchesOurs: boolean, matchesTheirs: boolean) => Side} */
  const side = (matchesOurs, matchesTheirs) =>
    matchesOurs && !matchesTheirs
      ? "ours"
      : matchesTheirs && !matchesOurs
        ? "Stytch's"
        : matchesOurs
          ? "both"
          : "neither";
  if (kind === "presence") {
    if (s) return { side: ours ? "ours" : "Stytch's", says: `has it (${s.kind}${s.optional ? ", optional" : ""})` };
    const parent = parentOf(path);
    const known = parent === "" || [...sdk.keys()].some((k) => under(parent, k));
    return known
      ? { side: ours ? "Stytch's" : "ours", says: "does not have it" }
      : { side: "silent", says: "does not describe the enclosing object" };
  }
  if (!ours || !theirs) throw new Error(`${kind} difference at ${path} with the field on one side only`);
  switch (kind) {
    case "type":
      if (!s || s.kind === "any" || s.kind === "other") return { side: "silent", says: s ? "any" : "no such field" };
      return { side: side(ours.kind === s.kind, theirs.kind === s.kind), says: s.kind };
    case "required":
      if (!s) return { side: "silent", says: "no such field" };
      return {
        side: side(ours.required === !s.optional, theirs.required === !s.optional),
        says: s.optional ? "optional" : "non-optional",
      };
    case "nullable":
      if (!s) return { side: "silent", says: "no such field" };
      if (s.nullable) return { side: side(ours.nullable, theirs.nullable), says: "`| null`" };
      if (!s.optional) return { side: side(!ours.nullable, !theirs.nullable), says: "non-optional, not `| null`" };
      return { side: "silent", says: "optional (silent on null)" };
    case "enum": {
      if (!s?.literals) return { side: "silent", says: s ? `open ${s.kind}` : "no such field" };
      const literals = s.literals;
      const same = (/** @type {string[] | undefined} */ list) =>
        JSON.stringify([...(list ?? [])].sort()) === JSON.stringify([...literals].sort());
      return { side: side(same(ours.literals), same(theirs.literals)), says: s.literals.join(" \\| ") };
    }
    default:
      throw new Error(kind);
  }
}

/**
 * Field differences of one side of an operation (request or response).
 * @example fieldDiffs("response", responseFields(ours, o), responseFields(theirs, t), sdkFields("UsersGetResponse"))
 * @param {string} label  "request" or "response", the start of each row's `at`
 * @param {Map<string, Field>} ours
 * @param {Map<string, Field>} theirs
 * @param {Map<string, SdkField>} sdk
 * @returns {UpstreamRow[]}
 */
export function fieldDiffs(label, ours, theirs, sdk) {
  /** @type {UpstreamRow[]} */
  const rows = [];
  /** @type {string[]} */
  const covered = [];
  const isCovered = (/** @type {string} */ path) => covered.some((p) => under(p, path));
  for (const path of [...new Set([...ours.keys(), ...theirs.keys()])].sort()) {
    if (isCovered(path)) continue;
    const o = ours.get(path);
    const t = theirs.get(path);
    /** @type {(kind: "presence" | "type" | "required" | "nullable" | "enum", oursValue: string, theirsValue: string) => void} */
    const add = (kind, oursValue, theirsValue) => {
      const v = verdict(kind, path, o, t, sdk);
      rows.push({ at: `${label} ${path}`, kind, ours: oursValue, theirs: theirsValue, sdk: v.says, side: v.side });
    };
    if (!o || !t) {
      const present = /** @type {Field} */ (o ?? t); // the path is a key of one of the two maps
      const nested = [...(o ? ours : theirs).keys()].filter((k) => under(path, k)).length;
      const label = `${present.kind}${present.required ? ", required" : ""}${nested ? ` (+${nested} nested)` : ""}`;
      covered.push(path);
      add("presence", o ? label : "—", t ? label : "—");
      continue;
    }
    // An open object on one side and a described one on the other: the nested fields differ by presence, below.
    if (o.kind !== t.kind) add("type", o.kind, t.kind);
    if (o.required !== t.required)
      add("required", o.required ? "required" : "optional", t.required ? "required" : "optional");
    if (o.nullable !== t.nullable)
      add("nullable", o.nullable ? "nullable" : "not nullable", t.nullable ? "nullable" : "not nullable");
    const lo = o.literals ? [...o.literals].sort().join("|") : undefined;
    const lt = t.literals ? [...t.literals].sort().join("|") : undefined;
    if (lo !== lt) add("enum", fmt(o.literals), fmt(t.literals));
  }
  return rows;
}

/**
 * Our description vs Stytch's (both parsed, bundled), operation by operation for each of ours, matched on method and
 * path. `sdk`: { types: operationId → [request type, response type], fields(typeName) → sdkFields map,
 * sendsBody: route key → whether the SDK sends a JSON body, errorFields: the fields of the SDK's error body }.
 * Returns { operations: [{ id, key, path, upstreamId, rows }], upstreamCount }.
 * @example const { operations } = compareDescriptions(await loadSpec(ours), await loadSpec(theirs), sdk);
 * @param {Spec} oursDoc
 * @param {Spec} theirsDoc
 * @param {UpstreamSdk} sdk
 * @returns {UpstreamComparison}
 */
export function compareDescriptions(oursDoc, theirsDoc, sdk) {
  const ours = operationsByRoute(oursDoc);
  const theirs = operationsByRoute(theirsDoc);
  /** @type {UpstreamComparison["operations"]} */
  const operations = [];
  for (const [key, o] of ours) {
    const id = o.op.operationId;
    const t = theirs.get(key);
    /** @type {UpstreamComparison["operations"][number]} */
    const entry = { id, key, path: o.path, upstreamId: t?.op.operationId, rows: [] };
    operations.push(entry);
    if (!t) continue;
    const [reqType, resType] = sdk.types[id] ?? [];
    /** @type {Map<string, SdkField>} */
    const none = new Map();
    entry.rows.push(
      ...fieldDiffs(
        "request",
        requestFields(oursDoc, o),
        requestFields(theirsDoc, t, pathNames(t.path, o.path)),
        reqType ? sdk.fields(reqType) : none,
      ),
    );
    entry.rows.push(
      ...fieldDiffs(
        "response",
        responseFields(oursDoc, o),
        responseFields(theirsDoc, t),
        resType ? sdk.fields(resType) : none,
      ),
    );
    const ob = declaresBody(oursDoc, o);
    const tb = declaresBody(theirsDoc, t);
    if (ob !== tb) {
      const sent = sdk.sendsBody.get(key);
      const side = sent === undefined ? "silent" : sent === ob ? "ours" : "Stytch's";
      entry.rows.push({
        at: "request body",
        kind: "request body",
        ours: ob ? "declared" : "none",
        theirs: tb ? "declared" : "none",
        sdk: sent === undefined ? "call not found" : sent ? "sends a JSON body" : "sends no body",
        side,
      });
    }
    const oe = errorResponses(oursDoc, o);
    const te = errorResponses(theirsDoc, t);
    const show = (/** @type {{ schema: boolean, example: boolean } | undefined} */ e) =>
      !e ? "not declared" : e.schema ? "schema" : e.example ? "example only" : "no body";
    for (const status of [...new Set([...oe.keys(), ...te.keys()])].sort()) {
      const a = oe.get(status);
      const b = te.get(status);
      if (show(a) === show(b)) continue;
      // The SDK throws StytchError for any non-2xx status, built from the JSON body's fields (StytchErrorJSON):
      // it has no view on which statuses exist, but reads those fields from the body.
      const bothDeclared = Boolean(a && b);
      // The SDK agrees with a side whose error schema has every field it reads.
      const fits = (/** @type {{ schema: boolean, fields: string[] } | undefined} */ e) =>
        Boolean(e?.schema) && sdk.errorFields.every((f) => e?.fields.includes(f));
      const schemaSide = fits(a) && !fits(b) ? "ours" : fits(b) && !fits(a) ? "Stytch's" : fits(a) ? "both" : "neither";
      entry.rows.push({
        at: `response ${status}`,
        kind: "error response",
        ours: show(a),
        theirs: show(b),
        sdk: bothDeclared ? `reads ${sdk.errorFields.join(", ")} from the body` : "any non-2xx is a StytchError",
        side: bothDeclared ? schemaSide : "silent",
      });
    }
  }
  return { operations, upstreamCount: theirs.size };
}

import { readFileSync } from "node:fs";
import type ts from "typescript";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { schemaShape, type SchemaShape } from "../../scripts/lib/spec-fields.mjs";
import { checker, SDK_TYPES, sdkExports, sdkProps, sdkShape, sdkType, type SdkProp } from "../../scripts/lib/sdk-types.mjs";
import { specOperations } from "../support/contract.js";

/**
 * Faithfulness of the spec to the official Node SDK's TypeScript types (npm `stytch`, `types/lib/**.d.ts`), field
 * by field. For each operation, the SDK's request interface is compared with the request body plus the path and
 * query parameters, and the SDK's response interface with the 200 answer, recursing into nested objects (User →
 * emails[] → UsersEmail, Member → roles[] → MemberRole → sources[], Member → scim_registration → scim_attributes →
 * …). Checked at every level:
 *   - every SDK property exists in the spec, and every spec property exists in the SDK type;
 *   - non-optional in the SDK ⇔ `required` in the spec (path parameters are always required);
 *   - a response field the spec makes nullable is optional in the SDK;
 *   - the kinds agree (string / number|integer / boolean / array / object / open object); a closed union of string
 *     literals in the SDK must be the same set as the spec's `enum`/`const`.
 * Header parameters (the member session) are not compared: the SDK passes them in the second, `options` argument.
 * The SDK side (the operationId → SDK type table, the compiler API) is scripts/lib/sdk-types.mjs, shared with
 * `npm run spec:upstream`.
 */

/** What a comparison can find. */
type IssueCode =
  | "missing-in-spec" // the SDK declares the property, the spec does not
  | "missing-in-sdk" // the spec declares the property, the SDK type does not
  | "required-in-sdk-only" // non-optional in the SDK, not `required` in the spec
  | "required-in-spec-only" // optional in the SDK, `required` in the spec
  | "nullable-but-sdk-non-optional" // a response field the spec allows to be null, which the SDK says is always there
  | "kind" // string / number / boolean / array / object disagree
  | "literals" // a closed union of string literals in the SDK vs the spec's enum/const
  | "operand-missing-in-spec" // a member of an SDK operand union with no `oneOf` alternative in the spec
  | "operand-missing-in-sdk"; // a `oneOf` alternative in the spec with no member of the SDK union

interface Issue {
  operationId: string;
  /** `request` or `response`, then the property path, e.g. `response .user.emails[].email_id`. */
  at: string;
  code: IssueCode;
  detail: string;
}

/**
 * Known, deliberate deviations, each documented in openapi/NOTES-*.md. Matched on operation, path and code; an entry
 * that matches nothing fails the suite, so this list cannot go stale.
 */
const ALLOWED: { operations: string[]; at: string; code: IssueCode; details?: string[]; reason: string }[] = [
  {
    operations: ["searchUsers", "searchMembers", "searchOrganizations", "searchConnectedAppClients"],
    at: "response .results_metadata.next_cursor",
    code: "required-in-spec-only",
    reason: "the shared ResultsMetadata always sends next_cursor, null on the last page (NOTES-users, NOTES-connected-apps)",
  },
  {
    operations: ["searchUsers"],
    at: "request .query.operands[]",
    code: "operand-missing-in-spec",
    details: ["filter_name (any filter_name)"],
    reason: "the SDK's catch-all {filter_name: string, …} operand is left out on purpose, so Prism flags unknown filters (NOTES-users)",
  },
  {
    operations: ["searchMembers"],
    at: "request .query.operands[]",
    code: "operand-missing-in-spec",
    details: [
      ...["organization_ids", "organization_slugs", "organization_name_fuzzy", "organization_slug_fuzzy", "allowed_domains"],
      ...["allowed_domain_fuzzy", "claimed_email_domains", "has_active_sso_connection", "sso_connection_id"],
      "(any filter_name)",
    ].map((name) => `filter_name ${name}`),
    reason: "SearchQueryOperand also admits the organization-search operands and a catch-all; only the 7 member filters are modelled (NOTES-members)",
  },
  {
    operations: ["searchOrganizations"],
    at: "request .query.operands[]",
    code: "operand-missing-in-spec",
    details: [
      ...["member_ids", "member_is_breakglass", "statuses", "member_phone_numbers", "member_phone_number_fuzzy"],
      "(any filter_name)",
    ].map((name) => `filter_name ${name}`),
    reason: "the shared SearchQueryOperand also admits the member-only operands and a catch-all; only the 11 of OrganizationSearchOperand are modelled (NOTES-organizations)",
  },
  {
    operations: ["getOrganizationConnectedApp"],
    at: "response .request_id",
    code: "missing-in-sdk",
    reason: "the Node SDK's type lacks request_id; every answer carries one and the Python SDK's model requires it (issue 15, NOTES-organizations)",
  },
];

// ---------------------------------------------------------------------------------------------------------------
// Spec side: dist/openapi.yaml with $ref, allOf and oneOf-with-null resolved

type Json = Record<string, unknown>;
const spec = parse(readFileSync(new URL("../../dist/openapi.yaml", import.meta.url), "utf8")) as {
  paths: Record<string, Record<string, Json>>;
  components: { schemas: Record<string, Json>; parameters: Record<string, Json> };
};

function deref(node: Json): Json {
  let current = node;
  for (let hops = 0; typeof current.$ref === "string"; hops++) {
    const [, , section, name] = current.$ref.split("/");
    const target = (spec.components as Record<string, Record<string, Json> | undefined>)[section!]?.[name!];
    if (!target || hops > 10) throw new Error(`unresolvable $ref ${current.$ref}`);
    current = target;
  }
  return current;
}

/** A spec schema reduced to what is compared: scripts/lib/spec-fields.mjs, shared with `npm run spec:upstream`. */
type SpecShape = SchemaShape;
const specShape = (raw: Json, into?: SpecShape): SpecShape => schemaShape(spec, raw, into);

function isOpenObject(s: SpecShape): boolean {
  return s.kinds.has("object") && s.props.size === 0 && s.additional !== false;
}

// ---------------------------------------------------------------------------------------------------------------
// The comparison

const MAX_DEPTH = 8;

class Comparison {
  issues: Issue[] = [];
  fields = 0;
  compared: string[] = [];
  constructor(readonly operationId: string) {}

  private issue(at: string, code: IssueCode, detail: string) {
    this.issues.push({ operationId: this.operationId, at, code, detail });
  }

  /** Properties of an SDK object type vs. a spec object (`required` and nullable flags per property). */
  props(sdk: SdkProp[], spec: SpecShape, at: string, direction: "request" | "response", depth: number) {
    for (const p of sdk) {
      const where = `${at}.${p.name}`;
      this.fields++;
      this.compared.push(where);
      const schema = spec.props.get(p.name);
      if (!schema) {
        this.issue(where, "missing-in-spec", `SDK: ${checker.typeToString(p.type)}${p.optional ? " (optional)" : ""}`);
        continue;
      }
      const required = spec.required.has(p.name);
      if (!p.optional && !required) this.issue(where, "required-in-sdk-only", "non-optional in the SDK, not required in the spec");
      if (p.optional && required) this.issue(where, "required-in-spec-only", "optional in the SDK, required in the spec");
      const shape = specShape(schema);
      if (direction === "response" && shape.nullable && !p.optional) {
        this.issue(where, "nullable-but-sdk-non-optional", "the spec allows null; the SDK says it is always there");
      }
      this.value(p.type, shape, where, direction, depth + 1);
    }
    const known = new Set(sdk.map((p) => p.name));
    for (const name of spec.props.keys()) {
      if (!known.has(name)) this.issue(`${at}.${name}`, "missing-in-sdk", "declared by the spec, not by the SDK type");
    }
  }

  value(sdkRaw: ts.Type, spec: SpecShape, at: string, direction: "request" | "response", depth: number) {
    const sdk = sdkShape(sdkRaw);
    const kinds = [...spec.kinds].join("|") || (spec.alternatives.length ? "oneOf" : "none");
    const mismatch = (want: string) => this.issue(at, "kind", `SDK ${want} (${checker.typeToString(sdkRaw)}), spec ${kinds}`);
    switch (sdk.kind) {
      case "any":
        return;
      case "string":
      case "number":
      case "boolean":
        if (spec.kinds.size !== 1 || !spec.kinds.has(sdk.kind)) return mismatch(sdk.kind);
        if (sdk.kind === "string" && sdk.literals) {
          const want = [...sdk.literals].sort();
          const got = [...(spec.literals ?? [])].sort();
          if (JSON.stringify(want) !== JSON.stringify(got)) this.issue(at, "literals", `SDK ${want.join("|")}, spec ${got.join("|") || "(no enum)"}`);
        }
        return;
      case "array":
        if (spec.kinds.size !== 1 || !spec.kinds.has("array") || !spec.items) return mismatch("array");
        if (depth < MAX_DEPTH) this.value(sdk.element, specShape(spec.items), `${at}[]`, direction, depth);
        return;
      case "record":
        if (!isOpenObject(spec)) return mismatch("Record<string, …>");
        if (sdkShape(sdk.value).kind !== "any") {
          if (typeof spec.additional !== "object") return mismatch("Record<string, T>");
          if (depth < MAX_DEPTH) this.value(sdk.value, specShape(spec.additional), `${at}{}`, direction, depth);
        }
        return;
      case "object":
        if (!spec.kinds.has("object") || spec.props.size === 0) return mismatch("object");
        if (depth < MAX_DEPTH) this.props(sdk.props, spec, at, direction, depth);
        return;
      case "union":
        return this.union(sdk.members, spec, at, direction, depth);
      default:
        return mismatch(sdk.text);
    }
  }

  /** An SDK union of `{filter_name: "…", filter_value: …}` objects vs. a spec `oneOf`, matched on `filter_name`. */
  private union(members: ts.Type[], spec: SpecShape, at: string, direction: "request" | "response", depth: number) {
    if (spec.alternatives.length === 0) return this.issue(at, "kind", `SDK union of objects, spec ${[...spec.kinds].join("|")}`);
    const discriminator = (props: SdkProp[]) => {
      const p = props.find((q) => q.name === "filter_name");
      const shape = p && sdkShape(p.type);
      return shape?.kind === "string" && shape.literals?.length === 1 ? shape.literals[0] : undefined;
    };
    const specByName = new Map<string, SpecShape>();
    for (const alternative of spec.alternatives) {
      const shape = specShape(alternative);
      const name = shape.props.get("filter_name") && specShape(shape.props.get("filter_name")!).literals;
      if (name?.length !== 1) return this.issue(at, "kind", "a oneOf alternative without a single filter_name const");
      specByName.set(name[0]!, shape);
    }
    const seen = new Set<string>();
    for (const member of members) {
      const props = sdkProps(member);
      const name = discriminator(props) ?? "(any filter_name)";
      if (seen.has(name)) continue; // e.g. member_emails is in both OrganizationSearchOperand and MemberSearchOperand
      seen.add(name);
      const shape = specByName.get(name);
      if (!shape) {
        this.issue(at, "operand-missing-in-spec", `filter_name ${name}`);
        continue;
      }
      this.props(props, shape, `${at}<${name}>`, direction, depth);
    }
    for (const name of specByName.keys()) {
      if (!seen.has(name)) this.issue(at, "operand-missing-in-sdk", `filter_name ${name}`);
    }
  }
}

/** The request as the SDK sees it: the JSON body's properties plus the path and query parameters, as one object. */
function specRequest(path: string, method: string): SpecShape {
  const item = spec.paths[path]!;
  const op = item[method]!;
  const shape: SpecShape = { kinds: new Set(["object"]), nullable: false, props: new Map(), required: new Set(), alternatives: [] };
  const requestBody = op.requestBody as Json | undefined;
  const bodySchema = (requestBody?.content as Record<string, Json> | undefined)?.["application/json"]?.schema as Json | undefined;
  if (bodySchema) {
    const b = specShape(bodySchema);
    // A path id repeated in the body (`x-echoed-path-parameter`, accepted for the Python and Go SDKs) is the path
    // parameter itself as the SDK sees it: compared once, as the parameter.
    for (const [name, prop] of b.props) if (!deref(prop)["x-echoed-path-parameter"]) shape.props.set(name, prop);
    // A property `required` in an optional body is not required of the call: the body may be left out.
    if (requestBody!.required === true) for (const name of b.required) shape.required.add(name);
  }
  const params = [...((item.parameters as Json[] | undefined) ?? []), ...((op.parameters as Json[] | undefined) ?? [])];
  for (const p of params.map((x) => deref(x))) {
    if (p.in !== "path" && p.in !== "query") continue;
    const name = p.name as string;
    if (shape.props.has(name)) throw new Error(`${method} ${path}: ${name} is both a body property and a parameter`);
    shape.props.set(name, p.schema as Json);
    if (p.required === true || p.in === "path") shape.required.add(name);
  }
  return shape;
}

function specResponse(path: string, method: string): SpecShape {
  const ok = (spec.paths[path]![method]!.responses as Record<string, Json>)["200"]!;
  const content = deref(ok).content as Record<string, Json>;
  return specShape(content["application/json"]!.schema as Json);
}

function compareOperation(operationId: string): Comparison {
  const op = specOperations().get(operationId);
  if (!op) throw new Error(`no operation ${operationId} in the spec`);
  const [request, response] = SDK_TYPES[operationId]!;
  const c = new Comparison(operationId);
  c.props(sdkProps(sdkType(request)), specRequest(op.path, op.method), "request ", "request", 0);
  c.props(sdkProps(sdkType(response)), specResponse(op.path, op.method), "response ", "response", 0);
  return c;
}

const allowed = (i: Issue) =>
  ALLOWED.some((a) => a.operations.includes(i.operationId) && a.at === i.at && a.code === i.code && (!a.details || a.details.includes(i.detail)));

// ---------------------------------------------------------------------------------------------------------------

describe("official SDK types vs. the spec, field by field", () => {
  const results = new Map(Object.keys(SDK_TYPES).map((id) => [id, compareOperation(id)]));

  it("the table maps every operation of the spec, and only those, to SDK types that exist", () => {
    expect(Object.keys(SDK_TYPES).sort()).toEqual([...specOperations().keys()].sort());
    for (const [request, response] of Object.values(SDK_TYPES)) {
      expect(sdkExports.has(request), request).toBe(true);
      expect(sdkExports.has(response), response).toBe(true);
    }
  });

  for (const operationId of Object.keys(SDK_TYPES)) {
    it(`${operationId}: request and response agree with ${SDK_TYPES[operationId]!.join(" / ")}`, () => {
      const c = results.get(operationId)!;
      expect(c.fields).toBeGreaterThan(0);
      expect(c.issues.filter((i) => !allowed(i)).map((i) => `${i.at}: ${i.code} — ${i.detail}`)).toEqual([]);
    });
  }

  it("every allow-list entry still matches a difference (none is stale)", () => {
    const issues = [...results.values()].flatMap((c) => c.issues);
    for (const a of ALLOWED) {
      for (const operationId of a.operations) {
        for (const detail of a.details ?? [undefined]) {
          const hit = issues.some((i) => i.operationId === operationId && i.at === a.at && i.code === a.code && (!detail || i.detail === detail));
          expect(hit, `${operationId} ${a.at} ${a.code} ${detail ?? ""} (${a.reason})`).toBe(true);
        }
      }
    }
  });

  it("the comparison itself notices a missing, an extra, a wrongly required and a wrongly typed field", () => {
    const c = new Comparison("self-test");
    const sdk = sdkProps(sdkType("UsersEmail")); // email_id: string, email: string, verified: boolean
    const schema: Json = {
      type: "object",
      required: ["email_id", "verified"],
      properties: { email_id: { type: "string" }, verified: { type: "string" }, extra: { type: "string" } },
    };
    c.props(sdk, specShape(schema), "", "response", 0);
    expect(c.issues.map((i) => `${i.at} ${i.code}`).sort()).toEqual(
      [".email missing-in-spec", ".extra missing-in-sdk", ".verified kind"].sort(),
    );
    const d = new Comparison("self-test");
    d.props(sdk, specShape({ ...schema, required: ["email_id"], properties: { email_id: { type: "string" }, email: { type: ["string", "null"] }, verified: { type: "boolean" } } }), "", "response", 0);
    expect(d.issues.map((i) => `${i.at} ${i.code}`).sort()).toEqual(
      [".email required-in-sdk-only", ".email nullable-but-sdk-non-optional", ".verified required-in-sdk-only"].sort(),
    );
  });

  it("the comparison notices operand unions that differ, and enums that differ from a closed set of SDK literals", () => {
    const c = new Comparison("self-test");
    const operand = (name: string, value: Json): Json => ({
      type: "object",
      required: ["filter_name", "filter_value"],
      properties: { filter_name: { type: "string", const: name }, filter_value: value },
    });
    const oneOf = [operand("status", { type: "string", enum: ["active"] }), operand("no_such_filter", { type: "string" })];
    c.value(sdkType("SearchUsersQueryOperand"), specShape({ oneOf }), "", "request", 0);
    const found = c.issues.map((i) => `${i.at} ${i.code} ${i.detail}`);
    expect(found).toContain(" operand-missing-in-sdk filter_name no_such_filter");
    expect(found).toContain(" operand-missing-in-spec filter_name email_address");
    expect(found).toContain("<status>.filter_value literals SDK active|pending, spec active");
  });
});

/** For the record: how many fields were compared (printed by `SDK_TYPES_REPORT=1 npx vitest run test/vendor/sdk-types.test.ts`). */
if (process.env.SDK_TYPES_REPORT) {
  const all = Object.keys(SDK_TYPES).map(compareOperation);
  const distinct = new Set(all.flatMap((c) => c.compared)).size;
  console.log(`${all.length} operations, ${all.reduce((n, c) => n + c.fields, 0)} field comparisons (${distinct} distinct request/response paths)`);
  if (process.env.SDK_TYPES_REPORT === "paths") for (const c of all) for (const p of c.compared) console.log(`${c.operationId} ${p}`);
  for (const c of all) for (const i of c.issues) console.log(`${allowed(i) ? "allowed" : "ISSUE  "} ${i.operationId} ${i.at}: ${i.code} — ${i.detail}`);
}

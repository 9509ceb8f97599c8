import { describe, expect, it } from "vitest";
import { SDK_TYPES, sdkExports, sdkProps, sdkType } from "../../scripts/lib/sdk-types.mjs";
import { specOperations } from "../support/contract.js";
import { Comparison, compareOperation, specShape, type Json } from "./sdk-compare.js";
import { ALLOWED, allowed } from "./sdk-types.allowed.js";

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
          const hit = issues.some(
            (i) =>
              i.operationId === operationId && i.at === a.at && i.code === a.code && (!detail || i.detail === detail),
          );
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
    d.props(
      sdk,
      specShape({
        ...schema,
        required: ["email_id"],
        properties: {
          email_id: { type: "string" },
          email: { type: ["string", "null"] },
          verified: { type: "boolean" },
        },
      }),
      "",
      "response",
      0,
    );
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
    const oneOf = [
      operand("status", { type: "string", enum: ["active"] }),
      operand("no_such_filter", { type: "string" }),
    ];
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
  console.log(
    `${all.length} operations, ${all.reduce((n, c) => n + c.fields, 0)} field comparisons (${distinct} distinct request/response paths)`,
  );
  if (process.env.SDK_TYPES_REPORT === "paths")
    for (const c of all) for (const p of c.compared) console.log(`${c.operationId} ${p}`);
  for (const c of all)
    for (const i of c.issues)
      console.log(`${allowed(i) ? "allowed" : "ISSUE  "} ${i.operationId} ${i.at}: ${i.code} — ${i.detail}`);
}

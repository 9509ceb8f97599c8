import fc from "fast-check";
import { loadRecordings } from "../../scripts/lib/wire-replay.mjs";
import { createStytchClient } from "../../src/index.js";
import { connectedAppCases } from "../contract/connected-apps.cases.js";
import { memberCases } from "../contract/members.cases.js";
import { organizationCases } from "../contract/organizations.cases.js";
import { userCases } from "../contract/users.cases.js";
import { SPEC } from "./support.js";

/**
 * The corpus of differential.test.ts, which asks the emulator's validator and Prism's whether to accept each request:
 * the recorded Ruby, Python and Go SDK requests, our client's contract cases, a hostile set, and bodies generated from
 * the spec's request schemas with fast-check. Kept apart from the judges so that the corpus can grow without touching
 * how it is judged.
 */

/** One request of the corpus, named by where it came from (`source`) so a disagreement can be traced. */
export interface Sample {
  source: string;
  method: string;
  path: string;
  body?: string;
  headers?: Record<string, string>;
}

/** The requests the Ruby, Python and Go SDKs sent (test/fixtures/sdk-wire/), with their `x-stytch` headers. */
export async function recorded(): Promise<Sample[]> {
  return (await loadRecordings()).map((r) => ({
    source: `${r.file}:${r.line}`,
    method: r.method,
    path: r.query ? `${r.path}?${r.query}` : r.path,
    body: r.body ?? undefined,
    headers: Object.fromEntries(
      Object.entries(r.headers as Record<string, string>).filter(([k]) => k.startsWith("x-stytch")),
    ),
  }));
}

/** The requests our client sends for each contract case, caught by a `fetch` that answers `{}` to all. */
export async function contractCases(): Promise<Sample[]> {
  const out: Sample[] = [];
  const client = createStytchClient({
    projectId: "project-test-x",
    secret: "s",
    baseUrl: "http://127.0.0.1:9",
    maxRetries: 0,
    fetch: async (input: string | URL | Request, init?: RequestInit) => {
      const req = new Request(input, init);
      const url = new URL(req.url);
      const body = req.body ? await req.text() : undefined;
      const headers = Object.fromEntries([...req.headers].filter(([k]) => k.startsWith("x-stytch")));
      out.push({ source: "contract", method: req.method, path: url.pathname + url.search, body, headers });
      return new Response("{}", { status: 200, headers: { "content-type": "application/json" } });
    },
  });
  for (const [id, c] of Object.entries({ ...userCases, ...memberCases, ...organizationCases, ...connectedAppCases })) {
    const before = out.length;
    await c.call(client).catch(() => undefined);
    for (const s of out.slice(before)) s.source = `contract ${id}`;
  }
  return out;
}

/** Requests that break the spec on purpose, one rule each (the names say which). */
export const HOSTILE: Sample[] = [
  {
    source: "hostile: wrong type",
    method: "POST",
    path: "/v1/users",
    body: '{"email":"a@example.com","name":{"first_name":7}}',
  },
  { source: "hostile: unknown field", method: "POST", path: "/v1/users", body: '{"email":"a@example.com","nope":1}' },
  { source: "hostile: invalid email", method: "POST", path: "/v1/users", body: '{"email":"not-an-email"}' },
  { source: "hostile: invalid phone", method: "POST", path: "/v1/users", body: '{"phone_number":"555-0100"}' },
  { source: "hostile: limit too large", method: "POST", path: "/v1/users/search", body: '{"limit":100000}' },
  { source: "hostile: limit as string", method: "POST", path: "/v1/users/search", body: '{"limit":"10"}' },
  {
    source: "hostile: bad operator",
    method: "POST",
    path: "/v1/users/search",
    body: '{"query":{"operator":"XOR","operands":[]}}',
  },
  { source: "hostile: body array", method: "POST", path: "/v1/users", body: "[]" },
  { source: "hostile: missing body", method: "POST", path: "/v1/b2b/organizations" },
  { source: "hostile: missing required", method: "POST", path: "/v1/b2b/organizations", body: "{}" },
  {
    source: "hostile: bad query boolean",
    method: "GET",
    path: "/v1/b2b/organizations/members/dangerously_get/member-test-1?include_deleted=yes",
  },
  {
    source: "hostile: Python boolean",
    method: "GET",
    path: "/v1/b2b/organizations/members/dangerously_get/member-test-1?include_deleted=True",
  },
  {
    source: "hostile: bad client type",
    method: "POST",
    path: "/v1/connected_apps/clients",
    body: '{"client_type":"fourth_party"}',
  },
  {
    source: "hostile: bad enum in org",
    method: "PUT",
    path: "/v1/b2b/organizations/organization-test-1",
    body: '{"mfa_policy":"SOMETIMES"}',
  },
  {
    source: "hostile: null name",
    method: "PUT",
    path: "/v1/b2b/organizations/organization-test-1/members/member-test-1",
    body: '{"name":null}',
  },
  {
    source: "hostile: member email query",
    method: "GET",
    path: "/v1/b2b/organizations/organization-test-1/member?email_address=not-an-email",
  },
];

type Schema = Record<string, unknown>;
const resolve = (schema: Schema): Schema => {
  if (typeof schema.$ref !== "string") return schema;
  let node: unknown = SPEC;
  for (const part of schema.$ref.slice(2).split("/")) node = (node as Record<string, unknown>)[part];
  return resolve(node as Schema);
};

/** Values for a schema, valid and invalid alike: the shapes it names, their edges, and values of the wrong kind. */
function arbitrary(schema: Schema, depth = 0): fc.Arbitrary<unknown> {
  const s = resolve(schema);
  const wrong = fc.oneof(fc.constant(null), fc.integer(), fc.string({ maxLength: 5 }), fc.boolean());
  if (depth > 3) return wrong;
  const branches = (s.anyOf ?? s.oneOf) as Schema[] | undefined;
  if (branches) return fc.oneof(...branches.map((b) => arbitrary(b, depth + 1)));
  if (Array.isArray(s.enum))
    return fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...(s.enum as unknown[])) },
      { weight: 1, arbitrary: fc.constant("not-in-enum") },
    );
  const type = Array.isArray(s.type) ? s.type : [s.type];
  const options: fc.Arbitrary<unknown>[] = [];
  if (type.includes("null")) options.push(fc.constant(null));
  if (type.includes("string")) {
    if (s.format === "email") options.push(fc.emailAddress(), fc.constant("not-an-email"));
    else if (s.format === "date-time")
      options.push(
        fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
        fc.constant("yesterday"),
      );
    else if (s.format === "uri") options.push(fc.webUrl(), fc.constant("not a uri"));
    else if (typeof s.pattern === "string")
      options.push(fc.stringMatching(new RegExp(s.pattern)), fc.string({ maxLength: 8 }));
    else options.push(fc.string({ maxLength: 12 }));
  }
  if (type.includes("integer") || type.includes("number")) {
    const min = typeof s.minimum === "number" ? s.minimum : -5;
    const max = typeof s.maximum === "number" ? s.maximum : 2000;
    options.push(fc.integer({ min: min - 2, max: max + 2 }));
  }
  if (type.includes("boolean")) options.push(fc.boolean());
  if (type.includes("array") && s.items)
    options.push(fc.array(arbitrary(s.items as Schema, depth + 1), { maxLength: 3 }));
  if (type.includes("object") || s.properties) {
    const props = Object.fromEntries(
      Object.entries((s.properties ?? {}) as Record<string, Schema>).map(([k, v]) => [k, arbitrary(v, depth + 1)]),
    );
    const record = fc.record(props, { requiredKeys: [] });
    options.push(
      fc.oneof(
        { weight: 5, arbitrary: record },
        { weight: 1, arbitrary: record.map((r) => ({ ...r, not_a_field: 1 })) },
      ),
    );
  }
  if (options.length === 0) return fc.jsonValue({ maxDepth: 2 });
  return fc.oneof({ weight: 9, arbitrary: fc.oneof(...options) }, { weight: 1, arbitrary: wrong });
}

/** `perOperation` bodies for each operation with a JSON request body, the same ones for the same `seed`. */
export function generated(perOperation: number, seed: number): Sample[] {
  const out: Sample[] = [];
  for (const [path, item] of Object.entries(SPEC.paths)) {
    for (const method of ["post", "put", "delete"]) {
      const op = item[method] as
        | { operationId: string; requestBody?: { content?: { "application/json"?: { schema?: Schema } } } }
        | undefined;
      const schema = op?.requestBody?.content?.["application/json"]?.schema;
      if (!op || !schema) continue;
      const concrete = path.replace(
        /\{([^}]+)\}/g,
        (_, name: string) => `${name.replace(/_id$/, "").replace(/_/g, "-")}-test-1`,
      );
      const bodies = fc.sample(arbitrary(schema), { numRuns: perOperation, seed: seed + out.length });
      for (const body of bodies)
        out.push({
          source: `generated ${op.operationId}`,
          method: method.toUpperCase(),
          path: concrete,
          body: JSON.stringify(body),
        });
    }
  }
  return out;
}

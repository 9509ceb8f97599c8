import { describe, expect, it } from "vitest";
import { routeFor, type Route } from "../../scripts/lib/wire-replay.mjs";
import { createStytchClient } from "../../src/index.js";
import { fakeFetch } from "../support/fake-fetch.js";
import { described, recordings, routes, spec } from "./sdk-wire-support.js";

// The spec side of the SDK-wire replay (sdk-wire.test.ts): what the recordings show about the Ruby SDK's session,
// the echoed path ids, and what our own client sends.

describe("the Ruby SDK's member session in the query string is not described as API", () => {
  const inQuery = recordings.filter((r) => /(^|&)X-Stytch-Member-Session(JWT)?=/i.test(r.query));

  it("is in the recordings (Ruby only, on GET and DELETE), and passes only because undeclared query parameters do", () => {
    expect(inQuery.length).toBeGreaterThan(0);
    expect(new Set(inQuery.map((r) => r.sdk))).toEqual(new Set(["ruby"]));
    expect(new Set(inQuery.map((r) => r.method))).toEqual(new Set(["GET", "DELETE"]));
  });

  it("no operation declares a member session as a query parameter: the API reads it from the header", () => {
    const resolve = (p: { $ref?: string; name?: string; in?: string }) =>
      p.$ref ? spec.components.parameters[p.$ref.split("/").pop()!]! : p;
    for (const [path, item] of Object.entries(spec.paths)) {
      for (const [method, op] of Object.entries(item)) {
        const query = (op.parameters ?? [])
          .map(resolve)
          .filter((p) => p.in === "query")
          .map((p) => p.name!.toLowerCase());
        expect(query, `${method} ${path}`).not.toContain("x-stytch-member-session");
        expect(query, `${method} ${path}`).not.toContain("x-stytch-member-sessionjwt");
      }
    }
  });
});

/** A body property that repeats a path id names a path parameter of its own operation (checked for every one). */
describe("echoed path ids", () => {
  type Schema = {
    $ref?: string;
    properties?: Record<string, Schema>;
    "x-echoed-path-parameter"?: string;
    deprecated?: boolean;
  };
  const doc = spec as unknown as {
    paths: Record<string, Record<string, unknown>>;
    components: { schemas: Record<string, Schema>; parameters: Record<string, { name: string; in: string }> };
  };
  const deref = (s: Schema): Schema => (s.$ref ? deref(doc.components.schemas[s.$ref.split("/").pop()!]!) : s);

  it("are declared only as path parameters of the same operation, deprecated, on the operations the SDKs echo them", () => {
    const echoing: string[] = [];
    for (const route of routes as Route[]) {
      type Param = { $ref?: string; name?: string; in?: string };
      const item = doc.paths[route.path] as { parameters?: Param[] } & Record<string, unknown>;
      const op = item[route.method] as {
        parameters?: Param[];
        requestBody?: { content?: Record<string, { schema: Schema }> };
      };
      const schema = op.requestBody?.content?.["application/json"]?.schema;
      if (!schema) continue;
      const resolve = (p: Param) => (p.$ref ? doc.components.parameters[p.$ref.split("/").pop()!]! : p);
      const pathParams = [...(item.parameters ?? []), ...(op.parameters ?? [])]
        .map(resolve)
        .filter((p) => p.in === "path")
        .map((p) => p.name);
      for (const [name, prop] of Object.entries(deref(schema).properties ?? {})) {
        const echo = deref(prop);
        if (!echo["x-echoed-path-parameter"]) continue;
        echoing.push(route.operationId);
        expect(echo["x-echoed-path-parameter"], `${route.operationId}.${name}`).toBe(name);
        expect(pathParams, `${route.operationId}.${name}`).toContain(name);
        expect(echo.deprecated, `${route.operationId}.${name}`).toBe(true);
      }
    }
    // Exactly the operations where a recorded body repeats a path id (13 today; organizations.update joins them
    // with the Organizations area).
    const recorded = new Set<string>();
    for (const r of described) {
      const route = routeFor(routes, r.method, r.path)!;
      const body = r.body ? (JSON.parse(r.body) as unknown) : undefined;
      if (!body || typeof body !== "object") continue;
      const ids = [...route.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
      if (ids.some((id) => id in body)) recorded.add(route.operationId);
    }
    expect([...new Set(echoing)].sort()).toEqual([...recorded].sort());
    expect(recorded.size).toBeGreaterThanOrEqual(13);
  });
});

describe("our client sends what it sent before the allowances", () => {
  it("path ids only in the path, `{}` for empty bodies, and `true`/`false` in query booleans", async () => {
    const { fetch, seen } = fakeFetch();
    const stytch = createStytchClient({ projectId: "project-test-x", secret: "s", fetch, maxRetries: 0 });
    await stytch.users.update({ user_id: "user-test-1", name: { first_name: "Ada" } });
    await stytch.organizations.members.reactivate({
      organization_id: "organization-test-1",
      member_id: "member-test-1",
    });
    await stytch.connectedApp.clients.secrets.rotateStart({ client_id: "connected-app-test-1" });
    await stytch.organizations.members.dangerouslyGet({ member_id: "member-test-1", include_deleted: true });
    await stytch.organizations.members.oauthProviders.google({
      organization_id: "organization-test-1",
      member_id: "member-test-1",
      include_refresh_token: false,
    });
    await stytch.users.delete({ user_id: "user-test-1" });
    expect(seen.map((s) => `${s.method} ${s.url.pathname}${s.url.search} ${s.body}`)).toEqual([
      'PUT /v1/users/user-test-1 {"name":{"first_name":"Ada"}}',
      "PUT /v1/b2b/organizations/organization-test-1/members/member-test-1/reactivate {}",
      "POST /v1/connected_apps/clients/connected-app-test-1/secrets/rotate/start {}",
      "GET /v1/b2b/organizations/members/dangerously_get/member-test-1?include_deleted=true ",
      "GET /v1/b2b/organizations/organization-test-1/members/member-test-1/oauth_providers/google?include_refresh_token=false ",
      "DELETE /v1/users/user-test-1 ",
    ]);
  });
});

import { readFileSync } from "node:fs";
import { describe, expect, inject, it } from "vitest";
import { parse } from "yaml";
import { createStytchFake, type StytchFake } from "../../src/fake/index.js";
import { createStytchClient, StytchError } from "../../src/index.js";
import { clientSecretRotation, membersInTwoOrganizations, pageThrough, userLifecycle } from "./scenarios.js";

const PROJECT = "project-test-11111111-2222-3333-4444-555555555555";
const SECRET = "secret-test-fake-0123456789";

/** Our client on a fake's `fetch`, with no network at all: a global fetch that throws proves it. */
function clientOf(fake: StytchFake, secret = SECRET) {
  return createStytchClient({ projectId: PROJECT, secret, fetch: fake.fetch, maxRetries: 0 });
}

describe("in-process: createStytchFake + createStytchClient({ fetch: fake.fetch })", () => {
  it("runs the scenarios without a network", async () => {
    const realFetch = globalThis.fetch;
    globalThis.fetch = () => Promise.reject(new Error("no network in this test"));
    try {
      const stytch = clientOf(createStytchFake({ projectId: PROJECT, secret: SECRET }));
      await userLifecycle(stytch);
      await membersInTwoOrganizations(stytch);
      await clientSecretRotation(stytch);
    } finally {
      globalThis.fetch = realFetch;
    }
  });

  it("2,500 users created through the client, paged with limit 100: each once, stable under a delete mid-way", async () => {
    const stytch = clientOf(createStytchFake({ seed: 3 }));
    const ids: string[] = [];
    for (let i = 0; i < 2_500; i++) ids.push((await stytch.users.create({ email: `p${i}@example.com` })).user_id);
    expect(await pageThrough(stytch, "@example.com")).toMatchObject({ ids, pages: 25, totals: new Set([2_500]) });

    // A user deleted between pages shifts nothing: cursors resume after the last user returned, not at an offset.
    const first = await stytch.users.search({ limit: 100 });
    await stytch.users.delete({ user_id: ids[10]! });
    const second = await stytch.users.search({ limit: 100, cursor: first.results_metadata.next_cursor! });
    expect(second.results.map((u) => u.user_id)).toEqual(ids.slice(100, 200));
    expect(second.results_metadata.total).toBe(2_499);
  });

  it("refuses wrong Basic credentials with 401 unauthorized_credentials and a request_id", async () => {
    const fake = createStytchFake({ projectId: PROJECT, secret: SECRET });
    const error = await clientOf(fake, "not-the-secret")
      .users.search({})
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StytchError);
    expect(error).toMatchObject({
      status_code: 401,
      error_type: "unauthorized_credentials",
      request_id: expect.stringMatching(/^request-id-test-/),
    });
    await expect(clientOf(fake).users.search({})).resolves.toMatchObject({ status_code: 200 });
  });

  it("is deterministic with a seed: same calls, same ids, secrets and timestamps", async () => {
    const run = async () => {
      const stytch = clientOf(createStytchFake({ seed: 42 }));
      const user = await stytch.users.create({ email: "ada@example.com" });
      const app = await stytch.connectedApp.clients.create({ client_type: "first_party" });
      return [user.user_id, user.email_id, user.user.created_at, app.connected_app.client_secret];
    };
    const [a, b] = [await run(), await run()];
    expect(a).toEqual(b);
    expect(a[0]).toMatch(/^user-test-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a[1]).toMatch(/^email-test-/);
    expect(a[2]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it("snapshot() and restore() save and bring back every record; reset() returns to the starting data", async () => {
    const fake = createStytchFake({
      data: {
        users: [
          {
            user_id: "user-test-seeded",
            emails: [{ email_id: "email-test-seeded", email: "seed@example.com", verified: true }],
          },
        ],
      },
    });
    const stytch = clientOf(fake);
    const before = fake.snapshot();
    const { user_id } = await stytch.users.create({ email: "later@example.com" });
    const after = fake.snapshot();
    expect(after.users.map((u) => u.user_id)).toEqual(["user-test-seeded", user_id]);
    fake.restore(before);
    await expect(stytch.users.get({ user_id })).rejects.toMatchObject({
      status_code: 404,
      error_type: "user_not_found",
    });
    fake.restore(after);
    expect((await stytch.users.get({ user_id })).emails[0]!.email).toBe("later@example.com");
    after.users.length = 0; // a snapshot is a copy: changing it changes nothing in the fake
    expect((await stytch.users.search({})).results).toHaveLength(2);
    fake.reset();
    expect((await stytch.users.search({})).results.map((u) => u.user_id)).toEqual(["user-test-seeded"]);
    expect((await stytch.users.get({ user_id: "user-test-seeded" })).emails[0]!.email).toBe("seed@example.com");
  });

  it("takes an external_id in place of the user_id", async () => {
    const stytch = clientOf(createStytchFake());
    const { user_id } = await stytch.users.create({ email: "x@example.com", external_id: "crm-42" });
    expect((await stytch.users.get({ user_id: "crm-42" })).user_id).toBe(user_id);
  });
});

describe("Prefer: code=NNN answers that status's example, as the Prism mock of the spec does", () => {
  const spec = parse(readFileSync(new URL("../../dist/openapi.yaml", import.meta.url), "utf8")) as {
    paths: Record<string, Record<string, { operationId?: string }>>;
  };
  const fake = createStytchFake();
  // Prism checks the request first: these operations need a valid body to get to the status asked for.
  const bodies: Record<string, object> = {
    exchangeUserPrimaryFactor: { email_address: "ada@example.com" },
    createMember: { email_address: "ada@example.com" },
    searchMembers: { organization_ids: ["organization-test-1"] },
    unlinkMemberRetiredEmail: { email_address: "ada@example.com" },
    startMemberEmailUpdate: { email_address: "ada@example.com" },
    createOrganization: { organization_name: "Acme" },
    createConnectedAppClient: { client_type: "first_party" },
  };

  for (const { operationId, method, path } of fake.operations) {
    it(`${operationId}: 400, 401, 403, 404, 429 and 500 equal Prism's answers but for request_id`, async () => {
      expect(spec.paths[path]?.[method.toLowerCase()]?.operationId).toBe(operationId);
      const url = path.replace(/\{[^}]+\}/g, "x-1");
      const body = method === "GET" ? undefined : JSON.stringify(bodies[operationId] ?? {});
      for (const code of [400, 401, 403, 404, 429, 500]) {
        const init = {
          method,
          headers: {
            prefer: `code=${code}`,
            "content-type": "application/json",
            authorization: `Basic ${btoa("p:s")}`,
          },
          body,
        };
        const [ours, prisms] = await Promise.all([
          fake.fetch(`https://test.stytch.com${url}`, init),
          fetch(`${inject("prismUrl")}${url}`, init),
        ]);
        const [a, b] = [
          (await ours.json()) as Record<string, unknown>,
          (await prisms.json()) as Record<string, unknown>,
        ];
        expect(ours.status).toBe(code);
        expect(a.request_id).toMatch(/^request-id-test-/);
        expect({ ...a, request_id: "" }, `${operationId} code=${code}`).toEqual({ ...b, request_id: "" });
      }
    });
  }
});

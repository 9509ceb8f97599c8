import * as stytch from "stytch";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { PROJECT_ID, SECRET } from "../support/contract.js";
import { AUTH, DATA, startEmulator, type TestEmulator } from "./support.js";

/**
 * What applications must cope with, against the emulator and the official Node SDK: Stytch's documented rate limits
 * (429 with Retry-After), faults and latency on demand, and member sessions checked against Stytch's RBAC policy.
 * Time comes from a clock each test moves, never from waiting.
 */

const ORG = "organization-test-00000000-0000-4000-8000-000000000001";
const ADMIN = "member-test-00000000-0000-4000-8000-0000000000a1";
const PLAIN = "member-test-00000000-0000-4000-8000-0000000000b2";
const OTHER_ORG = "organization-test-00000000-0000-4000-8000-0000000000c3";
const OUTSIDER = "member-test-00000000-0000-4000-8000-0000000000c4";
const RBAC_DATA = {
  ...DATA,
  organizations: [
    ...DATA.organizations,
    { organization_id: OTHER_ORG, organization_name: "Other", organization_slug: "other-org" },
  ],
  members: [
    ...DATA.members,
    {
      member_id: ADMIN,
      organization_id: ORG,
      email_address: "admin@acme.example",
      roles: [{ role_id: "stytch_admin", sources: [{ type: "direct_assignment" }] }],
    },
    { member_id: PLAIN, organization_id: ORG, email_address: "plain@acme.example" },
    {
      member_id: OUTSIDER,
      organization_id: OTHER_ORG,
      email_address: "admin@other.example",
      roles: [{ role_id: "stytch_admin", sources: [{ type: "direct_assignment" }] }],
    },
  ],
};

/** A clock the tests move: 10 s into a minute, so a window of 60 s has 50 s left. */
const clock = { now: Date.UTC(2026, 0, 1, 12, 0, 10) };
const json = { ...{ authorization: AUTH }, "content-type": "application/json" };

let emulator: TestEmulator;
let sdk: { b2c: stytch.Client; b2b: stytch.B2BClient };
beforeAll(async () => {
  vi.spyOn(console, "warn").mockImplementation(() => undefined); // the SDK warns about a non-Stytch `env`
  emulator = await startEmulator({ data: RBAC_DATA, clock: () => clock.now, faultTimeoutMs: 400 });
  const config = { project_id: PROJECT_ID, secret: SECRET, env: `${emulator.url}/` };
  sdk = { b2c: new stytch.Client(config), b2b: new stytch.B2BClient(config) };
});
afterAll(() => vi.restoreAllMocks());

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${emulator.url}${path}`, { method: "POST", headers: { ...json, ...headers }, body: JSON.stringify(body) });
const mint = async (member_id: string, organization_id = ORG, extra: object = {}) => {
  const r = await post("/__fake/sessions", { member_id, organization_id, ...extra });
  expect(r.status).toBe(200);
  return (await r.json()) as { session_token: string; session_jwt: string; expires_at: string };
};

describe("rate limits as Stytch documents them (--rate-limits docs, the default)", () => {
  it("users.search through the official SDK: the 151st call in a minute is a 429 too_many_requests, with Retry-After to the next minute", async () => {
    clock.now = Date.UTC(2026, 0, 1, 12, 1, 10);
    for (let i = 0; i < 150; i++) await sdk.b2c.users.search({ limit: 1 });
    const error = await sdk.b2c.users.search({ limit: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(stytch.StytchError);
    expect(error).toMatchObject({
      status_code: 429,
      error_type: "too_many_requests",
      request_id: expect.stringMatching(/^request-id-test-/),
    });
    const raw = await post("/v1/users/search", { limit: 1 });
    expect(raw.status).toBe(429);
    expect(raw.headers.get("retry-after")).toBe("50");
    expect(raw.headers.get("access-control-expose-headers")).toContain("Retry-After");
    // The window is per operation: members search still answers.
    expect((await post("/v1/b2b/organizations/members/search", { organization_ids: [ORG] })).status).toBe(200);
    clock.now += 50_000; // top of the next minute
    await expect(sdk.b2c.users.search({ limit: 1 })).resolves.toMatchObject({ status_code: 200 });
  });

  it("members search allows 100 a minute; get has no documented limit and is never refused", async () => {
    clock.now = Date.UTC(2026, 0, 1, 12, 5, 0);
    const statuses = [];
    for (let i = 0; i < 101; i++)
      statuses.push((await post("/v1/b2b/organizations/members/search", { organization_ids: [ORG] })).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(100);
    expect(statuses.at(-1)).toBe(429);
    const user = DATA.users[0].user_id;
    for (let i = 0; i < 300; i++)
      expect((await fetch(`${emulator.url}/v1/users/${user}`, { headers: json })).status).toBe(200);
  });

  it("--rate-limits off lets any number through; a table of one's own sets other limits", async () => {
    const off = await startEmulator({ rateLimits: "off", clock: () => clock.now });
    for (let i = 0; i < 160; i++)
      expect((await fetch(`${off.url}/v1/users/search`, { method: "POST", headers: json, body: "{}" })).status).toBe(
        200,
      );
    const own = await startEmulator({
      rateLimits: { getUser: { requests: 2, perSeconds: 1 } },
      clock: () => clock.now,
    });
    const user = DATA.users[0].user_id;
    const got = [];
    for (let i = 0; i < 3; i++) got.push((await fetch(`${own.url}/v1/users/${user}`, { headers: json })).status);
    expect(got).toEqual([200, 200, 429]);
  });
});

describe("faults and latency on demand", () => {
  const fault = (f: string, extra: Record<string, string> = {}) => ({ "stytch-emulator-fault": f, ...extra });

  it("Stytch-Emulator-Fault: 429, 500 and 503 answer in the API's error object; none changes the store", async () => {
    const before = emulator.fake.snapshot();
    const cases = [
      ["429", 429, "too_many_requests"],
      ["500", 500, "internal_server_error"],
      ["503", 503, "service_unavailable"],
    ] as const;
    for (const [f, status, type] of cases) {
      const r = await post("/v1/users", { email: `fault-${f}@example.com` }, fault(f));
      expect(r.status, f).toBe(status);
      expect(await r.json(), f).toMatchObject({ status_code: status, error_type: type });
      if (f === "429") expect(r.headers.get("retry-after")).toBe("1");
    }
    const error = await sdk.b2c.users.create({ email: "sdk-fault@example.com" }).catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(stytch.StytchError); // no header from the SDK: the create went through
    expect(emulator.fake.snapshot().users).toHaveLength(before.users.length + 1);
    const after = emulator.fake.snapshot();
    after.users = after.users.filter((u) => u.emails[0]?.email !== "sdk-fault@example.com");
    expect(after).toEqual(before);
  });

  it("reset drops the connection; timeout holds the request until the client gives up; neither changes the store", async () => {
    const before = emulator.fake.snapshot();
    await expect(post("/v1/users", { email: "reset@example.com" }, fault("reset"))).rejects.toThrow(/fetch failed/);
    const aborted = await fetch(`${emulator.url}/v1/users`, {
      method: "POST",
      headers: { ...json, ...fault("timeout") },
      body: JSON.stringify({ email: "timeout@example.com" }),
      signal: AbortSignal.timeout(150),
    }).catch((e: Error) => e.name);
    expect(aborted).toBe("TimeoutError");
    // A client that never gives up is dropped by the emulator after faultTimeoutMs (400 ms here).
    await expect(post("/v1/users", { email: "held@example.com" }, fault("timeout"))).rejects.toThrow(/fetch failed/);
    expect(emulator.fake.snapshot()).toEqual(before);
    // Nothing is left open by the held requests.
    const open = await new Promise<number>((resolve) => emulator.server.getConnections((_, n) => resolve(n)));
    expect(open).toBeLessThanOrEqual(1);
  });

  it("Stytch-Emulator-Latency delays the answer; bad values are a 400 naming the header", async () => {
    const started = performance.now();
    const r = await fetch(`${emulator.url}/v1/users/${DATA.users[0].user_id}`, {
      headers: { ...json, "stytch-emulator-latency": "120" },
    });
    expect(r.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(115);
    for (const [name, value] of [
      ["stytch-emulator-latency", "30001"],
      ["stytch-emulator-latency", "-1"],
      ["stytch-emulator-fault", "418"],
    ]) {
      const bad = await fetch(`${emulator.url}/v1/users/${DATA.users[0].user_id}`, {
        headers: { ...json, [name!]: value! },
      });
      expect(bad.status).toBe(400);
      expect((await bad.json()).error_message).toMatch(/Stytch-Emulator-(Latency|Fault)/);
    }
  });

  it("a seeded scenario gives the same faults in the same order twice; applyThenFail writes and then answers 500", async () => {
    const scenario = {
      seed: 7,
      operations: {
        getUser: { faults: { "500": 0.3, "503": 0.2 } },
        createUser: { faults: { "500": 1 }, applyThenFail: true },
      },
    };
    const run = async () => {
      const e = await startEmulator({ scenario, rateLimits: "off" });
      const statuses = [];
      for (let i = 0; i < 40; i++)
        statuses.push((await fetch(`${e.url}/v1/users/${DATA.users[0].user_id}`, { headers: json })).status);
      const created = await fetch(`${e.url}/v1/users`, {
        method: "POST",
        headers: json,
        body: JSON.stringify({ email: "applied@example.com" }),
      });
      return {
        statuses,
        created: created.status,
        stored: e.fake.snapshot().users.some((u) => u.emails[0]?.email === "applied@example.com"),
      };
    };
    const first = await run();
    const second = await run();
    expect(second).toEqual(first);
    expect(new Set(first.statuses)).toEqual(new Set([200, 500, 503]));
    expect(first.created).toBe(500);
    expect(first.stored).toBe(true);
  });
});

describe("member sessions and RBAC", () => {
  it("the official SDK with a stytch_member session is refused an admin-only call (403 unauthorized_action); stytch_admin's passes", async () => {
    const plain = await mint(PLAIN);
    const admin = await mint(ADMIN);
    const before = emulator.fake.snapshot();
    const refused = await sdk.b2b.organizations.members
      .create(
        { organization_id: ORG, email_address: "new1@acme.example" },
        { authorization: { session_token: plain.session_token } },
      )
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(stytch.StytchError);
    expect(refused).toMatchObject({ status_code: 403, error_type: "unauthorized_action" });
    expect(emulator.fake.snapshot()).toEqual(before);
    const created = await sdk.b2b.organizations.members.create(
      { organization_id: ORG, email_address: "new1@acme.example" },
      { authorization: { session_jwt: admin.session_jwt } },
    );
    expect(created.status_code).toBe(200);
    await expect(
      sdk.b2b.organizations.delete({ organization_id: ORG }, { authorization: { session_token: plain.session_token } }),
    ).rejects.toMatchObject({ status_code: 403, error_type: "unauthorized_action" });
  });

  it("stytch.self: a member may rename itself but not another member", async () => {
    const plain = await mint(PLAIN);
    const own = await sdk.b2b.organizations.members.update(
      { organization_id: ORG, member_id: PLAIN, name: "Plain Self" },
      { authorization: { session_token: plain.session_token } },
    );
    expect(own.member.name).toBe("Plain Self");
    await expect(
      sdk.b2b.organizations.members.update(
        { organization_id: ORG, member_id: ADMIN, name: "x" },
        { authorization: { session_token: plain.session_token } },
      ),
    ).rejects.toMatchObject({ status_code: 403, error_type: "unauthorized_action" });
    await expect(
      sdk.b2b.organizations.members.update(
        { organization_id: ORG, member_id: PLAIN, roles: ["stytch_admin"] },
        { authorization: { session_token: plain.session_token } },
      ),
    ).rejects.toMatchObject({ status_code: 403 });
  });

  it("a session of another organization is a 403; an unknown, forged, expired or revoked one is a 404 session_not_found", async () => {
    const outsider = await mint(OUTSIDER, OTHER_ORG);
    const create = (authorization: Record<string, string>) =>
      sdk.b2b.organizations.members.create(
        { organization_id: ORG, email_address: `x${Math.random()}@acme.example` },
        { authorization },
      );
    await expect(create({ session_token: outsider.session_token })).rejects.toMatchObject({
      status_code: 403,
      error_type: "unauthorized_action",
    });
    await expect(create({ session_token: "mZAYn5aLEqKUlZ_Ad9U_fWr38GaAQ1oFAhT8ds245v7Q" })).rejects.toMatchObject({
      status_code: 404,
      error_type: "session_not_found",
    });
    const admin = await mint(ADMIN, ORG, { expires_in_minutes: 5 });
    const [h, p] = admin.session_jwt.split(".");
    const none = `${Buffer.from(JSON.stringify({ alg: "none", typ: "JWT" })).toString("base64url")}.${p}.`;
    const resigned = `${h}.${p}.${"A".repeat(342)}`;
    for (const jwt of [none, resigned, "not.a.jwt", "x".repeat(8000)]) {
      await expect(create({ session_jwt: jwt })).rejects.toMatchObject({
        status_code: 404,
        error_type: "session_not_found",
      });
    }
    clock.now += 5 * 60_000; // the session's end
    await expect(create({ session_token: admin.session_token })).rejects.toMatchObject({
      status_code: 404,
      error_type: "session_not_found",
    });
    const both = await post(
      `/v1/b2b/organizations/${ORG}/members`,
      { email_address: "both@acme.example" },
      {
        "x-stytch-member-session": "a",
        "x-stytch-member-sessionjwt": "b",
      },
    );
    expect(both.status).toBe(400);
  });

  it("a project role from --data (rbac.roles) grants its permissions, and no more", async () => {
    const e = await startEmulator({
      clock: () => clock.now,
      data: {
        ...RBAC_DATA,
        rbac: {
          roles: [{ role_id: "member-manager", permissions: [{ resource_id: "stytch.member", actions: ["create"] }] }],
        },
        members: [
          ...RBAC_DATA.members,
          {
            member_id: "member-test-00000000-0000-4000-8000-0000000000d5",
            organization_id: ORG,
            email_address: "mgr@acme.example",
            roles: [{ role_id: "member-manager", sources: [{ type: "direct_assignment" }] }],
          },
        ],
      },
    });
    const r = await fetch(`${e.url}/__fake/sessions`, {
      method: "POST",
      headers: json,
      body: JSON.stringify({ member_id: "member-test-00000000-0000-4000-8000-0000000000d5", organization_id: ORG }),
    });
    const { session_token } = await r.json();
    const create = await fetch(`${e.url}/v1/b2b/organizations/${ORG}/members`, {
      method: "POST",
      headers: { ...json, "x-stytch-member-session": session_token },
      body: JSON.stringify({ email_address: "by-mgr@acme.example" }),
    });
    expect(create.status).toBe(200);
    const del = await fetch(`${e.url}/v1/b2b/organizations/${ORG}`, {
      method: "DELETE",
      headers: { ...json, "x-stytch-member-session": session_token },
    });
    expect(del.status).toBe(403);
  });

  it("POST /__fake/sessions refuses bad input clearly; the JWKS serves the key that verifies the JWTs; logs hold no token", async () => {
    expect((await post("/__fake/sessions", { member_id: "member-test-nope", organization_id: ORG })).status).toBe(404);
    expect(
      (await post("/__fake/sessions", { member_id: ADMIN, organization_id: ORG, expires_in_minutes: 1 })).status,
    ).toBe(400);
    expect((await post("/__fake/sessions", [])).status).toBe(400);
    const admin = await mint(ADMIN);
    const jwks = await (await fetch(`${emulator.url}/v1/b2b/sessions/jwks/${PROJECT_ID}`)).json();
    expect(jwks.keys).toHaveLength(1);
    const key = await crypto.subtle.importKey(
      "jwk",
      jwks.keys[0],
      { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" },
      false,
      ["verify"],
    );
    const [h, p, s] = admin.session_jwt.split(".");
    expect(
      await crypto.subtle.verify(
        "RSASSA-PKCS1-v1_5",
        key,
        Buffer.from(s!, "base64url"),
        new TextEncoder().encode(`${h}.${p}`),
      ),
    ).toBe(true);
    expect(JSON.parse(Buffer.from(p!, "base64url").toString())).toMatchObject({
      sub: ADMIN,
      "https://stytch.com/organization": { organization_id: ORG },
    });
    const logged = JSON.stringify(emulator.logs);
    expect(logged).not.toContain(admin.session_token);
    expect(logged).not.toContain(admin.session_jwt.slice(0, 40));
  });
});

import * as stytch from "stytch";
import { describe, expect, it } from "vitest";
import { behaviourEmulator, json, ORG } from "./behaviour-support.js";
import { DATA, startEmulator } from "./support.js";

/**
 * What applications must cope with, against the emulator and the official Node SDK: Stytch's documented rate limits
 * (429 with Retry-After), and faults and latency on demand. Member sessions checked against Stytch's RBAC policy are
 * in behaviour-rbac.test.ts. Time comes from a clock each test moves, never from waiting.
 */

const { clock, emulator, sdk, post } = await behaviourEmulator();

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

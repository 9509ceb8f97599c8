import * as stytch from "stytch";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createStytchClient } from "../../src/index.js";
import { contractClient } from "../support/contract.js";
import { startStatefulMock } from "../support/stateful.js";
import { clientSecretRotation, membersInTwoOrganizations, pageThrough, userLifecycle, type Api } from "./scenarios.js";

const USERS = 2_500;
const marker = `bulk${Math.random().toString(36).slice(2, 8)}`;
const bulkIds: string[] = [];
const stateful = await startStatefulMock();

/**
 * 2,500 users for the pagination scenarios, written straight to the fake (set-up, not what is proven), one after
 * the other: the fake lists users in the order it created them, and 50 creates in flight at once may reach it in
 * any order under load, so `bulkIds` (the order they were sent) was not always the creation order the pagination
 * tests compare with (the failures at their `toEqual(bulkIds)`).
 */
beforeAll(async () => {
  const direct = createStytchClient({
    projectId: "project-test-x",
    secret: "s",
    baseUrl: stateful.upstreamUrl,
    maxRetries: 0,
  });
  for (let i = 0; i < USERS; i++) {
    bulkIds.push((await direct.users.create({ email: `${marker}-${String(i).padStart(4, "0")}@example.com` })).user_id);
  }
}, 120_000);

describe("scenarios against the stateful mock (HTTP, behind prism proxy --errors), with our client", () => {
  const harness = contractClient(stateful.url);
  const api: Api = harness.stytch;
  const clean = () => {
    expect(harness.exchanges.flatMap((x) => x.violations)).toEqual([]);
    harness.exchanges.length = 0;
  };

  it("user lifecycle: create, get, update metadata, search, delete a phone, delete, 404", async () => {
    await userLifecycle(api);
    clean();
  });
  it("one person as a member of two organizations", async () => {
    await membersInTwoOrganizations(api);
    clean();
  });
  it("client secret rotation: start, rotate, start, cancel", async () => {
    await clientSecretRotation(api);
    clean();
  });
  it(`${USERS} users paged with limit 100: every user exactly once, in creation order`, {
    timeout: 120_000,
  }, async () => {
    const { ids, pages, totals } = await pageThrough(api, marker);
    expect(ids).toEqual(bulkIds);
    expect(new Set(ids).size).toBe(USERS);
    expect(pages).toBe(USERS / 100);
    expect([...totals]).toEqual([USERS]);
    clean();
  });
});

describe("the same scenarios with the official Node SDK (npm stytch) against the stateful mock", () => {
  let sdk: Api;
  beforeAll(() => {
    // The SDK refuses a non-https custom_base_url, so the mock goes in as `env`, which only warns.
    vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const config = { project_id: "project-test-11111111-2222", secret: "secret-test-abc", env: `${stateful.url}/` };
    const b2c = new stytch.Client(config);
    const b2b = new stytch.B2BClient(config);
    // The SDK's own types differ in detail from the generated ones; the scenarios check the values at run time.
    sdk = { users: b2c.users, organizations: b2b.organizations, connectedApp: b2c.connectedApp } as unknown as Api;
  });
  afterAll(() => {
    vi.restoreAllMocks();
  });

  it("user lifecycle", async () => {
    await userLifecycle(sdk);
  });
  it("one person as a member of two organizations", async () => {
    await membersInTwoOrganizations(sdk);
  });
  it("client secret rotation", async () => {
    await clientSecretRotation(sdk);
  });
  it(`${USERS} users paged with limit 100`, { timeout: 120_000 }, async () => {
    const { ids, pages } = await pageThrough(sdk, marker);
    expect(ids).toEqual(bulkIds);
    expect(pages).toBe(USERS / 100);
  });
});

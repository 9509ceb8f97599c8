import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { routeFor, specRoutes } from "../../scripts/lib/wire-replay.mjs";
import { createStytchFake } from "../../src/fake/index.js";
import { createStytchClient } from "../../src/index.js";
import { contractClient } from "../support/contract.js";
import { APP, callEveryOperation, M0 } from "../support/every-operation.js";
import { startStatefulMock } from "../support/stateful.js";
import { operations } from "../../src/generated/operations.js";

const spec = parse(readFileSync(new URL("../../dist/openapi.yaml", import.meta.url), "utf8"));
const routes = specRoutes(spec);
const stateful = await startStatefulMock();

describe("the stateful mock answers every operation of the spec", () => {
  it("over HTTP behind prism proxy --errors: every operation once, each a 200 with zero violations", async () => {
    const harness = contractClient(stateful.url);
    const r = await callEveryOperation(harness.stytch);
    const seen = harness.exchanges.map((x) => ({
      ...x,
      operationId: routeFor(routes, x.method, x.pathname)?.operationId,
    }));
    expect(seen.filter((x) => x.status !== 200 || x.violations.length > 0)).toEqual([]);
    expect(new Set(seen.map((x) => x.operationId))).toEqual(new Set(routes.map((route) => route.operationId)));
    expect(routes).toHaveLength(Object.keys(operations).length);

    // Spot checks that the answers came from state, not from examples.
    expect(r.updated.user.trusted_metadata).toEqual({ a: 1, c: 3 });
    expect(r.searched.results.map((u) => u.user_id)).toEqual([r.updated.user_id]);
    expect(r.apps.connected_apps.map((a) => a.connected_app_id)).toEqual([APP]);
    expect(r.bare.user).toMatchObject({ emails: [], phone_numbers: [], totps: [], password: null, providers: [] });
    expect(r.metrics.member_count).toBe(1);
    expect(r.orgApp.active_members).toEqual([{ member_id: M0, granted_scopes: ["openid", "profile"] }]);
    expect(r.oidc.registrations[0]?.refresh_token).toEqual(expect.any(String));
    expect(r.deleted.member.status).toBe("deleted");
    expect(r.started.connected_app.next_client_secret.slice(-4)).toBe(r.rotated.connected_app.client_secret_last_four);
    expect(r.connected_app.client_secret?.slice(-4)).toBe(r.connected_app.client_secret_last_four);
  });

  it("in-process: the fake's route table is the spec's operations, and the same calls succeed through fake.fetch", async () => {
    const fake = createStytchFake({
      seed: 7,
      data: JSON.parse(readFileSync(new URL("../fixtures/fake/data.json", import.meta.url), "utf8")),
    });
    const toKey = (o: { operationId: string; method: string; path: string }) =>
      `${o.operationId} ${o.method.toUpperCase()} ${o.path}`;
    expect(fake.operations.map(toKey).sort()).toEqual(routes.map(toKey).sort());
    const calls: number[] = [];
    const stytch = createStytchClient({
      projectId: "project-test-x",
      secret: "s",
      maxRetries: 0,
      fetch: async (input, init) => {
        const response = await fake.fetch(input, init);
        calls.push(response.status);
        return response;
      },
    });
    await callEveryOperation(stytch);
    expect(calls.length).toBeGreaterThanOrEqual(Object.keys(operations).length);
    expect(calls.filter((status) => status !== 200)).toEqual([]);
  });
});

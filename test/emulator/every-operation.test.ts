import * as stytch from "stytch";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { loadRecordings, send } from "../../scripts/lib/wire-replay.mjs";
import { createStytchClient, StytchError } from "../../src/index.js";
import { PROJECT_ID, SECRET } from "../support/contract.js";
import { APP, callEveryOperation } from "../support/every-operation.js";
import { vendorCases, type Sdk } from "../vendor/vendor.cases.js";
import { startEmulator } from "./support.js";
import { operations } from "../../src/generated/operations.js";

/**
 * `stytch-openapi serve` (the emulator, no Prism in the path) answers every operation of the spec: our client
 * and the official Node SDK call it, the recorded Ruby, Python and Go SDK requests are replayed against it, and
 * every answer is checked against the spec's response schemas by the emulator's own validator.
 */
const emulator = await startEmulator();

describe("the emulator, with our client", () => {
  it("answers every operation of the table with a 200 from state, each answer valid against the spec", async () => {
    const client = createStytchClient({ projectId: PROJECT_ID, secret: SECRET, baseUrl: emulator.url, maxRetries: 0 });
    emulator.logs.length = 0;
    const r = await callEveryOperation(client);
    expect(emulator.logs.filter((l) => l.status !== 200)).toEqual([]);
    expect(new Set(emulator.logs.map((l) => l.operationId))).toEqual(
      new Set(emulator.validator.operations.map((o) => o.operationId)),
    );
    expect(emulator.validator.operations).toHaveLength(Object.keys(operations).length);
    expect(emulator.responseViolations).toEqual([]);
    expect(r.updated.user.trusted_metadata).toEqual({ a: 1, c: 3 });
    expect(r.apps.connected_apps.map((a) => a.connected_app_id)).toEqual([APP]);
  });

  it("refuses wrong credentials with 401 unauthorized_credentials, as a typed error", async () => {
    const client = createStytchClient({
      projectId: PROJECT_ID,
      secret: "secret-test-wrong",
      baseUrl: emulator.url,
      maxRetries: 0,
    });
    const error = await client.users.search({}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StytchError);
    expect(error).toMatchObject({
      status_code: 401,
      error_type: "unauthorized_credentials",
      request_id: expect.stringMatching(/^request-id-test-/),
    });
  });
});

describe("the emulator, for the Go SDK's start-up", () => {
  it("answers the project's JWKS (consumer and B2B), which the Go SDK fetches when its client is created", async () => {
    for (const path of ["/v1/sessions/jwks/project-test-1", "/v1/b2b/sessions/jwks/project-test-1"]) {
      const answer = await fetch(`${emulator.url}${path}`);
      expect(answer.status, path).toBe(200);
      expect(await answer.json(), path).toMatchObject({
        keys: [],
        status_code: 200,
        request_id: expect.stringMatching(/^request-id-test-/),
      });
    }
  });
});

describe("the emulator, with the official Node SDK (npm stytch)", () => {
  let sdk: Sdk;
  beforeAll(() => {
    // The SDK refuses a non-https custom_base_url, so the emulator goes in as `env`, which only warns.
    vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const config = { project_id: PROJECT_ID, secret: SECRET, env: `${emulator.url}/` };
    sdk = { b2c: new stytch.Client(config), b2b: new stytch.B2BClient(config) };
  });
  afterAll(() => vi.restoreAllMocks());

  it("every operation, with required and with all arguments: accepted by the validator, answered within the spec", async () => {
    emulator.logs.length = 0;
    emulator.responseViolations.length = 0;
    for (const [operationId, c] of Object.entries(vendorCases)) {
      for (const variant of ["minimal", "full"] as const) {
        await c[variant](sdk).catch(() => undefined); // ids of the spec's examples: most answers are 404s
        const entry = emulator.logs.at(-1)!;
        expect([entry.operationId, variant], `${operationId} ${variant}`).toEqual([operationId, variant]);
        expect(entry.invalid, `${operationId} ${variant}: refused by the validator`).toBeUndefined();
        // 400s come from the fake's rules (a duplicate email of the minimal call), 404s from the examples' ids.
        expect([200, 400, 404], `${operationId} ${variant}`).toContain(entry.status);
      }
    }
    expect(emulator.logs).toHaveLength(Object.keys(vendorCases).length * 2);
    expect(emulator.responseViolations).toEqual([]);
  });

  it("a create through the SDK is there to get; wrong credentials are a 401 the SDK surfaces", async () => {
    const created = await sdk.b2c.users.create({ email: `sdk-${Date.now()}@example.com` });
    expect((await sdk.b2c.users.get({ user_id: created.user_id })).emails[0]?.email).toBe(
      created.user.emails[0]?.email,
    );
    const wrong = new stytch.Client({ project_id: PROJECT_ID, secret: "secret-test-wrong", env: `${emulator.url}/` });
    await expect(wrong.users.get({ user_id: created.user_id })).rejects.toMatchObject({
      status_code: 401,
      error_type: "unauthorized_credentials",
    });
  });
});

describe("the emulator, with the recorded requests of the Ruby, Python and Go SDKs", async () => {
  // The recordings carry their own (replay) credentials: an emulator that accepts any.
  const open = await startEmulator({ projectId: undefined, secret: undefined });
  const recordings = await loadRecordings();

  it("accepts every recorded request (no validator refusal) and answers each within the spec", async () => {
    expect(recordings.length).toBeGreaterThanOrEqual(300);
    open.logs.length = 0;
    for (const recording of recordings) {
      const answer = await send(open.url, recording);
      expect([200, 400, 404], `${recording.file}:${recording.line}`).toContain(answer.status);
    }
    expect(open.logs).toHaveLength(recordings.length);
    expect(open.logs.filter((l) => l.invalid !== undefined)).toEqual([]);
    expect(open.responseViolations).toEqual([]);
  });
});

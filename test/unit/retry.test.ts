import { describe, expect, it } from "vitest";
import { createStytchClient, StytchError, StytchRequestError } from "../../src/index.js";
import { backoff, delay, isRetrySafe, RETRY_DEFAULTS, retryAfterMs, shouldRetry } from "../../src/wrappers/retry.js";
import type { FailureReason, Outcome } from "../../src/wrappers/types.js";
import { fakeFetch, json, OK } from "../support/fake-fetch.js";

const failure = (status: number, headers: Record<string, string> = {}) =>
  json({ status_code: status, request_id: "r", error_type: "e", error_message: "m", error_url: "u" }, status, headers);

/** A client whose waits are recorded instead of slept. */
function client(responder: Parameters<typeof fakeFetch>[0], extra: { maxRetries?: number; timeoutMs?: number } = {}) {
  const f = fakeFetch(responder);
  const waits: number[] = [];
  const stytch = createStytchClient({
    projectId: "project-test-x",
    secret: "secret-x",
    fetch: f.fetch,
    sleep: async (ms, signal) => {
      waits.push(ms);
      if (signal?.aborted) throw signal.reason;
    },
    ...extra,
  });
  return { stytch, seen: f.seen, waits };
}

describe("isRetrySafe", () => {
  it("allows reads, PUT, DELETE and search POSTs, never creates or rotations", () => {
    expect(isRetrySafe("GET", "/v1/users/{user_id}")).toBe(true);
    expect(isRetrySafe("PUT", "/v1/users/{user_id}")).toBe(true);
    expect(isRetrySafe("DELETE", "/v1/users/{user_id}")).toBe(true);
    expect(isRetrySafe("POST", "/v1/users/search")).toBe(true);
    expect(isRetrySafe("POST", "/v1/b2b/organizations/members/search")).toBe(true);
    expect(isRetrySafe("POST", "/v1/users")).toBe(false);
    expect(isRetrySafe("POST", "/v1/connected_apps/clients/{client_id}/secrets/rotate")).toBe(false);
  });
});

describe("retryAfterMs", () => {
  it("reads seconds and HTTP dates, caps them, and ignores junk", () => {
    expect(retryAfterMs("2")).toBe(2000);
    expect(retryAfterMs("0")).toBe(0);
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(retryAfterMs("Thu, 01 Jan 2026 00:00:05 GMT", now)).toBe(5000);
    expect(retryAfterMs("Wed, 31 Dec 2025 23:00:00 GMT", now)).toBe(0);
    expect(retryAfterMs("100000")).toBe(RETRY_DEFAULTS.maxRetryAfterMs);
    expect(retryAfterMs("soon")).toBeUndefined();
    expect(retryAfterMs(null)).toBeUndefined();
  });
});

describe("backoff", () => {
  it("grows exponentially, is capped, and jitters between half and all of the ceiling", () => {
    expect(backoff(1, () => 0)).toBe(250);
    expect(backoff(1, () => 1)).toBe(500);
    expect(backoff(3, () => 1)).toBe(2000);
    expect(backoff(20, () => 1)).toBe(RETRY_DEFAULTS.maxDelayMs);
    expect(backoff(20, () => 0)).toBe(RETRY_DEFAULTS.maxDelayMs / 2);
  });
});

describe("shouldRetry and delay", () => {
  const answer = (status: number, retryAfter?: string): Outcome => ({
    kind: "answer",
    response: new Response(null, { status, headers: retryAfter === undefined ? {} : { "retry-after": retryAfter } }),
    body: undefined,
  });
  const failed = (reason: FailureReason): Outcome => ({
    kind: "failure",
    reason,
    error: new StytchRequestError("m", { method: "POST", path: "p", attempts: 1 }),
    response: undefined,
  });
  const create = { maxRetries: 2, retrySafe: false };
  const search = { maxRetries: 2, retrySafe: true };

  it("retries a 429 anywhere; a 5xx, timeout or lost connection where safe; a refusal always; nothing else", () => {
    const statuses = [429, 500, 503, 400, 404, 200];
    expect(statuses.map((s) => shouldRetry(answer(s), 1, create))).toEqual([true, false, false, false, false, false]);
    expect(statuses.map((s) => shouldRetry(answer(s), 1, search))).toEqual([true, true, true, false, false, false]);
    const reasons: FailureReason[] = ["refused", "timeout", "network", "aborted", "redirect", "unreadable"];
    expect(reasons.map((r) => shouldRetry(failed(r), 1, create))).toEqual([true, false, false, false, false, false]);
    expect(reasons.map((r) => shouldRetry(failed(r), 1, search))).toEqual([true, true, true, false, false, false]);
  });

  it("stops once maxRetries retries have been made", () => {
    expect([1, 2, 3].map((attempt) => shouldRetry(answer(429), attempt, create))).toEqual([true, true, false]);
    expect(shouldRetry(failed("refused"), 1, { maxRetries: 0, retrySafe: true })).toBe(false);
  });

  it("waits for Retry-After when it is readable, else backs off", () => {
    expect(delay(1, "3")).toBe(3000);
    expect(delay(2, "soon", () => 1)).toBe(backoff(2, () => 1));
    expect(delay(3, null, () => 0)).toBe(1000);
  });
});

describe("retries", () => {
  it("retries 429 on a create, honouring Retry-After, and re-sends the body intact", async () => {
    const { stytch, seen, waits } = client((_, i) => (i < 2 ? failure(429, { "retry-after": "3" }) : json(OK)));
    await expect(stytch.users.create({ email: "ada@example.com", untrusted_metadata: { a: null } })).resolves.toEqual(
      OK,
    );
    expect(seen).toHaveLength(3);
    expect(waits).toEqual([3000, 3000]);
    expect(new Set(seen.map((s) => s.body))).toEqual(
      new Set(['{"email":"ada@example.com","untrusted_metadata":{"a":null}}']),
    );
  });

  it("retries a 5xx on safe operations with back-off", async () => {
    const { stytch, seen, waits } = client((_, i) => (i === 0 ? failure(503) : json(OK)));
    await stytch.users.search({ limit: 10 });
    expect(seen).toHaveLength(2);
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeGreaterThanOrEqual(250);
    expect(waits[0]).toBeLessThanOrEqual(500);
  });

  it("never repeats a create or a secret rotation after a 5xx or a lost connection", async () => {
    const fiveHundred = client(() => failure(500));
    await expect(fiveHundred.stytch.users.create({ email: "a@b.co" })).rejects.toMatchObject({ status_code: 500 });
    expect(fiveHundred.seen).toHaveLength(1);

    const reset = client(() => {
      throw Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNRESET", message: "reset" } });
    });
    await expect(reset.stytch.connectedApp.clients.secrets.rotate({ client_id: "c" })).rejects.toBeInstanceOf(
      StytchRequestError,
    );
    expect(reset.seen).toHaveLength(1);
  });

  it("retries a refused connection on any operation, since nothing was sent", async () => {
    const { stytch, seen } = client((_, i) => {
      if (i === 0) throw Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNREFUSED" } });
      return json(OK);
    });
    await stytch.users.create({ email: "a@b.co" });
    expect(seen).toHaveLength(2);
  });

  it("gives up after maxRetries and says how many attempts were made", async () => {
    const { stytch, seen } = client(() => failure(429));
    const error = (await stytch.users.get({ user_id: "u" }).catch((e: unknown) => e)) as StytchError;
    expect(error).toBeInstanceOf(StytchError);
    expect(error.attempts).toBe(3);
    expect(error.message).toMatch(/after 3 attempts/);
    expect(seen).toHaveLength(3);
  });

  it("takes maxRetries per client and per call; 0 turns retries off", async () => {
    const perClient = client(() => failure(429), { maxRetries: 0 });
    await expect(perClient.stytch.users.get({ user_id: "u" })).rejects.toMatchObject({ attempts: 1 });
    const perCall = client(() => failure(429), { maxRetries: 5 });
    await expect(perCall.stytch.users.get({ user_id: "u" }, { maxRetries: 1 })).rejects.toMatchObject({
      attempts: 2,
    });
    expect(perCall.seen).toHaveLength(2);
  });
});

describe("what each attempt sends", () => {
  it("re-sends the very bytes of the first attempt even when the caller changes its argument while waiting", async () => {
    const f = fakeFetch((_, i) => (i === 0 ? failure(429) : json(OK)));
    const args = { email: "ada@example.com", untrusted_metadata: { plan: "free" } };
    const stytch = createStytchClient({
      projectId: "project-test-x",
      secret: "s",
      fetch: f.fetch,
      sleep: async () => {
        args.email = "eve@example.com";
        args.untrusted_metadata.plan = "paid";
      },
    });
    await stytch.users.create(args);
    expect(f.seen.map((s) => s.body)).toEqual([
      '{"email":"ada@example.com","untrusted_metadata":{"plan":"free"}}',
      '{"email":"ada@example.com","untrusted_metadata":{"plan":"free"}}',
    ]);
  });
});

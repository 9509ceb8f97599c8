import { getEventListeners } from "node:events";
import { describe, expect, it, vi } from "vitest";
import {
  createStytchClient,
  StytchAbortError,
  StytchError,
  StytchRequestError,
  StytchTimeoutError,
} from "../../src/index.js";
import { backoff, isRetrySafe, RETRY_DEFAULTS, retryAfterMs } from "../../src/wrappers/retry.js";
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

describe("retries", () => {
  it("retries 429 on a create, honouring Retry-After, and re-sends the body intact", async () => {
    const { stytch, seen, waits } = client((_, i) => (i < 2 ? failure(429, { "retry-after": "3" }) : json(OK)));
    await expect(stytch.users.create({ email: "ada@example.com", untrusted_metadata: { a: null } })).resolves.toEqual(OK);
    expect(seen).toHaveLength(3);
    expect(waits).toEqual([3000, 3000]);
    expect(new Set(seen.map((s) => s.body))).toEqual(new Set(['{"email":"ada@example.com","untrusted_metadata":{"a":null}}']));
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

describe("timeouts and cancellation", () => {
  const hang = (seen: unknown, _i: number, signal?: AbortSignal) =>
    new Promise<Response>((_, reject) => signal?.addEventListener("abort", () => reject(signal.reason)));

  function hangingClient(extra: { maxRetries?: number; timeoutMs?: number }) {
    let calls = 0;
    const stytch = createStytchClient({
      projectId: "project-test-x",
      secret: "s",
      fetch: (_url, init) => {
        calls += 1;
        return hang(undefined, 0, init.signal ?? undefined);
      },
      sleep: async () => undefined,
      ...extra,
    });
    return { stytch, calls: () => calls };
  }

  it("ends a hanging call with StytchTimeoutError after timeoutMs, per client and per call", async () => {
    const a = hangingClient({ timeoutMs: 20, maxRetries: 0 });
    await expect(a.stytch.users.get({ user_id: "u" })).rejects.toBeInstanceOf(StytchTimeoutError);
    const b = hangingClient({ timeoutMs: 60_000, maxRetries: 0 });
    await expect(b.stytch.users.get({ user_id: "u" }, { timeoutMs: 20 })).rejects.toThrow(/within 20 ms/);
  });

  it("retries a timed-out safe call and reports the attempts", async () => {
    const c = hangingClient({ timeoutMs: 10, maxRetries: 2 });
    await expect(c.stytch.users.get({ user_id: "u" })).rejects.toMatchObject({
      name: "StytchTimeoutError",
      attempts: 3,
    });
    expect(c.calls()).toBe(3);
  });

  it("times out a body that stalls after the headers", async () => {
    const stytch = createStytchClient({
      projectId: "project-test-x",
      secret: "s",
      maxRetries: 0,
      timeoutMs: 30,
      fetch: async () => new Response(new ReadableStream({ start() {} }), { status: 200 }),
    });
    await expect(stytch.users.get({ user_id: "u" })).rejects.toBeInstanceOf(StytchTimeoutError);
  });

  it("stops at once when the caller's signal aborts, during a request or while waiting to retry", async () => {
    const a = hangingClient({ maxRetries: 0 });
    const controller = new AbortController();
    const pending = a.stytch.users.get({ user_id: "u" }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 5);
    await expect(pending).rejects.toBeInstanceOf(StytchAbortError);

    const already = new AbortController();
    already.abort();
    await expect(a.stytch.users.get({ user_id: "u" }, { signal: already.signal })).rejects.toBeInstanceOf(
      StytchAbortError,
    );

    const waiting = new AbortController();
    const f = fakeFetch(() => failure(429, { "retry-after": "30" }));
    const stytch = createStytchClient({ projectId: "project-test-x", secret: "s", fetch: f.fetch });
    const started = Date.now();
    const call = stytch.users.get({ user_id: "u" }, { signal: waiting.signal });
    setTimeout(() => waiting.abort(), 20);
    await expect(call).rejects.toThrow(/aborted while waiting to retry/);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(f.seen).toHaveLength(1);
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

  /** A client whose fetch never answers and records the signal each attempt was given. */
  function recordingClient(extra: { maxRetries?: number; timeoutMs?: number }) {
    const signals: (AbortSignal | undefined)[] = [];
    const stytch = createStytchClient({
      projectId: "project-test-x",
      secret: "s",
      sleep: async () => undefined,
      fetch: (_url, init) => {
        signals.push(init.signal ?? undefined);
        return new Promise<Response>(() => {});
      },
      ...extra,
    });
    return { stytch, signals };
  }

  it("hands every attempt a signal of its own, aborted on its timeout or with the caller's, never the caller's", async () => {
    const { stytch, signals } = recordingClient({ maxRetries: 0 });
    const bare = stytch.users.get({ user_id: "u" }, { timeoutMs: 20 });
    const caller = new AbortController();
    const call = stytch.users.get({ user_id: "u" }, { signal: caller.signal });
    expect(signals[0]).toBeInstanceOf(AbortSignal);
    expect(signals[1]).toBeInstanceOf(AbortSignal);
    expect(signals[1]).not.toBe(caller.signal);
    caller.abort();
    await expect(call).rejects.toBeInstanceOf(StytchAbortError);
    // The caller's abort reaches the request itself.
    expect(signals[1]?.aborted).toBe(true);
    await expect(bare).rejects.toBeInstanceOf(StytchTimeoutError);
    // The timeout tears the request down, on a fresh client, without a caller's signal.
    expect(signals[0]?.aborted).toBe(true);
  });

  it("leaves no listener on the caller's signal, however many calls it spans (undici never removes its own)", async () => {
    const caller = new AbortController();
    let added = 0;
    const stytch = createStytchClient({
      projectId: "project-test-x",
      secret: "s",
      // Like undici: a listener on the request's signal per request, never removed.
      fetch: async (_url, init) => {
        init.signal?.addEventListener("abort", () => undefined);
        added += 1;
        return json(OK);
      },
    });
    for (let i = 0; i < 2_000; i++) await stytch.users.get({ user_id: "u" }, { signal: caller.signal });
    expect(added).toBe(2_000);
    expect(getEventListeners(caller.signal, "abort")).toHaveLength(0);
  });

  it("leaves no timer holding the process once a call has ended", async () => {
    const timers = () => process.getActiveResourcesInfo().filter((kind) => kind === "Timeout").length;
    const before = timers();
    const f = fakeFetch(() => json(OK));
    const stytch = createStytchClient({ projectId: "project-test-x", secret: "s", timeoutMs: 60_000, fetch: f.fetch });
    const call = stytch.users.get({ user_id: "u" });
    expect(timers()).toBe(before + 1);
    await call;
    expect(timers()).toBe(before);
  });

  it("aborts each timed-out attempt's own signal, retries included, and leaves the caller's alone", async () => {
    const { stytch, signals } = recordingClient({ maxRetries: 2, timeoutMs: 10 });
    const caller = new AbortController();
    await expect(stytch.users.get({ user_id: "u" }, { signal: caller.signal })).rejects.toMatchObject({
      name: "StytchTimeoutError",
      attempts: 3,
    });
    expect(signals).toHaveLength(3);
    expect(new Set(signals).size).toBe(3);
    expect(signals.every((signal) => signal?.aborted === true)).toBe(true);
    expect(caller.signal.aborted).toBe(false);
  });

  it("aborts the request in flight when the caller's signal aborts, even if the fetch ignores signals", async () => {
    const stytch = createStytchClient({
      projectId: "project-test-x",
      secret: "s",
      fetch: () => new Promise<Response>(() => {}),
    });
    const controller = new AbortController();
    const call = stytch.users.get({ user_id: "u" }, { signal: controller.signal });
    controller.abort();
    await expect(call).rejects.toBeInstanceOf(StytchAbortError);
  });
});

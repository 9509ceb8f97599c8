import { getEventListeners } from "node:events";
import { describe, expect, it } from "vitest";
import { createStytchClient, StytchAbortError, StytchTimeoutError } from "../../src/index.js";
import { fakeFetch, json, OK } from "../support/fake-fetch.js";

// Each attempt runs under its own deadline (src/wrappers/deadline.ts): a timeout or the caller's abort ends it at
// once, tears its request down, and leaves nothing behind.

const failure = (status: number, headers: Record<string, string> = {}) =>
  json({ status_code: status, request_id: "r", error_type: "e", error_message: "m", error_url: "u" }, status, headers);

describe("timeouts and cancellation", () => {
  const hang = (_seen: unknown, _i: number, signal?: AbortSignal) =>
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

import {
  StytchAbortError,
  StytchRequestError,
  StytchTimeoutError,
  summarizeCause,
} from "./errors.js";

/**
 * The retry and timeout policy, in one place.
 *
 * | what happened                         | retried when                                          |
 * |---------------------------------------|-------------------------------------------------------|
 * | 429 Too Many Requests                 | always, on every operation                            |
 * | 5xx answer, timeout, connection lost  | only where repeating is safe: GET, PUT, DELETE and    |
 * |                                       | the read-only search POSTs — never a create or a      |
 * |                                       | secret rotation, whose first attempt may have landed  |
 * | connection refused (nothing was sent) | always                                                |
 * | any other answer                      | never                                                 |
 *
 * Waits follow `Retry-After` (seconds or HTTP date, capped at `maxRetryAfterMs`) when the answer has one, else
 * capped exponential back-off with jitter. `timeoutMs` bounds each attempt, from sending to the last byte.
 */
export const RETRY_DEFAULTS = {
  maxRetries: 2,
  timeoutMs: 30_000,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
} as const;

/**
 * Whether an operation may be repeated after a 5xx or a lost connection without risk of doing it twice.
 * @example
 * isRetrySafe("POST", "/v1/users/search"); // true
 * isRetrySafe("POST", "/v1/users");        // false
 */
export function isRetrySafe(method: string, pathTemplate: string): boolean {
  const m = method.toUpperCase();
  if (m === "GET" || m === "PUT" || m === "DELETE") return true;
  return m === "POST" && pathTemplate.endsWith("/search");
}

/** A `fetch`-compatible function: `globalThis.fetch`, undici's, node-fetch, or a test double. */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

/** Settings of one call, after per-client defaults and per-call options are merged. */
export interface AttemptSettings {
  method: string;
  /** Route template, used in error messages instead of the concrete URL. */
  path: string;
  maxRetries: number;
  timeoutMs: number;
  signal?: AbortSignal | undefined;
  retrySafe: boolean;
  redact: (text: string) => string;
  /** Injected in tests; defaults to a timer-based sleep. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
}

/** What the wrapper learnt while running a call, read by the caller for its error messages. */
export interface AttemptState {
  attempts: number;
}

/**
 * Wraps `fetch` with the retry and timeout policy above; one wrapper per call. The request body is read once
 * and re-sent intact on every attempt; the answer's body is read under the timeout, so a stalled body times out
 * too.
 * @example
 * const state = { attempts: 0 };
 * const f = resilientFetch(fetch, { method: "GET", path: "/v1/users/{user_id}", ...RETRY_DEFAULTS, retrySafe: true, redact: (s) => s }, state);
 */
export function resilientFetch(
  baseFetch: FetchLike,
  settings: AttemptSettings,
  state: AttemptState,
): (request: Request) => Promise<Response> {
  const sleep = settings.sleep ?? abortableSleep;
  const random = settings.random ?? Math.random;
  const fail = (Kind: typeof StytchRequestError, message: string, cause?: unknown) =>
    new Kind(message, {
      method: settings.method,
      path: settings.path,
      attempts: state.attempts,
      cause: cause === undefined ? undefined : summarizeCause(cause, settings.redact),
    });

  return async (request) => {
    const body = request.body ? await request.arrayBuffer() : undefined;
    for (;;) {
      if (settings.signal?.aborted) throw fail(StytchAbortError, "The call was aborted");
      state.attempts += 1;
      const canRetry = state.attempts <= settings.maxRetries;
      let response: Response;
      try {
        response = await attempt(baseFetch, request, body, settings);
      } catch (error) {
        if (settings.signal?.aborted) throw fail(StytchAbortError, "The call was aborted", error);
        const timedOut = error instanceof AttemptTimeout;
        const refused = causeCode(error) === "ECONNREFUSED";
        const failure = timedOut
          ? fail(StytchTimeoutError, `No complete answer within ${settings.timeoutMs} ms`)
          : fail(StytchRequestError, `The request failed before an answer arrived`, error);
        if (!canRetry || !(settings.retrySafe || refused)) throw failure;
        await wait(backoff(state.attempts, random));
        continue;
      }
      const retryable = response.status === 429 || (response.status >= 500 && settings.retrySafe);
      if (!retryable || !canRetry) return response;
      await wait(retryAfterMs(response.headers.get("retry-after")) ?? backoff(state.attempts, random));
    }
  };

  async function wait(ms: number): Promise<void> {
    try {
      await sleep(ms, settings.signal);
    } catch (error) {
      throw fail(StytchAbortError, "The call was aborted while waiting to retry", error);
    }
  }
}

class AttemptTimeout extends Error {}

// Timers hold a signed 32-bit delay; a longer one fires at once (Node's TimeoutOverflowWarning), so a
// `timeoutMs` of 3e9 used to time every attempt out after 1 ms. Clamped, it waits ~24.8 days instead.
const MAX_TIMER_MS = 2 ** 31 - 1;

async function attempt(
  baseFetch: FetchLike,
  request: Request,
  body: ArrayBuffer | undefined,
  settings: AttemptSettings,
): Promise<Response> {
  const controller = new AbortController();
  const onAbort = () => controller.abort(settings.signal?.reason);
  settings.signal?.addEventListener("abort", onAbort, { once: true });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const reason = new AttemptTimeout();
      controller.abort(reason);
      reject(reason);
    }, Math.min(settings.timeoutMs, MAX_TIMER_MS));
  });
  try {
    const exchange = (async () => {
      // URL + init rather than another Request: a Request costs ~35 µs to build and fetch would copy it again.
      const response = await baseFetch(request.url, {
        method: request.method,
        headers: request.headers,
        body,
        signal: controller.signal,
        redirect: request.redirect,
      });
      // Read the body under the timeout, then hand back a complete, re-readable answer.
      const bytes = await response.arrayBuffer();
      const nullBody = [101, 204, 205, 304].includes(response.status);
      return new Response(nullBody ? null : bytes, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
    })();
    exchange.catch(() => undefined); // the loser of the race must not become an unhandled rejection
    return await Promise.race([exchange, timeout]);
  } finally {
    clearTimeout(timer);
    settings.signal?.removeEventListener("abort", onAbort);
  }
}

/** Capped exponential back-off with "equal jitter": half fixed, half random. */
export function backoff(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(RETRY_DEFAULTS.maxDelayMs, RETRY_DEFAULTS.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

/**
 * Milliseconds to wait from a `Retry-After` header (delta-seconds or HTTP date), capped; undefined when absent
 * or unreadable.
 * @example
 * retryAfterMs("2"); // 2000
 */
export function retryAfterMs(header: string | null, now: number = Date.now()): number | undefined {
  if (header === null || header.trim() === "") return undefined;
  const value = header.trim();
  const ms = /^\d+$/.test(value) ? Number(value) * 1000 : Date.parse(value) - now;
  if (Number.isNaN(ms)) return undefined;
  return Math.min(Math.max(ms, 0), RETRY_DEFAULTS.maxRetryAfterMs);
}

/** Resolves after `ms`, or rejects at once with the signal's reason when it aborts. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, Math.min(ms, MAX_TIMER_MS));
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

function causeCode(error: unknown): unknown {
  const e = error as { code?: unknown; cause?: { code?: unknown } } | null;
  return e?.code ?? e?.cause?.code;
}

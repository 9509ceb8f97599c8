import {
  StytchAbortError,
  StytchRequestError,
  StytchTimeoutError,
  summarizeCause,
} from "./errors.js";
import type { RequestEvent, ResponseEvent } from "./types.js";

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
 * | a redirect (3xx)                      | never, nor followed: a StytchRedirectError            |
 * | any other answer, a 2xx not JSON      | never                                                 |
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
  /** Route template, used in error messages and hooks instead of the concrete URL. */
  path: string;
  maxRetries: number;
  timeoutMs: number;
  signal?: AbortSignal | undefined;
  retrySafe: boolean;
  redact: (text: string) => string;
  /** Injected in tests; defaults to a timer-based sleep. */
  sleep?: ((ms: number, signal?: AbortSignal) => Promise<void>) | undefined;
  random?: () => number;
  /** Called after each attempt (see `StytchClientConfig.onResponse`); absent means no clock is read at all. */
  onResponse?: ((event: ResponseEvent) => void) | undefined;
}

/** What one attempt of a call produced: openapi-fetch's result, the answer's body already read. */
export interface Exchange {
  response: Response;
  data?: unknown;
  error?: unknown;
}

/** What the call learnt while running, read by the caller for its error messages and by the send function. */
export interface AttemptState {
  attempts: number;
  /** Whether the current attempt reached `fetch` (false: the request could not even be built). */
  sent: boolean;
  /** The current attempt's `onRequest` event, built only when a hook is set. */
  request?: RequestEvent | undefined;
  /** The current attempt's answer, once its headers have arrived. */
  response?: Response | undefined;
}

/**
 * Runs `send` (one openapi-fetch call, body included) under the retry and timeout policy above. An attempt ends
 * when `timeoutMs` passes before the last byte of the answer or when the caller's signal aborts, at once, even
 * when the fetch in use ignores signals (see `attempt` for what is aborted).
 * @example
 * const state = { attempts: 0, sent: false };
 * const { data } = await withRetries((signal) => client.request("get", path, { ...init, signal }), settings, state);
 */
export async function withRetries<T extends Exchange>(
  send: (signal: AbortSignal) => Promise<T>,
  settings: AttemptSettings,
  state: AttemptState,
): Promise<T> {
  const { signal, onResponse } = settings;
  for (;;) {
    if (signal?.aborted) throw failure(StytchAbortError, "The call was aborted", settings, state);
    state.attempts += 1;
    state.sent = false;
    state.request = undefined;
    state.response = undefined;
    const canRetry = state.attempts <= settings.maxRetries;
    const started = onResponse ? performance.now() : 0;
    let exchange: T;
    try {
      exchange = await attempt(send, settings);
    } catch (error) {
      const aborted = signal?.aborted === true;
      const timedOut = !aborted && error instanceof AttemptTimeout;
      // Nothing went out: the URL could not be built. Not an attempt; the caller reports it.
      if (!aborted && !timedOut && !state.sent) throw error;
      let retry = false;
      let err: StytchRequestError;
      if (aborted) err = failure(StytchAbortError, "The call was aborted", settings, state, error);
      else if (timedOut) {
        retry = canRetry && settings.retrySafe;
        err = failure(StytchTimeoutError, `No complete answer within ${settings.timeoutMs} ms`, settings, state);
      }
      // A redirect, refused by the send function: final.
      else if (error instanceof StytchRequestError) err = error;
      // A 2xx answer whose body is not JSON (openapi-fetch failed to parse it): final.
      else if (error instanceof SyntaxError) err = failure(StytchRequestError, "The answer could not be read as JSON", settings, state, error);
      else {
        retry = canRetry && (settings.retrySafe || causeCode(error) === "ECONNREFUSED");
        err = failure(StytchRequestError, "The request failed before an answer arrived", settings, state, error);
      }
      if (onResponse) report(onResponse, settings, state, started, undefined, retry, err);
      if (!retry) throw err;
      await wait(backoff(state.attempts, settings.random), settings, state);
      continue;
    }
    const status = exchange.response.status;
    const retry = canRetry && (status === 429 || (status >= 500 && settings.retrySafe));
    if (onResponse) report(onResponse, settings, state, started, exchange, retry);
    if (!retry) return exchange;
    await wait(
      retryAfterMs(exchange.response.headers.get("retry-after")) ?? backoff(state.attempts, settings.random),
      settings,
      state,
    );
  }
}

function failure(
  Kind: typeof StytchRequestError,
  message: string,
  settings: AttemptSettings,
  state: AttemptState,
  cause?: unknown,
): StytchRequestError {
  return new Kind(message, {
    method: settings.method,
    path: settings.path,
    attempts: state.attempts,
    cause: cause === undefined ? undefined : summarizeCause(cause, settings.redact),
  });
}

function report(
  onResponse: (event: ResponseEvent) => void,
  settings: AttemptSettings,
  state: AttemptState,
  started: number,
  exchange: Exchange | undefined,
  retry: boolean,
  error?: StytchRequestError,
): void {
  // The answer's headers, when they arrived (also for a redirect or a body that is not JSON).
  const response = exchange?.response ?? state.response;
  const body = (exchange?.data ?? exchange?.error) as { request_id?: unknown } | undefined;
  const requestId =
    typeof body?.request_id === "string" ? body.request_id : (response?.headers.get("x-request-id") ?? undefined);
  callHook(onResponse, {
    method: settings.method,
    path: settings.path,
    attempt: state.attempts,
    status: response?.status,
    requestId,
    durationMs: performance.now() - started,
    retry,
    error,
    request: state.request,
  });
}

/** Calls a user's hook; what it throws or returns cannot change the call (a broken logger must not fail a create). */
export function callHook<E>(hook: (event: E) => unknown, event: E): void {
  try {
    const result = hook(event) as { catch?: unknown } | undefined;
    if (typeof result?.catch === "function") (result as Promise<unknown>).catch(() => undefined);
  } catch {
    // Dropped on purpose: see above.
  }
}

async function wait(ms: number, settings: AttemptSettings, state: AttemptState): Promise<void> {
  try {
    await (settings.sleep ?? abortableSleep)(ms, settings.signal);
  } catch (error) {
    throw failure(StytchAbortError, "The call was aborted while waiting to retry", settings, state, error);
  }
}

class AttemptTimeout extends Error {}

// Timers hold a signed 32-bit delay; a longer one fires at once (Node's TimeoutOverflowWarning), so a
// `timeoutMs` of 3e9 used to time every attempt out after 1 ms. Clamped, it waits ~24.8 days instead.
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * One attempt: `send`, settled by its own outcome, the timeout or the caller's abort, whichever comes first. The
 * call never waits past `timeoutMs` or the caller's abort, even when the fetch in use ignores signals.
 *
 * Every attempt hands fetch an AbortSignal of its own, aborted on its timeout or the caller's abort, so that a
 * request given up on is torn down (its socket closed) instead of being left open until the server answers or
 * undici's own limits (300 s for headers, 300 s between body chunks) end it. The signal costs undici 20-50 µs of
 * CPU per request (nodejs/undici#1203), which a call over the network, tens of milliseconds, does not notice.
 * The caller's signal itself is never handed to fetch: undici adds a listener to it per request and drops it only
 * when the request is garbage-collected, so a long walk under one signal warned of a listener leak
 * (MaxListenersExceededWarning after 1,500 requests on Node 20, 22 and 24; nodejs/node#51441).
 */
function attempt<T>(
  send: (signal: AbortSignal) => Promise<T>,
  settings: AttemptSettings,
): Promise<T> {
  const caller = settings.signal;
  const controller = new AbortController();
  return new Promise<T>((resolve, reject) => {
    const stop = (reason: unknown) => {
      settle();
      controller.abort(reason);
      reject(reason);
    };
    const onAbort = caller ? () => stop(caller.reason) : undefined;
    if (onAbort) caller!.addEventListener("abort", onAbort, { once: true });
    const timer = setTimeout(() => stop(new AttemptTimeout()), Math.min(settings.timeoutMs, MAX_TIMER_MS));
    function settle() {
      clearTimeout(timer);
      if (onAbort) caller!.removeEventListener("abort", onAbort);
    }
    // A late outcome after a timeout or abort lands in an already settled promise: never an unhandled rejection.
    send(controller.signal).then(
      (value) => {
        settle();
        resolve(value);
      },
      (error: unknown) => {
        settle();
        reject(error);
      },
    );
  });
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

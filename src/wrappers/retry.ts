import { operations, type OperationInfo } from "../generated/operations.js";
import type { Outcome } from "./types.js";

/**
 * The retry and timeout policy, in one place: pure functions of an attempt's outcome, which `call.ts` applies.
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

/** What the policy needs to know of a call: its retry budget and whether its operation may run twice. */
export interface RetrySettings {
  /** Retries after the first attempt. */
  maxRetries: number;
  /** The operation table's `retrySafe`: GET, PUT, DELETE and the searches. */
  retrySafe: boolean;
}

/**
 * Whether to try again after attempt number `attempt` (1 for the first) ended with `outcome` (the table above).
 * @example
 * shouldRetry(outcome, 1, { maxRetries: 2, retrySafe: false }); // true for a 429, false for a create's 500
 */
export function shouldRetry(outcome: Outcome, attempt: number, settings: RetrySettings): boolean {
  if (attempt > settings.maxRetries) return false;
  if (outcome.kind === "answer") {
    const { status } = outcome.response;
    return status === 429 || (status >= 500 && settings.retrySafe);
  }
  switch (outcome.reason) {
    // Nothing reached the server, so nothing can land twice.
    case "refused":
      return true;
    // The first attempt may have landed.
    case "timeout":
    case "network":
      return settings.retrySafe;
    // The caller's abort, a redirect, a 2xx that is not JSON: trying again changes nothing.
    default:
      return false;
  }
}

/**
 * Milliseconds to wait after attempt number `attempt`: the answer's `Retry-After` when it has a readable one, else
 * capped back-off with jitter.
 * @example
 * delay(1, "2");  // 2000
 * delay(3, null); // between 1000 and 2000
 */
export function delay(attempt: number, retryAfter: string | null, random: () => number = Math.random): number {
  return retryAfterMs(retryAfter) ?? backoff(attempt, random);
}

/**
 * Capped exponential back-off with "equal jitter": half fixed, half random.
 * @example
 * backoff(1, () => 1); // 500
 */
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

/**
 * Whether an operation may be repeated after a 5xx or a lost connection without risk of doing it twice: the
 * operation table's `retrySafe` (which the client itself reads) for the spec's operations; for any other, GET, PUT,
 * DELETE and a POST to a search.
 * @example
 * isRetrySafe("POST", operations.searchUsers.path); // true
 * isRetrySafe("POST", operations.createUser.path);  // false
 */
export function isRetrySafe(method: string, pathTemplate: string): boolean {
  const m = method.toLowerCase();
  for (const op of Object.values(operations) as OperationInfo[]) {
    if (op.method === m && op.path === pathTemplate) return op.retrySafe;
  }
  return m === "get" || m === "put" || m === "delete" || (m === "post" && pathTemplate.endsWith("/search"));
}

// Timers hold a signed 32-bit delay; a longer one fires at once (Node's TimeoutOverflowWarning), so a
// `timeoutMs` of 3e9 used to time every attempt out after 1 ms. Clamped, it waits ~24.8 days instead.
export const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Resolves after `ms`, or rejects at once with the signal's reason when it aborts.
 * @example
 * await abortableSleep(500, options.signal);
 */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(
      () => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      },
      Math.min(ms, MAX_TIMER_MS),
    );
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

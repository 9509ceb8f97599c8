/**
 * Rate limits per project and operation, as Stytch documents them, answered with 429 `too_many_requests`
 * (https://stytch.com/docs/api/errors/429#too_many_requests) and a `Retry-After` header in seconds.
 *
 * Windows are fixed and aligned to the interval, not rolling: "Note that intervals are not rolling, but are top of the
 * hour" (https://stytch.com/docs/resources/platform/rate-limits). A project's count for an operation resets at each
 * multiple of the interval since the epoch; `Retry-After` is the whole seconds to that boundary (at least 1).
 * Guessed: that Stytch sends `Retry-After` at all (no page says so); the SDKs and clients honour it when present.
 */

/** A limit: at most `requests` in each window of `perSeconds`. */
export interface RateLimit {
  requests: number;
  perSeconds: number;
}

/** operationId → limit. */
export type RateLimitTable = Record<string, RateLimit>;

/**
 * The limits Stytch documents for the operations this description covers. Sources disagree on the unit; the table
 * follows the per-minute figures of Stytch's own OpenAPI description (stytchauth/stytch-openapi 43fe0d651d32, in
 * vendor/stytch-openapi/openapi.yml: Search Users "rate limits are set to 150 requests/minute", Search Members and
 * Search Organizations "100 requests/minute"), which the issue and openapi/ state too. The web reference now says
 * "100 requests/second" for Search Members (https://stytch.com/docs/api-reference/b2b/api/members/search-members) and
 * stytch-python's users.py docstring "150 requests/second": `--rate-limits FILE` sets other figures.
 * No limit is documented for any other operation here (Create User is limited per project, with no figure given:
 * https://stytch.com/docs/resources/platform/rate-limits), so none is applied.
 */
export const DOCUMENTED_RATE_LIMITS: Readonly<RateLimitTable> = {
  searchUsers: { requests: 150, perSeconds: 60 },
  searchMembers: { requests: 100, perSeconds: 60 },
  searchOrganizations: { requests: 100, perSeconds: 60 },
};

export interface RateLimiter {
  /** Whether `operationId` has a limit (a cheap check before working out the project). */
  has(operationId: string): boolean;
  /** Counts one request; undefined when allowed, else the seconds to wait (the `Retry-After` value). */
  take(project: string, operationId: string): number | undefined;
}

/** A fixed-window limiter over `table`, reading time from `clock` (milliseconds). */
export function createRateLimiter(table: Readonly<RateLimitTable>, clock: () => number = Date.now): RateLimiter {
  const limits = new Map(Object.entries(table));
  const windows = new Map<string, { start: number; count: number }>();
  return {
    has: (operationId) => limits.has(operationId),
    take(project, operationId) {
      const limit = limits.get(operationId);
      if (limit === undefined) return undefined;
      const period = limit.perSeconds * 1000;
      const now = clock();
      const start = Math.floor(now / period) * period;
      const key = `${project}\u0000${operationId}`;
      let window = windows.get(key);
      if (window === undefined || window.start !== start) {
        window = { start, count: 0 };
        windows.set(key, window);
      }
      if (window.count < limit.requests) {
        window.count++;
        return undefined;
      }
      return Math.max(1, Math.ceil((start + period - now) / 1000));
    },
  };
}

/** Checks a `--rate-limits FILE` table: operationId → { requests, perSeconds }, known operations only. */
export function parseRateLimitTable(value: unknown, operations: ReadonlySet<string>): RateLimitTable {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new Error('must be a JSON object of operationId → { "requests": n, "perSeconds": n }');
  }
  const table: RateLimitTable = {};
  for (const [operationId, limit] of Object.entries(value)) {
    if (!operations.has(operationId)) throw new Error(`${operationId}: no operation has this operationId`);
    const { requests, perSeconds } = (limit ?? {}) as Partial<RateLimit>;
    if (
      !Number.isInteger(requests) ||
      requests! < 0 ||
      !Number.isFinite(perSeconds) ||
      perSeconds! <= 0 ||
      perSeconds! > 86_400 * 366
    ) {
      throw new Error(`${operationId}: needs "requests" (a whole number ≥ 0) and "perSeconds" (a number > 0)`);
    }
    table[operationId] = { requests: requests!, perSeconds: perSeconds! };
  }
  return table;
}

import type { components } from "../generated/stytch.js";
import type { Store } from "./store.js";

type ErrorBody = components["schemas"]["Error"];

/** What every area handler gets: the store, id and time sources, and the request's id. */
export interface Context {
  store: Store;
  /** `prefix-test-<uuid>`, e.g. `id("user")` → `user-test-…`. Deterministic when the fake has a `seed`. */
  id(prefix: string): string;
  /** A random token (for secrets), deterministic with a `seed`. */
  token(length: number): string;
  /** RFC 3339 time, second precision, as the API writes it. */
  now(): string;
  requestId: string;
}

/** An error the fake answers with, in the API's shape. */
export class FakeError extends Error {
  constructor(
    readonly status: number,
    readonly error_type: string,
    message: string,
    readonly error_details?: Record<string, unknown>,
  ) {
    super(message);
  }

  body(requestId: string): ErrorBody {
    return {
      status_code: this.status,
      request_id: requestId,
      error_type: this.error_type,
      error_message: this.message,
      error_url: `https://stytch.com/docs/api/errors/${this.status}#${this.error_type}`,
      ...(this.error_details ? { error_details: this.error_details } : {}),
    };
  }
}

/** 400 `invalid_argument`, the API's answer to a malformed request. */
export function invalid(message: string, field?: string): FakeError {
  return new FakeError(400, "invalid_argument", message, field ? { field } : undefined);
}

export function notFound(error_type: string, what: string): FakeError {
  return new FakeError(404, error_type, `${what} could not be found.`);
}

/**
 * A source of uuids (v4 layout) and tokens: crypto-random, or from a small seeded PRNG (mulberry32). `mark()` and
 * `rewind()` save and put back a seeded source's position (a refused write leaves the next ids as they were).
 */
export function randomSource(seed?: number): {
  uuid(): string;
  hex(n: number): string;
  mark(): number;
  rewind(mark: number): void;
} {
  let state = (seed ?? 0) >>> 0;
  // Crypto-random words are drawn 256 at a time: one call to the system's source per 256 words, not per word.
  const pool = new Uint32Array(256);
  let used = pool.length;
  const next =
    seed === undefined
      ? () => {
          if (used === pool.length) {
            crypto.getRandomValues(pool);
            used = 0;
          }
          return pool[used++]!;
        }
      : () => {
          state = (state + 0x6d2b79f5) >>> 0;
          let t = state;
          t = Math.imul(t ^ (t >>> 15), t | 1);
          t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
          return (t ^ (t >>> 14)) >>> 0;
        };
  const hex = (n: number) => {
    let out = "";
    while (out.length < n) out += next().toString(16).padStart(8, "0");
    return out.slice(0, n);
  };
  const uuid = () => {
    const h = hex(32);
    const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  };
  return { uuid, hex, mark: () => state, rewind: (mark) => void (state = mark) };
}

/** The deepest nesting of arrays and objects the fake stores (deeper bodies are refused, deeper data too). */
export const MAX_DEPTH = 64;

/** True when `value` nests arrays and objects deeper than `limit`; walks with a stack of its own, not recursion. */
export function tooDeep(value: unknown, limit = MAX_DEPTH): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (typeof item !== "object" || item === null) continue;
    if (depth + 1 > limit) return true;
    for (const child of Array.isArray(item) ? item : Object.values(item)) {
      if (typeof child === "object" && child !== null) stack.push([child, depth + 1]);
    }
  }
  return false;
}

/** Merges `patch` into `target` at the first level: a `null` value deletes the key (the API's metadata rule). */
export function mergeMetadata(
  target: Record<string, unknown> | undefined,
  patch: Record<string, unknown> | undefined,
): Record<string, unknown> {
  const out = { ...(target ?? {}) };
  for (const [key, value] of Object.entries(patch ?? {})) {
    if (value === null) delete out[key];
    else out[key] = value;
  }
  return out;
}

/** The body's `field` when it is a string, else undefined; refuses a present value of another type. */
export function optString(body: Record<string, unknown>, field: string): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw invalid(`${field} must be a string.`, field);
  return value;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const E164 = /^\+[1-9]\d{1,14}$/;

export function checkEmail(value: string, field: string): string {
  if (!EMAIL.test(value)) throw invalid(`${field} must be a valid email address.`, field);
  return value;
}

export function checkPhone(value: string, field: string): string {
  if (!E164.test(value)) throw invalid(`${field} must be an E.164 phone number.`, field);
  return value;
}

import { StytchInputError } from "./errors.js";

/** Longest id accepted in a path; Stytch ids are ~60 characters and `external_id` is at most 128. */
export const MAX_ID_LENGTH = 256;

// Control characters (C0, DEL, C1): never part of an id, and some fetch implementations reject or mangle them.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point of this pattern
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * Refuses a path id that would send the request somewhere else or could never be valid, before anything is sent.
 * Ids are encoded with `encodeURIComponent` (as openapi-fetch does), which leaves `.` alone, so `..` would turn the
 * path of `getUser` into its parent, the API's root (https://github.com/openapi-ts/openapi-typescript/issues/2483).
 * @example
 * assertPathId("user_id", "user-test-123"); // ok
 * assertPathId("user_id", "..");            // throws StytchInputError
 */
export function assertPathId(name: string, value: unknown): asserts value is string {
  if (value === undefined || value === null) throw new StytchInputError(`${name} is required`);
  if (typeof value !== "string") throw new StytchInputError(`${name} must be a string, got ${typeof value}`);
  if (value.trim() === "") throw new StytchInputError(`${name} must not be empty`);
  if (value === "." || value === "..") throw new StytchInputError(`${name} must not be "." or ".."`);
  if (value.length > MAX_ID_LENGTH) {
    throw new StytchInputError(`${name} is ${value.length} characters long; ids are at most ${MAX_ID_LENGTH}`);
  }
  if (CONTROL.test(value)) throw new StytchInputError(`${name} must not contain control characters`);
  // encodeURIComponent throws URIError on lone surrogates; say so clearly instead.
  if (!isWellFormed(value)) throw new StytchInputError(`${name} is not well-formed Unicode`);
}

// Visible ASCII only: header values with CR/LF or non-ASCII would be refused by fetch or split a header.
const HEADER_VALUE = /^[\u0021-\u007e]+$/;

/**
 * Refuses a header value (a member session token or JWT) that is not a non-empty visible-ASCII string, so that
 * nothing can inject a header and `fetch` never throws an untyped `TypeError` on it.
 * @example
 * assertHeaderValue("session_token", "mZAYn5aLEqKU"); // ok
 */
export function assertHeaderValue(name: string, value: unknown): asserts value is string {
  if (typeof value !== "string" || !HEADER_VALUE.test(value)) {
    throw new StytchInputError(`${name} must be a non-empty string of visible ASCII characters`);
  }
}

function isWellFormed(value: string): boolean {
  return /^(?:[^\ud800-\udfff]|[\ud800-\udbff][\udc00-\udfff])*$/.test(value);
}

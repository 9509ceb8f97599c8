/**
 * The edge of the emulator: what it refuses before a request reaches the fake, each refusal in the API's error
 * object. Error types follow Stytch's documentation: `route_not_found` (404, "The route provided is not
 * supported.", https://stytch.com/docs/api-reference/fraud/api/errors/404#route_not_found),
 * `unauthorized_credentials` (401) and `invalid_argument` (400) as this description's shared error examples name them
 * (openapi/components/responses/). Guessed: the API's own limits on body size, JSON depth and header size are not
 * documented; malformed URLs, bodies that are not JSON, too large or too deep are answered as `invalid_argument`.
 * Every refusal is the fake's own error (`FakeError`, `invalid` of src/fake/context.ts): one builder of the error
 * object for the fake, the emulator and the drift proxy.
 */
import { randomUUID } from "node:crypto";
import { FakeError, invalid } from "../fake/context.js";

/** Limits on what one request may carry. */
export interface Limits {
  /** Largest body accepted, in bytes (default 1 MiB). */
  bodyBytes: number;
  /** Deepest nesting of objects and arrays in a JSON body (default 64). */
  depth: number;
  /** Largest request head (request line and headers), in bytes (default 16 KiB). */
  headerBytes: number;
}

export const DEFAULT_LIMITS: Limits = { bodyBytes: 1024 * 1024, depth: 64, headerBytes: 16 * 1024 };

/** The server's `requestTimeout`, and how long a `timeout` fault holds a request unless told otherwise. */
export const REQUEST_TIMEOUT_MS = 30_000;

/**
 * A refusal of the edge that carries response headers (`Retry-After` on a 429): the fake's own error, so that one
 * builder (`FakeError.body`) writes the API's error object for the fake, the emulator and the drift proxy.
 * @example
 * throw new EdgeError(429, "too_many_requests", "Too many requests have been made.", { "retry-after": "1" });
 */
export class EdgeError extends FakeError {
  constructor(
    status: number,
    errorType: string,
    message: string,
    readonly headers: Record<string, string>,
  ) {
    super(status, errorType, message);
  }
}

/**
 * 404 `route_not_found`: no operation of the description has this method and path.
 * @example
 * throw routeNotFound("PATCH");
 */
export const routeNotFound = (method: string): FakeError =>
  new FakeError(404, "route_not_found", `The route provided is not supported: no ${method} operation has this path.`);

/**
 * 401 `unauthorized_credentials`: the Basic credentials are missing or not the emulator's.
 * @example
 * if (req.headers.authorization !== expected) throw unauthorized();
 */
export const unauthorized = (): FakeError =>
  new FakeError(
    401,
    "unauthorized_credentials",
    "Unauthorized credentials: send the project id and secret as HTTP Basic auth.",
  );

/**
 * 429 `too_many_requests` (https://stytch.com/docs/api/errors/429#too_many_requests) with `Retry-After` in seconds.
 * @example
 * throw tooManyRequests(1);
 */
export function tooManyRequests(retryAfterSeconds: number): EdgeError {
  return new EdgeError(429, "too_many_requests", "Too many requests have been made.", {
    "retry-after": String(retryAfterSeconds),
  });
}

/**
 * A request id in the shape of the fake's (`request-id-test-<uuid>`), for answers the edge gives itself.
 * @example
 * const body = unauthorized().body(newRequestId());
 */
export function newRequestId(): string {
  return `request-id-test-${randomUUID()}`;
}

/** A request target split once: its decoded path segments and its raw query. */
export interface Target {
  /** Each segment decoded on its own, so an encoded `/` stays inside its segment. */
  segments: string[];
  /** The path as received (still encoded). */
  rawPath: string;
  rawQuery: string;
}

/**
 * Splits and decodes a request target (origin-form only). Refuses what could change which route or which admin
 * endpoint is reached: a malformed percent-escape, a `.` or `..` segment (raw or encoded), a NUL.
 */
export function parseTarget(url: string): Target {
  if (!url.startsWith("/")) throw invalid("The request target must be a path starting with /.");
  const q = url.indexOf("?");
  const rawPath = q === -1 ? url : url.slice(0, q);
  const rawQuery = q === -1 ? "" : url.slice(q + 1);
  const segments = rawPath
    .slice(1)
    .split("/")
    .map((raw) => {
      let segment: string;
      try {
        segment = decodeURIComponent(raw);
      } catch {
        throw invalid("The URL path is not validly percent-encoded.");
      }
      if (segment === "." || segment === ".." || segment.includes("\0")) {
        throw invalid("The URL path may not contain '.' or '..' segments or NUL characters.");
      }
      return segment;
    });
  return { segments, rawPath, rawQuery };
}

/**
 * Parses a JSON body after checking its nesting without recursion (a body nested 100,000 deep would otherwise
 * overflow the stack of whatever walks it later). Empty or blank text is no body.
 */
export function parseJsonBody(text: string, maxDepth: number): unknown {
  if (text.trim() === "") return undefined;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > maxDepth) throw invalid(`The request body is nested deeper than ${maxDepth} levels.`);
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  try {
    return JSON.parse(text);
  } catch {
    throw invalid("The request body is not valid JSON.");
  }
}

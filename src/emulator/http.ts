/**
 * The edge of the emulator: what it refuses before a request reaches the fake, each refusal in the API's error
 * object. Error types follow Stytch's documentation: `route_not_found` (404, "The route provided is not
 * supported.", https://stytch.com/docs/api-reference/fraud/api/errors/404#route_not_found),
 * `unauthorized_credentials` (401) and `invalid_argument` (400) as this description's shared error examples name them
 * (openapi/components/responses/). Guessed: the API's own limits on body size, JSON depth and header size are not
 * documented; malformed URLs, bodies that are not JSON, too large or too deep are answered as `invalid_argument`.
 */
import { randomUUID } from "node:crypto";

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

/** An answer in the API's error shape, refused at the edge. */
export class EdgeError extends Error {
  /** Extra response headers (`Retry-After` on a 429). */
  headers: Record<string, string> = {};

  constructor(
    readonly status: number,
    readonly errorType: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }

  body(requestId: string = newRequestId()): Record<string, unknown> {
    return {
      status_code: this.status,
      request_id: requestId,
      error_type: this.errorType,
      error_message: this.message,
      error_url: `https://stytch.com/docs/api/errors/${this.status}#${this.errorType}`,
      ...(this.field ? { error_details: { field: this.field } } : {}),
    };
  }
}

export const invalidArgument = (message: string, field?: string) => new EdgeError(400, "invalid_argument", message, field);

export const routeNotFound = (method: string) =>
  new EdgeError(404, "route_not_found", `The route provided is not supported: no ${method} operation has this path.`);

export const unauthorized = () =>
  new EdgeError(401, "unauthorized_credentials", "Unauthorized credentials: send the project id and secret as HTTP Basic auth.");

/** 429 `too_many_requests` (https://stytch.com/docs/api/errors/429#too_many_requests) with `Retry-After` in seconds. */
export function tooManyRequests(retryAfterSeconds: number): EdgeError {
  const error = new EdgeError(429, "too_many_requests", "Too many requests have been made.");
  error.headers["retry-after"] = String(retryAfterSeconds);
  return error;
}

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
  if (!url.startsWith("/")) throw invalidArgument("The request target must be a path starting with /.");
  const q = url.indexOf("?");
  const rawPath = q === -1 ? url : url.slice(0, q);
  const rawQuery = q === -1 ? "" : url.slice(q + 1);
  const segments = rawPath.slice(1).split("/").map((raw) => {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      throw invalidArgument("The URL path is not validly percent-encoded.");
    }
    if (segment === "." || segment === ".." || segment.includes("\0")) {
      throw invalidArgument("The URL path may not contain '.' or '..' segments or NUL characters.");
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
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > maxDepth) throw invalidArgument(`The request body is nested deeper than ${maxDepth} levels.`);
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  try {
    return JSON.parse(text);
  } catch {
    throw invalidArgument("The request body is not valid JSON.");
  }
}

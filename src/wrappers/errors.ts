import type { components } from "../generated/stytch.js";

/** The error object the Stytch API sends with every non-2xx answer, as described in the spec. */
export type StytchApiErrorBody = components["schemas"]["Error"];

/**
 * Base class of every error this client throws, so one `instanceof` check catches them all.
 * @example
 * try { await stytch.users.get({ user_id }); } catch (e) { if (e instanceof StytchBaseError) log(e.name); }
 */
export class StytchBaseError extends Error {
  override name = "StytchBaseError";
}

/**
 * The API answered with a non-2xx status: carries everything the API sent.
 * @example
 * catch (e) { if (e instanceof StytchError && e.error_type === "user_not_found") return null; }
 */
export class StytchError extends StytchBaseError {
  override name = "StytchError";
  declare readonly status_code: number;
  declare readonly error_type: string;
  declare readonly error_message: string;
  declare readonly request_id: string | undefined;
  declare readonly error_url: string | undefined;
  declare readonly error_details: Record<string, unknown> | undefined;
  /** How many HTTP attempts the call made before giving up (1 when it was not retried). */
  declare readonly attempts: number;
  /** The raw answer; its body has already been read. Not enumerable, so JSON and logs stay small. */
  declare readonly response: Response;

  /**
   * `redact` is applied to what the API said (`error_message`, `error_details`, `error_url`), which may echo the
   * credentials or the member session it was sent; the client passes its own.
   */
  constructor(response: Response, body: unknown, attempts = 1, redact: (text: string) => string = (t) => t) {
    const api = isApiErrorBody(body) ? body : undefined;
    const error_type = api?.error_type ?? "invalid_error_response";
    const error_message = redact(
      api?.error_message ?? `HTTP ${response.status} without a Stytch error object in the body`,
    );
    super(`${error_type}: ${error_message}${attempts > 1 ? ` (after ${attempts} attempts)` : ""}`);
    this.status_code = api?.status_code ?? response.status;
    this.error_type = error_type;
    this.error_message = error_message;
    this.request_id = api?.request_id ?? response.headers.get("x-request-id") ?? undefined;
    this.error_url = api?.error_url && redact(api.error_url);
    this.error_details = api?.error_details && JSON.parse(redact(JSON.stringify(api.error_details)));
    this.attempts = attempts;
    Object.defineProperty(this, "response", { value: response, enumerable: false });
  }
}

/**
 * The request never got an HTTP answer: DNS, connection reset, TLS, or a body that is not JSON.
 * @example
 * catch (e) { if (e instanceof StytchRequestError) console.warn(e.message, e.attempts); }
 */
export class StytchRequestError extends StytchBaseError {
  override name = "StytchRequestError";
  declare readonly method: string;
  /** The route template, the spec's path with `{user_id}`-style placeholders — never the URL with ids or tokens. */
  declare readonly path: string;
  declare readonly attempts: number;

  constructor(message: string, info: { method: string; path: string; attempts: number; cause?: unknown }) {
    super(info.attempts > 1 ? `${message} (after ${info.attempts} attempts)` : message);
    this.method = info.method;
    this.path = info.path;
    this.attempts = info.attempts;
    if (info.cause !== undefined) {
      Object.defineProperty(this, "cause", { value: info.cause, enumerable: false });
    }
  }
}

/**
 * The API answered with a redirect (3xx), which is never followed: Stytch's API does not redirect, and following
 * one would send the member session header and the request's body to wherever it points.
 * @example
 * catch (e) { if (e instanceof StytchRedirectError) console.error(e.status, e.location); }
 */
export class StytchRedirectError extends StytchRequestError {
  override name = "StytchRedirectError";
  /** The 3xx status; 0 for a browser's opaque redirect, which hides it. */
  declare readonly status: number;
  /** The origin the redirect pointed to; undefined when the answer did not say (a browser hides it). */
  declare readonly location: string | undefined;

  constructor(status: number, location: string | undefined, info: { method: string; path: string; attempts: number }) {
    super(`HTTP ${status} redirect to ${location ?? "an undisclosed origin"} not followed`, info);
    this.status = status;
    this.location = location;
  }
}

/**
 * An attempt took longer than `timeoutMs`.
 * @example
 * catch (e) { if (e instanceof StytchTimeoutError) metrics.increment("stytch.timeout"); }
 */
export class StytchTimeoutError extends StytchRequestError {
  override name = "StytchTimeoutError";
}

/**
 * The caller's `AbortSignal` cancelled the call.
 * @example
 * catch (e) { if (e instanceof StytchAbortError) return; }
 */
export class StytchAbortError extends StytchRequestError {
  override name = "StytchAbortError";
}

/**
 * The call was refused before anything was sent: a missing or unsafe id, a malformed header value, a missing
 * argument the API needs.
 * @example
 * await stytch.users.get({ user_id: ".." }); // throws StytchInputError: user_id must not be "." or ".."
 */
export class StytchInputError extends StytchBaseError {
  override name = "StytchInputError";
}

/**
 * A paginator stopped because the API repeated a cursor, which would otherwise loop forever, or answered with
 * something that is not a page (`cursor` is then the one that fetched it, "" for the first page).
 * @example
 * catch (e) { if (e instanceof StytchPaginationError) console.error(e.cursor); }
 */
export class StytchPaginationError extends StytchBaseError {
  override name = "StytchPaginationError";
  constructor(
    message: string,
    readonly cursor: string,
  ) {
    super(message);
  }
}

function isApiErrorBody(body: unknown): body is StytchApiErrorBody {
  return (
    typeof body === "object" &&
    body !== null &&
    typeof (body as Record<string, unknown>).error_type === "string" &&
    typeof (body as Record<string, unknown>).error_message === "string"
  );
}

/**
 * Reduces a foreign error (from `fetch` or an injected fetch) to its name, code and message, with `redact`
 * applied: the original may hold the request, its headers and so the secret.
 */
export function summarizeCause(cause: unknown, redact: (text: string) => string): Error {
  if (!(cause instanceof Error)) return new Error(redact(String(cause).slice(0, 200)));
  const inner = (cause as { cause?: { code?: unknown; message?: unknown } }).cause;
  const summary = new Error(
    redact(inner?.message && typeof inner.message === "string" ? `${cause.message}: ${inner.message}` : cause.message),
  );
  summary.name = cause.name;
  const code = (cause as { code?: unknown }).code ?? inner?.code;
  if (typeof code === "string") (summary as Error & { code: string }).code = code;
  summary.stack = undefined;
  return summary;
}

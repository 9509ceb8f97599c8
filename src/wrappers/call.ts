// One call, read top to bottom: `makeRequest` sends an attempt, asks the policy (retry.ts) whether to try again,
// waits, and in the end returns the parsed body or throws the error of the last attempt. `send` owns one
// attempt from URL to parsed body: fetch with a deadline and the caller's signal, `redirect: "manual"`, read and
// parse the body, one `Outcome`. The hooks are fired here and nowhere else; no state outlives a call.
//
// openapi-fetch: only its query serializer is kept (url.ts). Its `createClient` builds a `Request` per call and
// parses the answer itself, while a call here needs its own fetch per attempt (a deadline, the session headers,
// `redirect: "manual"`, the answer's headers before its body): driving that through `createClient` took a fake
// `Request` class, a per-call `fetch` override and casts, and used nothing of it but the serializers and the
// parsing — which is a few lines below, in the order openai-node's `makeRequest` reads.
import {
  StytchAbortError,
  StytchError,
  StytchRedirectError,
  StytchRequestError,
  StytchTimeoutError,
  summarizeCause,
} from "./errors.js";
import { AttemptTimeout, withDeadline } from "./deadline.js";
import { abortableSleep, delay, shouldRetry } from "./retry.js";
import type { Hooks, Outcome, RequestEvent, ResponseEvent, WithResponse } from "./types.js";

/** A `fetch`-compatible function: `globalThis.fetch`, undici's, node-fetch, or a test double. */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

/** What every wrapper method shares: the base URL, the fetch, defaults, redaction and hooks of its client. */
export interface Transport {
  baseUrl: string;
  fetch: FetchLike;
  /** `Basic …`, sent on every request. */
  authorization: string;
  maxRetries: number;
  timeoutMs: number;
  redact: (text: string) => string;
  sleep?: ((ms: number, signal?: AbortSignal) => Promise<void>) | undefined;
  hooks?: Hooks | undefined;
}

/** One call as `defineOperation` prepared it: what every attempt sends, fixed before the first. */
export interface Call {
  /** `GET`, `POST`, `PUT` or `DELETE`. */
  method: string;
  /** The route template, for errors and hooks: never the concrete URL with ids. */
  path: string;
  url: string;
  /** The JSON body, serialized once: every retry sends these very bytes. */
  body: string | undefined;
  /** The member session headers, when the call carries one. */
  session: Record<string, string> | undefined;
  retrySafe: boolean;
  maxRetries: number;
  timeoutMs: number;
  signal: AbortSignal | undefined;
  /** The client's redaction, extended to this call's session. */
  redact: (text: string) => string;
}

/**
 * Runs a call under the retry policy and resolves to the 2xx answer's parsed body with its `Response`; a non-2xx
 * answer is thrown as `StytchError`, a failure without an answer as `StytchRequestError` (or a subclass).
 * @example
 * const { data, response } = await makeRequest(transport, { method: "GET", path, url, body: undefined, ... });
 */
export async function makeRequest(t: Transport, call: Call): Promise<WithResponse<unknown>> {
  const { onRequest, onResponse } = t.hooks ?? {};
  for (let attempt = 1; ; attempt++) {
    if (call.signal?.aborted) throw failure(StytchAbortError, "The call was aborted", call, attempt - 1);
    const started = onResponse ? performance.now() : 0;
    const { method, path, url } = call;
    const request: RequestEvent | undefined = onRequest || onResponse ? { method, path, url, attempt } : undefined;
    if (onRequest) callHook(onRequest, request!);
    const outcome = await send(t, call, attempt);
    const retry = shouldRetry(outcome, attempt, call);
    if (onResponse) callHook(onResponse, responseEvent(call, attempt, outcome, retry, started, request));
    if (retry) {
      const retryAfter = outcome.kind === "answer" ? outcome.response.headers.get("retry-after") : null;
      try {
        await (t.sleep ?? abortableSleep)(delay(attempt, retryAfter), call.signal);
      } catch (error) {
        throw failure(StytchAbortError, "The call was aborted while waiting to retry", call, attempt, error);
      }
      continue;
    }
    if (outcome.kind === "failure") throw outcome.error;
    const { response, body } = outcome;
    // The API may echo what it was sent (the credentials, the session): its words are redacted like ours.
    if (!response.ok) throw new StytchError(response, body, attempt, call.redact);
    if (body === undefined) {
      throw failure(StytchRequestError, `HTTP ${response.status} answer without a body`, call, attempt);
    }
    return { data: body, response };
  }
}

/**
 * One attempt, from URL to parsed body, as an `Outcome`; it never throws. It ends when the answer's last byte has
 * arrived, when `timeoutMs` passes or when the caller aborts, whichever comes first (see `withDeadline`).
 */
async function send(t: Transport, call: Call, attempt: number): Promise<Outcome> {
  let response: Response | undefined;
  const exchange = async (signal: AbortSignal): Promise<Outcome> => {
    // A fresh object per request: a fetch of the caller's may add to it.
    const headers: Record<string, string> =
      call.body === undefined
        ? { Authorization: t.authorization }
        : { Authorization: t.authorization, "Content-Type": "application/json" };
    if (call.session) Object.assign(headers, call.session);
    // Never followed: undici drops only Authorization on a cross-origin redirect, so following one sent the member
    // session header, and for 307/308 the body, to the other origin. "manual" hands back the 3xx (Node, Bun, Deno,
    // workerd) or, in browsers, an "opaqueredirect" answer with status 0; "error" would hide the status and location
    // in a TypeError.
    const init: RequestInit = { method: call.method, headers, body: call.body, signal, redirect: "manual" };
    response = await t.fetch(call.url, init);
    const { status } = response;
    // Status 0: a browser's opaque redirect, the only answer with status 0 that fetch resolves with.
    if (status === 0 || (status >= 300 && status < 400)) return redirected(response, call, attempt);
    const text = await response.text();
    if (!response.ok) return { kind: "answer", response, body: parseLoosely(text) };
    try {
      return { kind: "answer", response, body: text === "" ? undefined : JSON.parse(text) };
    } catch (error) {
      const err = failure(StytchRequestError, "The answer could not be read as JSON", call, attempt, error);
      return { kind: "failure", reason: "unreadable", error: err, response };
    }
  };
  try {
    return await withDeadline(exchange, call.timeoutMs, call.signal);
  } catch (error) {
    if (call.signal?.aborted) {
      const err = failure(StytchAbortError, "The call was aborted", call, attempt, error);
      return { kind: "failure", reason: "aborted", error: err, response };
    }
    if (error instanceof AttemptTimeout) {
      const err = failure(StytchTimeoutError, `No complete answer within ${call.timeoutMs} ms`, call, attempt);
      return { kind: "failure", reason: "timeout", error: err, response };
    }
    const err = failure(StytchRequestError, "The request failed before an answer arrived", call, attempt, error);
    // Refused: nothing reached the server (see the policy).
    const reason = causeCode(error) === "ECONNREFUSED" ? "refused" : "network";
    return { kind: "failure", reason, error: err, response };
  }
}

function redirected(response: Response, call: Call, attempt: number): Outcome {
  response.body?.cancel().catch(() => undefined);
  const to = response.headers.get("location");
  let location: string | undefined;
  try {
    // Relative to the request; a browser's opaque redirect has none.
    if (to) location = new URL(to, call.url).origin;
  } catch {
    // Not a URL.
  }
  const info = { method: call.method, path: call.path, attempts: attempt };
  const error = new StytchRedirectError(response.status, location, info);
  return { kind: "failure", reason: "redirect", error, response };
}

/** A non-2xx body: the API's JSON error object, or the text as it came (a proxy's HTML page). */
function parseLoosely(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function responseEvent(
  call: Call,
  attempt: number,
  outcome: Outcome,
  retry: boolean,
  started: number,
  request: RequestEvent | undefined,
): ResponseEvent {
  // The answer's headers, when they arrived (also for a redirect or a body that is not JSON).
  const { response } = outcome;
  const body = (outcome.kind === "answer" ? outcome.body : undefined) as { request_id?: unknown } | null | undefined;
  const requestId =
    typeof body?.request_id === "string" ? body.request_id : (response?.headers.get("x-request-id") ?? undefined);
  return {
    method: call.method,
    path: call.path,
    attempt,
    status: response?.status,
    requestId,
    durationMs: performance.now() - started,
    retry,
    error: outcome.kind === "failure" ? outcome.error : undefined,
    request,
  };
}

/** Calls a user's hook; what it throws or returns cannot change the call (a broken logger must not fail a create). */
function callHook<E>(hook: (event: E) => unknown, event: E): void {
  try {
    const result = hook(event) as { catch?: unknown } | undefined;
    if (typeof result?.catch === "function") (result as Promise<unknown>).catch(() => undefined);
  } catch {
    // Dropped on purpose: see above.
  }
}

function failure(
  Kind: typeof StytchRequestError,
  message: string,
  call: Call,
  attempts: number,
  cause?: unknown,
): StytchRequestError {
  return new Kind(message, {
    method: call.method,
    path: call.path,
    attempts,
    cause: cause === undefined ? undefined : summarizeCause(cause, call.redact),
  });
}

function causeCode(error: unknown): unknown {
  const e = error as { code?: unknown; cause?: { code?: unknown } } | null;
  return e?.code ?? e?.cause?.code;
}

import type { Client } from "openapi-fetch";
import type { paths } from "../generated/stytch.js";
import { StytchError, StytchInputError, StytchRedirectError, StytchRequestError } from "./errors.js";
import { assertHeaderValue, assertPathId } from "./ids.js";
import { withoutNils } from "./nil.js";
import {
  callHook,
  isRetrySafe,
  withRetries,
  type AttemptSettings,
  type AttemptState,
  type FetchLike,
} from "./retry.js";
import type { CallOptions, Hooks, Method, Operation, OperationMethod, PathsWith, WithResponse } from "./types.js";

/** What every wrapper method shares: the openapi-fetch client, the raw fetch, defaults, redaction and hooks. */
export interface Transport {
  /** Built with `Request: LeanRequest` (see `LeanRequest` below) so that no second Request is made per call. */
  client: Client<paths>;
  fetch: FetchLike;
  /** `Basic …`, sent on every request. */
  authorization: string;
  maxRetries: number;
  timeoutMs: number;
  redact: (text: string) => string;
  sleep?: ((ms: number, signal?: AbortSignal) => Promise<void>) | undefined;
  hooks?: Hooks | undefined;
}

/**
 * What openapi-fetch builds (its `createClient({ Request })` option) and hands to our `fetch`: the URL and init,
 * kept as they are. A real `Request` would parse the URL, copy the headers and wrap the body in a stream, only
 * for us to unpack it again for `fetch(url, init)`; that was a measurable part of each call. Its `headers` and
 * `redirect` are not kept: openapi-fetch knows none of our headers (the `fetch` of `defineOperation` adds them as
 * a plain object, which undici copies faster than a `Headers`), and its `redirect` is fetch's default, "follow",
 * where ours is "manual" (see `defineOperation`).
 * @example
 * createClient<paths>({ baseUrl, Request: LeanRequest as unknown as typeof Request });
 */
export class LeanRequest {
  declare readonly url: string;
  declare readonly method: string;
  declare readonly body: string | undefined;
  declare readonly signal: AbortSignal | undefined;
  constructor(url: string, init: RequestInit) {
    this.url = url;
    this.method = init.method!; // openapi-fetch always sets it
    this.body = init.body as string | undefined;
    this.signal = init.signal as AbortSignal | undefined;
  }
}

const PATH_PARAM = /\{([^{}]+)\}/g;

/**
 * openapi-fetch's `pathSerializer` option, for this API's paths: each parameter is a plain string id (checked by
 * `assertPathId`) in "simple" style, so each URL template is split once and then joined with the encoded ids. The
 * output is that of openapi-fetch's `defaultPathSerializer` for such ids (a test compares them); the default
 * re-parses the template for styles this API does not use on every call.
 * @example
 * createPathSerializer()("https://test.stytch.com/v1/users/{user_id}", { user_id: "a/b" }); // ".../v1/users/a%2Fb"
 */
export function createPathSerializer(): (pathname: string, params: Record<string, unknown>) => string {
  const compiled = new Map<string, string[]>();
  return (pathname, params) => {
    let parts = compiled.get(pathname);
    if (parts === undefined) {
      // Even indices: literal text; odd indices: parameter names.
      parts = pathname.split(PATH_PARAM);
      compiled.set(pathname, parts);
    }
    let url = parts[0]!;
    for (let i = 1; i < parts.length; i += 2) url += encodeURIComponent(params[parts[i]!] as string) + parts[i + 1];
    return url;
  };
}

type Outcome = { data?: unknown; error?: unknown; response: Response };
type RequestFn = (method: string, path: string, init: object) => Promise<Outcome>;

/**
 * Builds a typed wrapper method for one operation of the spec: path ids are checked, top-level nils dropped,
 * the rest sent as query (GET, DELETE) or JSON body (POST, PUT), and a non-2xx answer thrown as `StytchError`.
 * The method's `.withResponse()` resolves to `{ data, response }` instead.
 * @example
 * const get = defineOperation(transport, "get", "/v1/users/{user_id}");
 * const user = await get({ user_id: "user-test-…" });
 * const { data, response } = await get.withResponse({ user_id: "user-test-…" });
 */
export function defineOperation<M extends Method, P extends PathsWith<M>>(
  transport: Transport,
  method: M,
  path: P,
  check?: (args: Record<string, unknown>) => void,
): OperationMethod<Operation<P, M>> {
  const pathKeys = [...path.matchAll(PATH_PARAM)].map((m) => m[1]!);
  const verb = method.toUpperCase() as Uppercase<M>;
  const retrySafe = isRetrySafe(verb, path);
  const bodyless = method === "get" || method === "delete";
  const request = transport.client.request as unknown as RequestFn;
  const { onRequest, onResponse } = transport.hooks ?? {};

  // `whole`: resolve to `{ data, response }` (withResponse) instead of the data alone.
  const run = async (
    args: Record<string, unknown> | null | undefined,
    callOptions: CallOptions | null | undefined,
    whole: boolean,
  ) => {
    const given = args ?? {};
    if (typeof given !== "object" || Array.isArray(given)) {
      throw new StytchInputError(`${verb} ${path}: the argument must be an object`);
    }
    // `null` has no properties to read: without this, `options.maxRetries` threw an untyped TypeError.
    const options = callOptions ?? {};
    if (typeof options !== "object" || Array.isArray(options)) {
      throw new StytchInputError(`${verb} ${path}: the options must be an object`);
    }
    const pathParams: Record<string, string> = {};
    for (const key of pathKeys) {
      const value = given[key];
      assertPathId(key, value);
      pathParams[key] = value;
    }
    // Built without the path ids rather than deleting them after: a `delete` turns the object into a slow
    // dictionary for everything that reads it next (the query serializer, JSON.stringify).
    const rest: Record<string, unknown> = withoutNils(given, pathKeys);
    check?.(rest);
    const session = sessionHeaders(options);
    // A non-signal here used to fail inside every attempt as a retried "request failed" StytchRequestError.
    if (options.signal != null && !isAbortSignal(options.signal)) {
      throw new StytchInputError(`${verb} ${path}: signal must be an AbortSignal`);
    }
    const redact = redactSession(transport.redact, session);
    const settings: AttemptSettings = {
      method: verb,
      path,
      retrySafe,
      maxRetries: nonNegative("maxRetries", options.maxRetries ?? transport.maxRetries),
      timeoutMs: positive("timeoutMs", options.timeoutMs ?? transport.timeoutMs),
      signal: options.signal ?? undefined,
      redact,
      sleep: transport.sleep,
      onResponse,
    };
    const state: AttemptState = { attempts: 0, sent: false };
    const init = {
      params: { path: pathParams, query: bodyless ? rest : undefined },
      // Serialized once, before the first attempt: every retry sends these very bytes, whatever the caller does
      // to its argument object in the meantime.
      body: bodyless ? undefined : serializeBody(rest),
      bodySerializer: asIs,
      signal: undefined as AbortSignal | undefined,
      fetch: (req: LeanRequest) => {
        state.sent = true;
        if (onRequest || onResponse) {
          const event = { method: verb, path, url: req.url, attempt: state.attempts };
          state.request = event;
          if (onRequest) callHook(onRequest, event);
        }
        // A fresh object per request: a fetch of the caller's may add to it.
        const headers: Record<string, string> =
          req.body === undefined
            ? { Authorization: transport.authorization }
            : { Authorization: transport.authorization, "Content-Type": "application/json" };
        if (session) Object.assign(headers, session);
        // Never followed: undici drops only Authorization on a cross-origin redirect, so following one sent the
        // member session header, and for 307/308 the body, to the other origin. "manual" hands back the 3xx
        // (Node, Bun, Deno, workerd) or, in browsers, an "opaqueredirect" answer with status 0; "error" would
        // hide the status and location in a TypeError.
        return transport.fetch(req.url, { method: req.method, headers, body: req.body, signal: req.signal, redirect: "manual" }).then(
          (response) => {
            state.response = response;
            const { status } = response;
            // Status 0: a browser's opaque redirect, the only answer with status 0 that fetch resolves with.
            if (status > 399 || (status > 0 && status < 300)) return response;
            response.body?.cancel().catch(asIs);
            const to = response.headers.get("location");
            let location: string | undefined;
            try {
              // Relative to the request; a browser's opaque redirect has none.
              if (to) location = new URL(to, req.url).origin;
            } catch {
              // Not a URL.
            }
            throw new StytchRedirectError(status, location, { method: verb, path, attempts: state.attempts });
          },
        );
      },
    };
    let outcome: Outcome;
    try {
      outcome = await withRetries(
        (signal) => {
          init.signal = signal;
          // The path and init are checked against the spec by the types of this module's signature instead.
          return request(method, path, init);
        },
        settings,
        state,
      );
    } catch (error) {
      if (error instanceof StytchRequestError || error instanceof StytchInputError) throw error;
      // Nothing was sent: openapi-fetch could not build the URL (a lone surrogate or a nested object in a query).
      const reason = error instanceof Error ? error.message : String(error);
      throw new StytchInputError(`${verb} ${path}: the arguments cannot be sent: ${reason}`);
    }
    // The API may echo what it was sent (the credentials, the session): its words are redacted like ours.
    if (!outcome.response.ok) throw new StytchError(outcome.response, outcome.error, state.attempts, redact);
    if (outcome.data === undefined) {
      throw new StytchRequestError(`HTTP ${outcome.response.status} answer without a body`, {
        method: verb,
        path,
        attempts: state.attempts,
      });
    }
    return whole ? ({ data: outcome.data, response: outcome.response } as WithResponse<unknown>) : outcome.data;
  };
  const call = (args?: Record<string, unknown> | null, options?: CallOptions | null) => run(args, options, false);
  const withResponse = (args?: Record<string, unknown> | null, options?: CallOptions | null) =>
    run(args, options, true);
  return Object.assign(call, { withResponse }) as unknown as OperationMethod<Operation<P, M>>;
}

function asIs(body: unknown): unknown {
  return body;
}

function serializeBody(body: unknown): string {
  try {
    return JSON.stringify(body);
  } catch (error) {
    throw new StytchInputError(`The arguments cannot be sent as JSON: ${(error as Error).message}`);
  }
}

function sessionHeaders(options: CallOptions): Record<string, string> | undefined {
  const authorization = (options as { authorization?: { session_token?: unknown; session_jwt?: unknown } })
    .authorization;
  if (authorization === undefined || authorization === null) return undefined;
  const headers: Record<string, string> = {};
  if (authorization.session_token !== undefined) {
    assertHeaderValue("authorization.session_token", authorization.session_token);
    headers["X-Stytch-Member-Session"] = authorization.session_token;
  }
  if (authorization.session_jwt !== undefined) {
    assertHeaderValue("authorization.session_jwt", authorization.session_jwt);
    headers["X-Stytch-Member-SessionJWT"] = authorization.session_jwt;
  }
  return headers;
}

/** Extends the client's redaction (secret, credentials) to this call's member session token or JWT. */
function redactSession(redact: (text: string) => string, headers: Record<string, string> | undefined) {
  const values = Object.values(headers ?? {});
  if (values.length === 0) return redact;
  return (text: string) => values.reduce((t, value) => t.split(value).join("[REDACTED]"), redact(text));
}

/** What the call uses of a signal: `aborted`, `reason` and its listeners. */
function isAbortSignal(value: unknown): value is AbortSignal {
  const signal = value as Partial<AbortSignal>;
  return typeof signal.aborted === "boolean" && typeof signal.addEventListener === "function" && typeof signal.removeEventListener === "function";
}

function nonNegative(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 0) throw new StytchInputError(`${name} must be an integer >= 0`);
  return value;
}

function positive(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) throw new StytchInputError(`${name} must be a number > 0`);
  return value;
}

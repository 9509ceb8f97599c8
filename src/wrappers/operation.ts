import type { operations as OperationTypes } from "../generated/stytch.js";
import { operations, type OperationId } from "../generated/operations.js";
import { makeRequest, type Call, type Transport } from "./call.js";
import { StytchInputError } from "./errors.js";
import { assertHeaderValue, assertPathId } from "./ids.js";
import { withoutNils } from "./nil.js";
import type { CallOptions, OperationMethod } from "./types.js";
import { buildUrl } from "./url.js";

export type { Transport } from "./call.js";

/**
 * Builds a typed wrapper method for one operation of the spec, named by its operationId (a misspelt one does not
 * compile): method, path, path ids, where the arguments go and whether a retry is safe come from the generated
 * operation table. Path ids are checked, top-level nils dropped, the rest sent as query or JSON body, and a non-2xx
 * answer thrown as `StytchError`. The method's `.withResponse()` resolves to `{ data, response }` instead.
 * @example
 * const get = defineOperation(transport, "getUser");
 * const user = await get({ user_id: "user-test-…" });
 * const { data, response } = await get.withResponse({ user_id: "user-test-…" });
 */
export function defineOperation<Id extends OperationId>(
  transport: Transport,
  operationId: Id,
  check?: (args: Record<string, unknown>) => void,
): OperationMethod<OperationTypes[Id]> {
  const { method, path, pathParams: pathKeys, args: where, retrySafe } = operations[operationId];
  const verb = method.toUpperCase();
  const bodyless = where === "query";

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
    const maxRetries = nonNegative("maxRetries", options.maxRetries ?? transport.maxRetries);
    const timeoutMs = positive("timeoutMs", options.timeoutMs ?? transport.timeoutMs);
    // Serialized once, before the first attempt: every retry sends these very bytes, whatever the caller does
    // to its argument object in the meantime.
    const body = bodyless ? undefined : serializeBody(rest);
    const url = urlOf(transport.baseUrl, verb, path, pathParams, bodyless ? rest : undefined);
    const signal = options.signal ?? undefined;
    const redact = redactSession(transport.redact, session);
    const call: Call = { method: verb, path, url, body, session, retrySafe, maxRetries, timeoutMs, signal, redact };
    const answer = await makeRequest(transport, call);
    return whole ? answer : answer.data;
  };
  const call = (args?: Record<string, unknown> | null, options?: CallOptions | null) => run(args, options, false);
  const withResponse = (args?: Record<string, unknown> | null, options?: CallOptions | null) =>
    run(args, options, true);
  return Object.assign(call, { withResponse }) as unknown as OperationMethod<OperationTypes[Id]>;
}

function urlOf(
  baseUrl: string,
  verb: string,
  path: string,
  pathParams: Record<string, string>,
  query: Record<string, unknown> | undefined,
): string {
  try {
    return buildUrl(baseUrl, path, pathParams, query);
  } catch (error) {
    // Nothing is sent: a lone surrogate or a nested object in a query.
    const reason = error instanceof Error ? error.message : String(error);
    throw new StytchInputError(`${verb} ${path}: the arguments cannot be sent: ${reason}`);
  }
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
  return (
    typeof signal.aborted === "boolean" &&
    typeof signal.addEventListener === "function" &&
    typeof signal.removeEventListener === "function"
  );
}

function nonNegative(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 0) throw new StytchInputError(`${name} must be an integer >= 0`);
  return value;
}

function positive(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) throw new StytchInputError(`${name} must be a number > 0`);
  return value;
}

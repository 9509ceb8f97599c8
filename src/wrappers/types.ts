import type { StytchRequestError } from "./errors.js";

type Section<O, K extends "path" | "query" | "header"> = O extends { parameters: infer Ps }
  ? K extends keyof Ps
    ? [NonNullable<Ps[K]>] extends [never]
      ? {}
      : NonNullable<Ps[K]>
    : {}
  : {};

type JsonBody<O> = O extends { requestBody?: infer RB }
  ? [NonNullable<RB>] extends [never]
    ? {}
    : NonNullable<RB> extends { content: { "application/json": infer B } }
      ? KnownKeys<B>
      : {}
  : {};

/** Drops index signatures: an empty body with `additionalProperties: false` is generated as `{ [k: string]: never }`. */
type KnownKeys<T> = { [K in keyof T as string extends K ? never : K]: T[K] };

type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** Optional top-level fields also take `null`, which is dropped before sending (like the Ruby SDK's nil). */
type Nilable<T> = { [K in keyof T]: undefined extends T[K] ? T[K] | null : T[K] };

/**
 * Spellings the contract accepts only because another official SDK sends them (Python's `True`/`False` in query
 * booleans, see openapi/NOTES-sdk-wire.md). This client sends `true`/`false`, so its methods do not offer them.
 */
type OtherSdkSpelling = "True" | "False";

type OwnSpelling<T> = { [K in keyof T]: Exclude<T[K], OtherSdkSpelling> };

/** The one argument object of a wrapper method: path ids, query parameters and body fields, flat. */
export type Args<O> = Simplify<Nilable<Section<O, "path"> & OwnSpelling<Section<O, "query">> & JsonBody<O>>>;

/** The JSON body of the operation's 200 answer. */
export type Result<O> = O extends { responses: { 200: { content: { "application/json": infer R } } } } ? R : never;

/** A member session that the API checks the member's RBAC permissions against, as in the official SDK. */
export interface Authorization {
  session_token?: string;
  session_jwt?: string;
}

/** Per-call options: transport settings, plus `authorization` where the operation accepts a member session. */
export type CallOptions<O = unknown> = {
  /** Bound for each attempt, from sending to the last byte of the answer. */
  timeoutMs?: number;
  /** Retries after the first attempt; 0 turns retries off for this call. */
  maxRetries?: number;
  signal?: AbortSignal;
} & ("X-Stytch-Member-Session" extends keyof Section<O, "header"> ? { authorization?: Authorization } : {});

/** What `.withResponse()` resolves to: the parsed body and the HTTP answer it came from (body already read). */
export interface WithResponse<T> {
  data: T;
  /** Status, headers (e.g. rate-limit headers) and URL of the answer; its body has been read into `data`. */
  response: Response;
}

type Call<A, O, R> = {} extends A ? (args?: A, options?: O) => Promise<R> : (args: A, options?: O) => Promise<R>;

/**
 * A wrapper method: the argument is optional when every field of it is. `.withResponse()` takes the same
 * arguments and also hands back the `Response`.
 * @example
 * const { data: user, response } = await stytch.users.get.withResponse({ user_id });
 */
export type OperationMethod<O> = Call<Args<O>, CallOptions<O>, Result<O>> & {
  withResponse: Call<Args<O>, CallOptions<O>, WithResponse<Result<O>>>;
};

/**
 * What `onRequest` receives, once per attempt, just before it is sent. Nothing in it holds the secret, the
 * Basic credentials or a member session: `url` is the concrete URL (ids and query values, such as the
 * `email_address` of `members.get`, included); log `path`, the template, when those are personal data.
 */
export interface RequestEvent {
  /** `GET`, `POST`, `PUT` or `DELETE`. */
  method: string;
  /** The route template, the spec's path with `{user_id}`-style placeholders: a low-cardinality span or metric name. */
  path: string;
  url: string;
  /** 1 for the first attempt, 2 for the first retry, … */
  attempt: number;
}

/** What `onResponse` receives, once per attempt, when the answer's last byte has arrived or the attempt failed. */
export interface ResponseEvent {
  method: string;
  path: string;
  attempt: number;
  /** The HTTP status; undefined when no answer arrived (`error` says why). */
  status: number | undefined;
  /** Stytch's `request_id` (from the body, else the `x-request-id` header), for support tickets. */
  requestId: string | undefined;
  /** From just before sending to the last byte of the answer (or the failure). */
  durationMs: number;
  /** Whether the client will retry after this attempt (a 429, or a safe operation's 5xx or lost connection). */
  retry: boolean;
  /** Why no answer arrived: a timeout, an abort or a network failure, redacted like every error of this client. */
  error: StytchRequestError | undefined;
  /** The very object `onRequest` got for this attempt (a WeakMap key to pair them); undefined if never sent. */
  request: RequestEvent | undefined;
}

/** Observability hooks of `createStytchClient`; each is optional and costs nothing when not set. */
export interface Hooks {
  /** Called once per attempt, retries included, just before the request is sent. */
  onRequest?: (event: RequestEvent) => void;
  /** Called once per attempt, retries included, when it has ended. */
  onResponse?: (event: ResponseEvent) => void;
}

/** Why an attempt ended without an answer the call can use; `retry.ts` decides what each means for a retry. */
export type FailureReason = "aborted" | "timeout" | "refused" | "network" | "redirect" | "unreadable";

/**
 * How one attempt of a call ended: an HTTP answer (any status, its body read and parsed), or a failure with the
 * error the call throws if it ends there (and the answer's headers when they had arrived).
 * @example
 * if (outcome.kind === "answer" && outcome.response.status === 429) console.log("rate limited");
 */
export type Outcome =
  | { kind: "answer"; response: Response; body: unknown }
  | { kind: "failure"; reason: FailureReason; error: StytchRequestError; response: Response | undefined };

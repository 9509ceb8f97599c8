import type { paths } from "../generated/stytch.js";

/** HTTP methods the Stytch API uses. */
export type Method = "get" | "post" | "put" | "delete";

/** Paths of the spec that have an operation for `M`. */
export type PathsWith<M extends Method> = {
  [P in keyof paths]: paths[P] extends Record<M, object> ? P : never;
}[keyof paths];

/** The generated operation type at `path` + `method`. */
export type Operation<P extends keyof paths, M extends Method> = paths[P][M & keyof paths[P]];

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

/** A wrapper method: the argument is optional when every field of it is. */
export type OperationMethod<O> = {} extends Args<O>
  ? (args?: Args<O>, options?: CallOptions<O>) => Promise<Result<O>>
  : (args: Args<O>, options?: CallOptions<O>) => Promise<Result<O>>;

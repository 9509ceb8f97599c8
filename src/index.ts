/**
 * Typed client for the Stytch Users, B2B Organizations, Organization Members and Connected Apps APIs, generated from the
 * OpenAPI description in `openapi/`.
 * @example
 * import { createStytchClient, StytchError } from "stytch-openapi";
 * const stytch = createStytchClient({ projectId, secret });
 */
export { createStytchClient, LIVE_BASE_URL, TEST_BASE_URL } from "./wrappers/client.js";
export type { StytchClient, StytchClientConfig } from "./wrappers/client.js";
export {
  StytchAbortError,
  StytchBaseError,
  StytchError,
  StytchInputError,
  StytchPaginationError,
  StytchRedirectError,
  StytchRequestError,
  StytchTimeoutError,
} from "./wrappers/errors.js";
export type { StytchApiErrorBody } from "./wrappers/errors.js";
export { isRetrySafe, RETRY_DEFAULTS } from "./wrappers/retry.js";
export type { FetchLike } from "./wrappers/call.js";
export { stripNils } from "./wrappers/nil.js";
export type {
  Args,
  Authorization,
  CallOptions,
  Hooks,
  OperationMethod,
  RequestEvent,
  ResponseEvent,
  Result,
  WithResponse,
} from "./wrappers/types.js";
export type { PaginateOptions } from "./wrappers/paginate.js";
export type { components, operations, paths } from "./generated/stytch.js";

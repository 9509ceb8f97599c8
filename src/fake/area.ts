/**
 * The preamble of every area file (users, members, organizations, connected apps): the generated schema types, the
 * answer type of a handler, the helpers handlers share, and the route maker. One import instead of five per area.
 */
import type { components } from "../generated/stytch.js";
import type { Route } from "./router.js";

export {
  checkEmail,
  checkPhone,
  FakeError,
  invalid,
  mergeMetadata,
  notFound,
  optString,
  type Context,
} from "./context.js";
export { queryBoolean, type FakeRequest, type Route } from "./router.js";

/** The spec's schemas, as `openapi-typescript` generated them. */
export type S = components["schemas"];

/**
 * What a handler answers: the operation's response without `request_id` and `status_code` (the fake adds them).
 * @example
 * function get(ctx: Context, { params }: FakeRequest): Ok<S["GetUserResponse"]> { ... }
 */
export type Ok<T> = Omit<T, "request_id" | "status_code">;

/**
 * The route maker of one area: its operations share the 404 that `Prefer: code=404` answers with.
 * @example
 * const route = areaRoute("user_not_found");
 * export const userRoutes = [route("createUser", "POST", "/v1/users", create)];
 */
export function areaRoute(notFound: Route["notFound"]) {
  return (operationId: string, method: Route["method"], path: string, handle: Route["handle"]): Route => ({
    operationId,
    method,
    path,
    notFound,
    handle,
  });
}

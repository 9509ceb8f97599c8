/**
 * The preamble of every area file (users, members, organizations, connected apps): the generated schema types, the
 * answer type of a handler, the helpers handlers share, and the route maker. One import instead of five per area.
 */
import { operations, type OperationId } from "../generated/operations.js";
import type { components, operations as Operations } from "../generated/stytch.js";
import type { Context } from "./context.js";
import type { FakeRequest, Route } from "./router.js";

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

/** The JSON answer the spec gives operation `Id` on success. */
type Answer<Id extends OperationId> = Operations[Id]["responses"][200]["content"]["application/json"];

/**
 * The route maker of one area: a route names its operationId (a misspelt one does not compile), its method and path
 * come from the generated operation table, its handler must answer that operation's response, and the area's
 * operations share the 404 that `Prefer: code=404` answers with.
 * @example
 * const route = areaRoute("user_not_found");
 * export const userRoutes = [route("createUser", create), route("getUser", get)];
 */
export function areaRoute(notFound: Route["notFound"]) {
  return <Id extends OperationId>(
    operationId: Id,
    handle: (ctx: Context, request: FakeRequest) => Ok<Answer<Id>>,
  ): Route => {
    const { method, path } = operations[operationId];
    return { operationId, method: method.toUpperCase() as Route["method"], path, notFound, handle };
  };
}

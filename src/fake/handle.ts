/**
 * The fake's edge: one request's parts to an answer, in order — the route, a `Prefer: code=` asked for, the
 * credentials, the JSON body, a member session's rights, then the operation as one all-or-nothing write. Every
 * refusal is the API's error object; anything else that goes wrong is a 500 in the same shape.
 */
import { FakeError, invalid, MAX_DEPTH, tooDeep, type Context } from "./context.js";
import { SESSION_OPERATIONS, type RbacRole } from "./rbac.js";
import { authorize } from "./rbac-check.js";
import { dropEchoedIds, preferredError, type router } from "./router.js";
import type { SessionStore } from "./sessions.js";
import type { Store } from "./store.js";
import type { FakeHttpRequest } from "./types.js";

/** What the edge works with: the fake's routes, store, roles, sessions and credentials, and how it writes. */
export interface Edge {
  findRoute: ReturnType<typeof router>;
  store: Store;
  roles: ReadonlyMap<string, RbacRole>;
  sessions: SessionStore;
  /** The `Authorization` header every request must carry, or undefined when any will do. */
  expected: string | undefined;
  /** A fresh context (ids, clock, request id) for one request. */
  context: () => Context;
  /** Runs a change as one all-or-nothing write (the store, the ids drawn and the clock's ticks). */
  write: <R>(fn: (c: Context) => R, c?: Context) => R;
}

/**
 * The `handle` of a fake: a request's parts in, its status and JSON body out, synchronously.
 * @example
 * const handle = createHandler({ findRoute, store, roles, sessions, expected: undefined, context, write });
 * handle({ method: "GET", pathname, query: new URLSearchParams(), header: () => null, body: "" }); // { status, body }
 */
export function createHandler({ findRoute, store, roles, sessions, expected, context, write }: Edge) {
  return (request: FakeHttpRequest): { status: number; body: string } => {
    const c = context();
    try {
      const found = findRoute(request.method, request.pathname);
      // Source: https://stytch.com/docs/api-reference/fraud/api/errors/404#route_not_found — "The route provided is
      // not supported." (404); also in stytch-android StytchAPIErrorType.kt.
      if (!found) throw new FakeError(404, "route_not_found", `No such route: ${request.method} ${request.pathname}.`);
      const code = /(?:^|[,;\s])code=(\d{3})/.exec(request.header("prefer") ?? "")?.[1];
      const preferred = code && code !== "200" ? preferredError(found.route, Number(code)) : undefined;
      if (preferred) throw preferred;
      if (expected && request.header("authorization") !== expected) {
        throw new FakeError(401, "unauthorized_credentials", "Unauthorized credentials.");
      }
      const body = jsonObject(request.body);
      const req = { params: found.params, query: request.query, body: dropEchoedIds(body, found.params) };
      // A member session, on the operations that take one, is checked before anything changes (RBAC, see rbac.ts).
      if (SESSION_OPERATIONS.has(found.route.operationId)) {
        const session = sessions.resolve(request.header);
        const member = session && store.members.get(session.member_id);
        if (session && (!member || member.status === "deleted"))
          throw new FakeError(404, "session_not_found", "Session could not be found.");
        if (member) authorize(store, roles, found.route.operationId, req, { member });
      }
      // All or nothing: the store changes, the ids drawn and the clock's ticks are kept only if the answer is written.
      const answer = write(
        (c) => JSON.stringify({ request_id: c.requestId, ...found.route.handle(c, req), status_code: 200 }),
        c,
      );
      return { status: 200, body: answer };
    } catch (error) {
      const e =
        error instanceof FakeError
          ? error
          : new FakeError(
              500,
              "internal_server_error",
              `The fake failed: ${String((error as Error)?.message ?? error)}`,
            );
      return { status: e.status, body: JSON.stringify(e.body(c.requestId)) };
    }
  };
}

/** The request body as a JSON object (`{}` for none); anything else is the caller's 400. */
function jsonObject(text: string): Record<string, unknown> {
  let body: unknown = {};
  if (text.trim() !== "") {
    try {
      body = JSON.parse(text);
    } catch {
      throw invalid("The request body is not valid JSON.");
    }
  }
  if (typeof body !== "object" || body === null || Array.isArray(body))
    throw invalid("The request body must be a JSON object.");
  // Guessed: the API's depth limit is not documented; the fake refuses what it could not store and answer safely.
  if (tooDeep(body)) throw invalid(`The request body is nested deeper than ${MAX_DEPTH} levels.`);
  return body as Record<string, unknown>;
}

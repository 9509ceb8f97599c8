import type { OperationId } from "../generated/operations.js";
import { FakeError, invalid, type Context } from "./context.js";

/** What a handler gets from a request: path ids, query strings and the JSON body (echoed path ids removed). */
export interface FakeRequest {
  params: Record<string, string>;
  query: URLSearchParams;
  body: Record<string, unknown>;
}

/** One operation of the spec: its route, the 404 its errors are named after, and the store change it makes. */
export interface Route {
  operationId: OperationId;
  method: "GET" | "POST" | "PUT" | "DELETE";
  path: string;
  /** The error type of the operation's first documented 404 example (what `Prefer: code=404` answers). */
  notFound: "user_not_found" | "member_not_found" | "organization_not_found" | "connected_app_not_found";
  handle(ctx: Context, request: FakeRequest): object;
}

/** The shared error examples of the spec, by status (the 404 one depends on the route). */
const EXAMPLES: Record<number, [string, string]> = {
  400: ["invalid_argument", "One or more arguments are invalid; check the request against this description."],
  401: ["unauthorized_credentials", "Unauthorized credentials."],
  403: ["unauthorized_action", "The credentials are valid but not allowed to perform this action."],
  429: ["too_many_requests", "Too many requests have been made."],
  500: [
    "internal_server_error",
    "Oops, something seems to have gone wrong, please reach out to support@stytch.com to let us know what went wrong.",
  ],
};
const NOT_FOUND_MESSAGES = {
  user_not_found: "User could not be found.",
  member_not_found: "Member could not be found.",
  organization_not_found: "Organization could not be found.",
  connected_app_not_found: "Connected app could not be found.",
};

/** The spec's example error for `status` on `route` (what `Prefer: code=<status>` asks for), or undefined. */
export function preferredError(route: Route, status: number): FakeError | undefined {
  if (status === 404) return new FakeError(404, route.notFound, NOT_FOUND_MESSAGES[route.notFound]);
  const example = EXAMPLES[status];
  return example && new FakeError(status, example[0], example[1]);
}

interface Compiled {
  route: Route;
  segments: string[];
  literals: number;
}

/**
 * Finds the route of a method and pathname; literal segments win over ids: templates with more literal segments are
 * tried first, and of two with as many, the one listed first (`deleteUserExternalId` is listed before
 * `deleteUserTotp`, so a DELETE of `…/users/totps/external_id` is the former, for the user `totps`).
 * @example
 * const find = router(routes);
 * find("DELETE", pathname); // { route, params } or undefined
 */
export function router(routes: Route[]) {
  const compiled: Compiled[] = routes
    .map((route) => {
      const segments = route.path.split("/");
      return { route, segments, literals: segments.filter((s) => !s.startsWith("{")).length };
    })
    .sort((a, b) => b.literals - a.literals);
  return (method: string, pathname: string): { route: Route; params: Record<string, string> } | undefined => {
    const parts = pathname.replace(/\/+$/, "").split("/");
    for (const { route, segments } of compiled) {
      if (route.method !== method || segments.length !== parts.length) continue;
      const params: Record<string, string> = {};
      const ok = segments.every((segment, i) => {
        const part = parts[i]!;
        if (!segment.startsWith("{")) return segment === part;
        if (part === "") return false;
        params[segment.slice(1, -1)] = decodeSegment(part);
        return true;
      });
      if (ok) return { route, params };
    }
    return undefined;
  };
}

/**
 * The Python and Go SDKs repeat path ids in the body (`x-echoed-path-parameter` in the spec): one equal to the
 * path's value is dropped, one that differs is refused as the API does.
 */
export function dropEchoedIds(body: Record<string, unknown>, params: Record<string, string>): Record<string, unknown> {
  const rest = { ...body };
  for (const [name, value] of Object.entries(params)) {
    if (!(name in rest)) continue;
    if (rest[name] !== value) throw invalid(`${name} in the body does not match the ${name} in the path.`, name);
    delete rest[name];
  }
  return rest;
}

/** A query boolean as the SDKs spell it: `true`/`false` (Node, Go, Ruby) or `True`/`False` (Python). */
export function queryBoolean(query: URLSearchParams, name: string): boolean {
  const value = query.get(name);
  if (value === null || value === "") return false;
  if (value === "true" || value === "True") return true;
  if (value === "false" || value === "False") return false;
  throw invalid(`${name} must be true or false.`, name);
}

/** A path segment decoded; a malformed percent-escape is the caller's error (400), not the fake's (500). */
function decodeSegment(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw invalid("The URL path is not validly percent-encoded.");
  }
}

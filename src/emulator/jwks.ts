/**
 * The project's JSON Web Key Sets, consumer and B2B: outside this description, but the official Go SDK fetches the
 * project's JWKS when its client is created (stytch-go `instantiateJWKSClient`) and fails without an answer. The B2B
 * set verifies the member session JWTs of `POST /__fake/sessions`; the consumer set is empty (the emulator mints no
 * consumer sessions). See openapi/NOTES-emulator.md.
 * @example
 * const route = matchJwks("GET", target.segments);
 * if (route) send(res, 200, await jwksBody(fake, route), cors(req));
 */
import type { StytchFake } from "stytch-openapi/fake";
import { newRequestId } from "./http.js";

/** One of the JWKS routes, as the emulator answers and logs it. */
export interface JwksRoute {
  /** The operationId of Stytch's own description (vendor/stytch-openapi/openapi.yml). */
  operationId: string;
  /** The path template, for the log. */
  path: string;
  /** The B2B set (member sessions) rather than the consumer one. */
  b2b: boolean;
  /** The template's segments; `{project_id}` matches any segment but an empty one. */
  segments: readonly string[];
}

/**
 * The JWKS routes, in the segments the router matches. They are Stytch's operations `api_session_v1_GetJWKS` and
 * `api_b2b_session_v1_GetJWKS`, which this description does not have, so neither the spec nor src/generated/ gives
 * their paths: test/emulator/jwks.test.ts checks these against Stytch's own description (vendor/stytch-openapi/).
 */
export const JWKS_ROUTES: readonly JwksRoute[] = [
  { operationId: "api_session_v1_GetJWKS", b2b: false, segments: ["v1", "sessions", "jwks", "{project_id}"] },
  { operationId: "api_b2b_session_v1_GetJWKS", b2b: true, segments: ["v1", "b2b", "sessions", "jwks", "{project_id}"] },
].map((route) => ({ ...route, path: `/${route.segments.join("/")}` }));

/**
 * The JWKS route of a method and decoded path segments, or undefined.
 * @example
 * const route = matchJwks(req.method, parseTarget(req.url).segments); // { operationId: "api_b2b_session_v1_GetJWKS", … }
 */
export function matchJwks(method: string, segments: readonly string[]): JwksRoute | undefined {
  if (method !== "GET") return undefined;
  return JWKS_ROUTES.find(
    (route) =>
      route.segments.length === segments.length &&
      route.segments.every((part, i) => (part.startsWith("{") ? segments[i] !== "" : part === segments[i])),
  );
}

/**
 * The answer's JSON: the key set, a request id and the status code, as the API's other answers carry them.
 * @example
 * const text = await jwksBody(fake, route); // {"keys":[…],"request_id":"request-id-test-…","status_code":200}
 */
export async function jwksBody(fake: StytchFake, route: JwksRoute): Promise<string> {
  const keys = route.b2b ? (await fake.sessions.jwks()).keys : [];
  return JSON.stringify({ keys, request_id: newRequestId(), status_code: 200 });
}

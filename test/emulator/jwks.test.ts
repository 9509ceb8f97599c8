import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createRouter } from "../../src/drift/router.js";
import { JWKS_ROUTES, matchJwks } from "../../src/emulator/jwks.js";
import { SPEC } from "./support.js";

/**
 * The JWKS routes are the only API paths the emulator knows that this description does not give: they come from
 * Stytch's own description (vendor/stytch-openapi/openapi.yml), and this test holds them to it.
 */
const UPSTREAM = readFileSync(new URL("../../vendor/stytch-openapi/openapi.yml", import.meta.url), "utf8");

/** Method and path of each operationId in Stytch's description, read from its layout (paths at 2 spaces, methods at 4). */
function upstreamOperations(): Map<string, { method: string; path: string }> {
  const found = new Map<string, { method: string; path: string }>();
  let path = "";
  let method = "";
  for (const line of UPSTREAM.split("\n")) {
    const p = /^ {2}(\/\S*):\s*$/.exec(line);
    if (p) path = p[1]!;
    const m = /^ {4}(get|put|post|delete|patch):\s*$/.exec(line);
    if (m) method = m[1]!;
    const id = /^ {6}operationId: (\S+)\s*$/.exec(line);
    if (id) found.set(id[1]!, { method, path });
  }
  return found;
}

describe("the emulator's JWKS routes", () => {
  it("are Stytch's own GetJWKS operations, at the paths its description gives", () => {
    const upstream = upstreamOperations();
    expect(upstream.size).toBeGreaterThan(100);
    for (const route of JWKS_ROUTES) {
      expect(upstream.get(route.operationId), route.operationId).toEqual({ method: "get", path: route.path });
    }
  });

  it("are outside this description (were they added to it, jwks.ts would give way to the spec's routes)", () => {
    const router = createRouter(SPEC);
    for (const route of JWKS_ROUTES) {
      const segments = route.segments.map((s) => (s.startsWith("{") ? "project-test-1" : s));
      expect(router.route("GET", segments), route.path).toBeUndefined();
      expect(matchJwks("GET", segments)?.operationId).toBe(route.operationId);
      expect(matchJwks("POST", segments)).toBeUndefined();
      expect(matchJwks("GET", [...segments.slice(0, -1), ""])).toBeUndefined();
    }
  });
});

import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { loadRecordings, routeFor, specRoutes, type Recording } from "../../scripts/lib/wire-replay.mjs";

// What the SDK-wire tests (sdk-wire.test.ts, sdk-wire-spec.test.ts) share: the bundled spec, its routes and the
// recorded requests of the Ruby, Python and Go SDKs (test/fixtures/sdk-wire/).

/** The bundled spec, as far as these tests read it. */
export const spec = parse(readFileSync(new URL("../../dist/openapi.yaml", import.meta.url), "utf8")) as {
  paths: Record<string, Record<string, { parameters?: { $ref?: string; name?: string; in?: string }[] }>>;
  components: { parameters: Record<string, { name: string; in: string }> };
};
/** The spec's routes, for `routeFor`. */
export const routes = specRoutes(spec);
/** Every recorded request. */
export const recordings = await loadRecordings();
/** The recorded requests of operations the spec describes. */
export const described = recordings.filter((r) => routeFor(routes, r.method, r.path));

/** A recorded line, found by SDK, operation and variant. */
export function line(sdk: string, operation: string, variant: "minimal" | "full" = "minimal"): Recording {
  const found = recordings.find((r) => r.sdk === sdk && r.operation === operation && r.variant === variant);
  if (!found) throw new Error(`no ${variant} ${sdk} line for ${operation}`);
  return found;
}

/** The same request with another JSON body (its content-length recomputed). */
export function withBody(r: Recording, body: string | null, headers: Record<string, string> = {}): Recording {
  const { "content-length": _, ...rest } = r.headers;
  const length: Record<string, string> = body === null ? {} : { "content-length": String(Buffer.byteLength(body)) };
  return { ...r, body, headers: { ...rest, ...length, "content-type": "application/json", ...headers } };
}

import { createStytchClient, type StytchClient } from "../../src/index.js";
import { operations } from "../../src/generated/operations.js";
import { fakeFetch } from "./fake-fetch.js";

/** One operation of the table, with the client method that calls it and the route it was seen to call. */
export interface DiscoveredOperation {
  /** Dotted name under the client, e.g. `organizations.members.oauthProviders.google`. */
  name: string;
  /** `users`, `organizations`, `organizations.members` or `connectedApp.clients`. */
  area: string;
  method: string;
  /** Route template, e.g. `/v1/users/{user_id}/connected_apps/{connected_app_id}/revoke`. */
  template: string;
  /** Path-id parameters, in the order they appear in the template. */
  pathKeys: string[];
  /** Arguments besides the path ids without which the method refuses to send (members.get needs an email). */
  extra: Record<string, unknown>;
}

const AREAS = ["users", "organizations", "organizations.members", "connectedApp.clients"];
const ITERATORS = new Set(["searchAll", "searchPages"]);
const PROBE = "probe-";

/** The function at a dotted name of the client. */
export function methodAt(stytch: StytchClient, name: string): (args?: unknown, options?: unknown) => unknown {
  return name.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], stytch) as (
    args?: unknown,
    options?: unknown,
  ) => unknown;
}

/** Function names below `prefix`, leaving out an area nested in another (`organizations.members`), which is its own. */
function functionNames(node: unknown, prefix: string): string[] {
  return Object.entries(node as Record<string, unknown>).flatMap(([key, value]) => {
    const name = `${prefix}.${key}`;
    if (typeof value === "function") return [name];
    return AREAS.includes(name) ? [] : functionNames(value, name);
  });
}

/** Every function of the client (request methods and the search iterators) by dotted name, per area. */
export function clientFunctions(stytch: StytchClient): { name: string; area: string; iterator: boolean }[] {
  return AREAS.flatMap((area) =>
    functionNames(
      area.split(".").reduce<unknown>((n, k) => (n as Record<string, unknown>)[k], stytch),
      area,
    ).map((name) => ({ name, area, iterator: ITERATORS.has(name.slice(name.lastIndexOf(".") + 1)) })),
  );
}

/**
 * Every operation of the table (src/generated/operations.ts) with the client method it names, each called once with
 * an argument object that answers `probe-<name>` for any key it is asked for: the method must send exactly one
 * request, to the table's method and route, with the path ids it reads showing up as `probe-<name>` segments.
 * Throws when a method is missing or calls another route, so every test that uses this also proves the table.
 */
export async function discoverOperations(): Promise<DiscoveredOperation[]> {
  const recorder = fakeFetch();
  const stytch = createStytchClient({ projectId: "project-test-x", secret: "s", fetch: recorder.fetch, maxRetries: 0 });
  const found: DiscoveredOperation[] = [];
  for (const [id, op] of Object.entries(operations)) {
    const name = op.sdkMethod;
    const fn = methodAt(stytch, name);
    if (typeof fn !== "function") throw new Error(`${id}: the client has no method ${name}`);
    let extra: Record<string, unknown> = {};
    const before = recorder.seen.length;
    try {
      await fn(probeArgs(extra));
    } catch {
      extra = { email_address: "probe@example.com" };
      await fn(probeArgs(extra));
    }
    if (recorder.seen.length !== before + 1) throw new Error(`${name} sent ${recorder.seen.length - before} requests`);
    const seen = recorder.seen[before]!;
    const segments = seen.url.pathname.split("/");
    const pathKeys = segments.filter((s) => s.startsWith(PROBE)).map((s) => s.slice(PROBE.length));
    const template = segments.map((s) => (s.startsWith(PROBE) ? `{${s.slice(PROBE.length)}}` : s)).join("/");
    if (seen.method !== op.method.toUpperCase() || template !== op.path) {
      throw new Error(
        `${id}: ${name} sent ${seen.method} ${template}, the table says ${op.method.toUpperCase()} ${op.path}`,
      );
    }
    const area = AREAS.filter((a) => name.startsWith(`${a}.`)).sort((a, b) => b.length - a.length)[0]!;
    found.push({ name, area, method: seen.method, template, pathKeys, extra });
  }
  return found;
}

function probeArgs(extra: Record<string, unknown>): Record<string, unknown> {
  return new Proxy(extra, {
    get: (target, key) => (key in target ? target[key as string] : typeof key === "string" ? PROBE + key : undefined),
  });
}

// What `stytch-openapi export <kind>` reads for each kind: the search to page through, where a page keeps its items,
// the schema of an item (whose top-level fields are the default columns) and the API's rate limit for that search.
import { existsSync, readFileSync } from "node:fs";
import type { StytchClient } from "stytch-openapi";
import type { OperationId } from "../generated/operations.js";
import type { SearchPages } from "./walk.js";

/**
 * The kinds of record `export` knows, in the order `--help` lists them.
 * @example
 * KINDS.includes("users"); // true
 */
export const KINDS = ["users", "members", "organizations", "clients"] as const;

/**
 * One of `KINDS`.
 * @example
 * const kind: Kind = "members";
 */
export type Kind = (typeof KINDS)[number];

/** A kind's search pages: each area's have their own type, called through `SearchPages`. */
type Pages = (client: StytchClient, ...page: Parameters<SearchPages>) => ReturnType<SearchPages>;

/** Where a kind's records come from. */
export interface Source {
  /** The search operation that `pages` calls (its path is what the export paces). */
  search: OperationId;
  pages: Pages;
  items: (page: never) => unknown[];
  schema: string;
  rpm: number;
}

/**
 * Per kind: the search to page through, where a page keeps its items, the schema of an item, the rate limit.
 * @example
 * SOURCES.users.rpm; // 150
 */
export const SOURCES: Record<Kind, Source> = {
  // 150 and 100 requests a minute are the search limits the official SDK documents for users and members.
  users: {
    search: "searchUsers",
    pages: (c, a, o) => c.users.searchPages(a, o),
    items: (p: { results: unknown[] }) => p.results,
    schema: "User",
    rpm: 150,
  },
  members: {
    search: "searchMembers",
    pages: (c, a, o) => c.organizations.members.searchPages(a, o),
    items: (p: { members: unknown[] }) => p.members,
    schema: "Member",
    rpm: 100,
  },
  // Not documented: the member search's limit is assumed for organization and client search too.
  organizations: {
    search: "searchOrganizations",
    pages: (c, a, o) => c.organizations.searchPages(a, o),
    items: (p: { organizations: unknown[] }) => p.organizations,
    schema: "Organization",
    rpm: 100,
  },
  clients: {
    search: "searchConnectedAppClients",
    pages: (c, a, o) => c.connectedApp.clients.searchPages(a, o),
    items: (p: { connected_apps: unknown[] }) => p.connected_apps,
    schema: "ConnectedAppClient",
    rpm: 100,
  },
};

/**
 * The top-level fields of a schema of the bundled spec, in the spec's order: the one beside the installed command
 * (dist/openapi.json), else, run from source, the generated one.
 * @example
 * topLevelFields("User").slice(0, 3); // ["user_id", "emails", "status"]
 */
export function topLevelFields(schema: string): string[] {
  const candidates = [
    new URL("./openapi.json", import.meta.url),
    new URL("../generated/openapi.json", import.meta.url),
  ];
  const file = candidates.find((url) => existsSync(url));
  if (!file) throw new Error("openapi.json was not found beside the command; reinstall the package");
  const spec = JSON.parse(readFileSync(file, "utf8")) as {
    components: { schemas: Record<string, { properties?: object }> };
  };
  return Object.keys(spec.components.schemas[schema]?.properties ?? {});
}

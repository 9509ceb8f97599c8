// The page walks of `stytch-openapi export`: each yields, page by page, the items to write and the position that
// follows them, which the checkpoint stores. A walk started from a stored position goes on from exactly there.
import type { StytchClient } from "stytch-openapi";
import type { OrganizationPosition } from "./checkpoint.js";

/** Where a walk stands: what a checkpoint stores, and what a resumed walk starts from. */
export interface Position {
  /** The next page's cursor in the current search: undefined for its first page, null when it is exhausted. */
  cursor?: string | null;
  /** members --all-organizations: which organization the cursor belongs to. */
  organization?: OrganizationPosition;
}

/** One step of a walk: a page's items (or none, on a move to the next organization) and the position after them. */
export interface Step {
  /** Whether this step is a page the API answered (not only a move to the next organization). */
  fetched: boolean;
  items: unknown[];
  /** `results_metadata.total` of the search, when it counts what is being exported. */
  total?: number;
  position: Position;
}

interface Page {
  results_metadata: { next_cursor?: string | null; total?: number };
}
/** The `searchPages` of any area of the client. */
// biome-ignore lint/suspicious/noExplicitAny: the search pages of any area, whose argument and item types differ
export type SearchPages = (args: any, options: any) => AsyncIterable<any>;

/**
 * One search from `cursor` on (nothing when it is null).
 * @example
 * for await (const step of searchWalk(client.users.searchPages, (p) => p.results, { limit: 1000 }, undefined, {})) write(step.items);
 */
export async function* searchWalk(
  pages: SearchPages,
  items: (page: never) => unknown[],
  args: Record<string, unknown>,
  cursor: string | null | undefined,
  options: object,
): AsyncGenerator<Step> {
  if (cursor === null) return;
  for await (const page of pages({ ...args, ...(cursor ? { cursor } : {}) }, options) as AsyncIterable<Page>) {
    const meta = page.results_metadata;
    yield {
      fetched: true,
      items: (items as (p: Page) => unknown[])(page),
      total: meta.total,
      position: { cursor: meta.next_cursor || null },
    };
  }
}

/**
 * The members of every organization of the project: `organizations.search` page by page, and for each organization
 * its members' search. The position names the page of organizations (by the cursor that fetched it), the
 * organization's index in it and the members' cursor, so a resume continues inside the same organization.
 * @example
 * for await (const step of organizationsWalk(client, { limit: 1000 }, checkpoint ?? {}, { signal })) write(step.items);
 */
export async function* organizationsWalk(
  client: StytchClient,
  args: Record<string, unknown>,
  start: Position,
  options: { signal?: AbortSignal },
): AsyncGenerator<Step> {
  let pageCursor = start.organization?.pageCursor;
  let index = start.organization?.index ?? 0;
  let memberCursor = start.cursor;
  const organizationPages = client.organizations.searchPages(
    { limit: 1000, ...(pageCursor ? { cursor: pageCursor } : {}) },
    { signal: options.signal },
  );
  for await (const page of organizationPages) {
    for (; index < page.organizations.length; index++) {
      const organization = { ...(pageCursor ? { pageCursor } : {}), index };
      const members = { ...args, organization_ids: [page.organizations[index]!.organization_id] };
      for await (const step of searchWalk(
        client.organizations.members.searchPages,
        (p: { members: unknown[] }) => p.members,
        members,
        memberCursor,
        options,
      )) {
        yield { fetched: true, items: step.items, position: { cursor: step.position.cursor, organization } };
      }
      memberCursor = undefined;
      // This organization is done: a resume starts with the next one.
      yield {
        fetched: false,
        items: [],
        position: { cursor: undefined, organization: { ...organization, index: index + 1 } },
      };
    }
    index = 0;
    pageCursor = page.results_metadata.next_cursor || undefined;
  }
}

/**
 * Search as one engine for the areas: the records that match a query (candidates from an index, then the filters of
 * search-filters.ts), and one page of them behind an opaque cursor.
 */
import type { components } from "../generated/stytch.js";
import { FakeError, invalid } from "./context.js";
import { FILTERS, INDEXED } from "./search-filters.js";
import type { Store, Table } from "./store.js";

type S = components["schemas"];

/**
 * The ids an index gives for a query, or undefined when none serves it: for `AND`, the smallest set any indexed
 * operand gives; for `OR`, the union, when every operand is indexed.
 */
function candidates(area: keyof typeof FILTERS, query: Query | undefined, store: Store): Set<string> | undefined {
  if (!query || query.operands.length === 0) return undefined;
  const table = INDEXED[area] as Record<string, ((v: unknown, s: Store) => Iterable<string>) | undefined>;
  const sets: (Set<string> | undefined)[] = query.operands.map((operand) => {
    const ids = table[operand.filter_name];
    // A malformed value (not a list) is left to the predicate, which sees every record.
    return ids && Array.isArray(operand.filter_value) ? new Set(ids(operand.filter_value, store)) : undefined;
  });
  if (query.operator === "OR") {
    return sets.every((set) => set !== undefined) ? new Set(sets.flatMap((set) => [...set!])) : undefined;
  }
  return sets.reduce<Set<string> | undefined>(
    (best, set) => (set && (!best || set.size < best.size) ? set : best),
    undefined,
  );
}

/**
 * The records of `table` that match `query`, in creation order: candidates from an index when one serves the query
 * (else those of `scope`, else every record), then every predicate.
 */
export function select<R, I extends string>(
  area: keyof typeof FILTERS,
  table: Table<R, I>,
  query: Query | undefined,
  store: Store,
  scope?: Iterable<string>,
): Readonly<R>[] {
  const test = matcher<Readonly<R>>(area, query, store);
  const ids = candidates(area, query, store) ?? scope;
  return (ids ? table.ordered(ids) : [...table.values()]).filter(test);
}

type Query = { operator: "AND" | "OR"; operands: { filter_name: string; filter_value: unknown }[] };

/**
 * The predicate a query stands for; an unknown `filter_name` is refused.
 * Source: https://stytch.com/docs/api-reference/consumer/api/users/search-users — "Submitting an empty `query`
 * returns all Users"; seed 002_ed1af04ec4d81c00.txt:427 says the same of members. An empty operand list is read so.
 */
export function matcher<R>(area: keyof typeof FILTERS, query: Query | undefined, store: Store): (record: R) => boolean {
  if (!query || query.operands.length === 0) return () => true;
  const table = FILTERS[area] as unknown as Record<string, (r: R, v: unknown, s: Store) => boolean>;
  const tests = query.operands.map((operand) => {
    const test = table[operand.filter_name];
    if (!test) throw invalid(`Unknown search filter: ${operand.filter_name}.`, "query.operands");
    return (record: R) => test(record, operand.filter_value, store);
  });
  return query.operator === "OR" ? (r) => tests.some((t) => t(r)) : (r) => tests.every((t) => t(r));
}

/**
 * One page of `items` (in creation order): up to `limit` of them after the cursor's position, found by bisection.
 * The cursor is opaque to callers; it holds the creation number of the last item returned, so records created or
 * deleted between pages neither repeat nor shift the rest.
 */
export function page<R>(
  table: { idOf(record: R): string; seqOf(id: string): number },
  items: readonly R[],
  body: { cursor?: string | null; limit?: number | null },
  cursorError = "invalid_argument",
): { results: R[]; results_metadata: S["ResultsMetadata"] } {
  // Source: seed 000_a7f23383079f5499.txt:910 and 002_ed1af04ec4d81c00.txt:443 (stytch-ruby search) — "The default
  // limit is 100. A maximum of 1000 results can be returned by a single search request."
  const limit = body.limit ?? 100;
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
    throw invalid("limit must be between 1 and 1000.", "limit");
  const after = body.cursor ? decodeCursor(body.cursor, cursorError) : 0;
  const seq = (r: R) => table.seqOf(table.idOf(r));
  let [lo, hi] = [0, items.length];
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (seq(items[mid]!) > after) hi = mid;
    else lo = mid + 1;
  }
  const results = items.slice(lo, lo + limit);
  const last = results[results.length - 1];
  const next_cursor = items.length - lo > limit && last ? encodeCursor(seq(last)) : null;
  return { results, results_metadata: { total: items.length, next_cursor } };
}

function encodeCursor(seq: number): string {
  return btoa(`fake-cursor:${seq}`).replace(/=+$/, "");
}

function decodeCursor(cursor: string, errorType: string): number {
  let text = "";
  try {
    text = atob(cursor);
  } catch {
    /* refused below */
  }
  const match = /^fake-cursor:(\d+)$/.exec(text);
  // Source: stytch-android StytchAPIErrorType.kt lists `user_search_invalid_cursor`, which users' search passes in.
  // Guessed: members' and organizations' searches (no cursor error in that list) answer 400 `invalid_argument`.
  if (!match) throw new FakeError(400, errorType, "cursor is not a cursor this API returned.", { field: "cursor" });
  return Number(match[1]);
}

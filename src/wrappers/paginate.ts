import { StytchAbortError, StytchInputError, StytchPaginationError } from "./errors.js";
import { ahead } from "./prefetch.js";
import { abortableSleep } from "./retry.js";

/** A search answer: anything with `results_metadata.next_cursor`. */
export interface SearchPage {
  results_metadata: { next_cursor?: string | null };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any search method of any area
type SearchFn = (args?: any, options?: any) => Promise<SearchPage>;

/** Options of a paginator: the search call's own options plus a request rate. */
export interface PaginateOptions {
  /**
   * Upper bound on search requests per minute, so that a long export stays under the API's limit (about 150 per
   * minute for search) instead of tripping 429s. Unlimited when not set.
   */
  requestsPerMinute?: number;
  /**
   * Pages to request ahead while the caller works on the current one (default 0: none, so `break` costs no extra
   * request). At most `prefetch + 1` pages are held; order, `requestsPerMinute` and errors are kept, and `break`
   * or an abort cancels the request in flight.
   */
  prefetch?: number;
  signal?: AbortSignal;
}

/**
 * Yields the pages of a cursor-paginated search, following `results_metadata.next_cursor` until it is null or
 * empty. A cursor seen before ends the loop with `StytchPaginationError`; `break` stops fetching. With
 * `prefetch: n`, up to n pages are requested ahead of the caller.
 * @example
 * for await (const page of paginate(stytch.users.search, { limit: 1000 })) console.log(page.results.length);
 */
export async function* paginate<F extends SearchFn>(
  search: F,
  args?: Parameters<F>[0],
  options?: NonNullable<Parameters<F>[1]> & PaginateOptions,
  sleep: (ms: number, signal?: AbortSignal) => Promise<void> = abortableSleep,
): AsyncGenerator<Awaited<ReturnType<F>>, void, undefined> {
  const { requestsPerMinute, prefetch = 0, ...callOptions } = (options ?? {}) as PaginateOptions;
  if (requestsPerMinute !== undefined && !(requestsPerMinute > 0)) {
    throw new StytchInputError("requestsPerMinute must be a number > 0");
  }
  if (!Number.isInteger(prefetch) || prefetch < 0) throw new StytchInputError("prefetch must be an integer >= 0");
  if (prefetch > 0) {
    const sequential = (signal: AbortSignal) => paginate(search, args, { ...options, prefetch: 0, signal } as typeof options, sleep);
    return yield* ahead(sequential, prefetch, callOptions.signal);
  }
  const interval = requestsPerMinute === undefined ? 0 : 60_000 / requestsPerMinute;
  const seen = new Set<string>();
  let cursor = (args as { cursor?: string | null } | undefined)?.cursor ?? undefined;
  if (cursor) seen.add(cursor);
  let lastStart = -Infinity;
  for (;;) {
    const wait = lastStart + interval - Date.now();
    if (wait > 0) {
      await sleep(wait, callOptions.signal).catch(() => {
        throw new StytchAbortError("The pagination was aborted", { method: "POST", path: "search", attempts: 0 });
      });
    }
    lastStart = Date.now();
    const page = (await search({ ...args, cursor }, callOptions)) as Awaited<ReturnType<F>>;
    // A 200 that is not a page used to end in an untyped TypeError on `results_metadata.next_cursor`.
    if (typeof page?.results_metadata !== "object" || page.results_metadata === null) {
      throw new StytchPaginationError("The search answer has no results_metadata; stopping", cursor ?? "");
    }
    yield page;
    const next = page.results_metadata.next_cursor;
    if (next === undefined || next === null || next === "") return;
    if (seen.has(next)) {
      throw new StytchPaginationError(`The API returned cursor "${next}" a second time; stopping`, next);
    }
    seen.add(next);
    cursor = next;
  }
}

/**
 * Flattens pages into their items.
 * @example
 * for await (const user of items(paginate(search, {}), (page) => page.results)) console.log(user.user_id);
 */
export async function* items<R, T>(pages: AsyncIterable<R>, pick: (page: R) => readonly T[]): AsyncGenerator<T> {
  for await (const page of pages) {
    const list = pick(page);
    // `yield*` of a missing list used to throw an untyped TypeError.
    if (!Array.isArray(list)) throw new StytchPaginationError("The search answer has no list of results; stopping", "");
    yield* list;
  }
}

/**
 * The page- and item-level iterators of one search operation, built from the shared paginator.
 * @example
 * const { searchPages, searchAll } = searchIterators(search, (page) => page.results);
 */
export function searchIterators<F extends SearchFn, T>(search: F, pick: (page: Awaited<ReturnType<F>>) => readonly T[]) {
  type A = Parameters<F>[0];
  type O = NonNullable<Parameters<F>[1]> & PaginateOptions;
  return {
    /** Every page of the search, one request each; `break` stops fetching. */
    searchPages: (args?: A, options?: O) => paginate(search, args, options),
    /** Every item of every page, in order; `break` stops fetching. */
    searchAll: (args?: A, options?: O) => items(paginate(search, args, options), pick),
  };
}

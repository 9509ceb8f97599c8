import { StytchAbortError, StytchInputError, StytchPaginationError } from "./errors.js";
import { ahead } from "./prefetch.js";
import { abortableSleep } from "./retry.js";
import type { WithResponse } from "./types.js";

/** A search answer: anything with `results_metadata.next_cursor`. */
export interface SearchPage {
  results_metadata: { next_cursor?: string | null };
}

// biome-ignore lint/suspicious/noExplicitAny: any search method of any area, whose argument types differ
type SearchFn = (args?: any, options?: any) => Promise<SearchPage>;
// biome-ignore lint/suspicious/noExplicitAny: its `.withResponse()`, as above
type SearchWithResponseFn = (args?: any, options?: any) => Promise<WithResponse<SearchPage>>;

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
export function paginate<F extends SearchFn>(
  search: F,
  args?: Parameters<F>[0],
  options?: NonNullable<Parameters<F>[1]> & PaginateOptions,
  sleep: (ms: number, signal?: AbortSignal) => Promise<void> = abortableSleep,
): AsyncGenerator<Awaited<ReturnType<F>>, void, undefined> {
  return walk(search, (page) => page, args, options, sleep) as AsyncGenerator<Awaited<ReturnType<F>>, void, undefined>;
}

/**
 * `paginate` over a method's `.withResponse()`: yields `{ data: page, response }`.
 * @example
 * for await (const { data, response } of paginateWithResponse(stytch.users.search, {})) log(response.status);
 */
export function paginateWithResponse<F extends SearchFn & { withResponse: SearchWithResponseFn }>(
  search: F,
  args?: Parameters<F>[0],
  options?: NonNullable<Parameters<F>[1]> & PaginateOptions,
  sleep: (ms: number, signal?: AbortSignal) => Promise<void> = abortableSleep,
): AsyncGenerator<WithResponse<Awaited<ReturnType<F>>>, void, undefined> {
  return walk(search.withResponse, (answer) => answer.data, args, options, sleep) as AsyncGenerator<
    WithResponse<Awaited<ReturnType<F>>>,
    void,
    undefined
  >;
}

/** The cursor loop shared by both: `fetch` gets one page (or one page with its response), `pageOf` finds the page. */
async function* walk<R>(
  fetch: (args?: unknown, options?: unknown) => Promise<R>,
  pageOf: (answer: R) => SearchPage,
  args: unknown,
  options: PaginateOptions | undefined,
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>,
): AsyncGenerator<R, void, undefined> {
  const { requestsPerMinute, prefetch = 0, ...callOptions } = (options ?? {}) as PaginateOptions;
  if (requestsPerMinute !== undefined && !(requestsPerMinute > 0)) {
    throw new StytchInputError("requestsPerMinute must be a number > 0");
  }
  if (!Number.isInteger(prefetch) || prefetch < 0) throw new StytchInputError("prefetch must be an integer >= 0");
  if (prefetch > 0) {
    const sequential = (signal: AbortSignal) => walk(fetch, pageOf, args, { ...options, prefetch: 0, signal }, sleep);
    return yield* ahead(sequential, prefetch, callOptions.signal);
  }
  // Without a rate the interval is 0: the pacer never waits.
  const pace = pacer(requestsPerMinute ?? Infinity, sleep);
  const seen = new Set<string>();
  let cursor = (args as { cursor?: string | null } | undefined)?.cursor ?? undefined;
  if (cursor) seen.add(cursor);
  for (;;) {
    await pace(callOptions.signal).catch(() => {
      throw new StytchAbortError("The pagination was aborted", { method: "POST", path: "search", attempts: 0 });
    });
    const answer = await fetch({ ...(args as object), cursor }, callOptions);
    const page = pageOf(answer);
    // A 200 that is not a page used to end in an untyped TypeError on `results_metadata.next_cursor`.
    if (typeof page?.results_metadata !== "object" || page.results_metadata === null) {
      throw new StytchPaginationError("The search answer has no results_metadata; stopping", cursor ?? "");
    }
    yield answer;
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
 * Spaces calls start to start by at least `60_000 / requestsPerMinute` ms, counted from when the last call really
 * went (a timer may fire late); a wait ends early (rejecting) when `signal` aborts. The one pacer of the package: the
 * paginator's `requestsPerMinute` and the export command's pacing of every search request, retries included. It
 * paces one caller's calls made one after another (each awaited before the next), as both callers' requests are;
 * calls made at the same moment would not be spaced from each other.
 * @example
 * const pace = pacer(150);
 * await pace(signal); // then send the request
 */
export function pacer(
  requestsPerMinute: number,
  sleep: (ms: number, signal?: AbortSignal) => Promise<void> = abortableSleep,
): (signal?: AbortSignal) => Promise<void> {
  const interval = 60_000 / requestsPerMinute;
  let last = -Infinity;
  return async (signal) => {
    const wait = last + interval - Date.now();
    if (wait > 0) await sleep(wait, signal);
    last = Date.now();
  };
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
 * `items` for pages that come with their response: yields `{ data: item, response }`, the response of the item's page.
 * @example
 * for await (const { data: user, response } of itemsWithResponse(pages, (page) => page.results)) log(user.user_id);
 */
export async function* itemsWithResponse<R, T>(
  pages: AsyncIterable<WithResponse<R>>,
  pick: (page: R) => readonly T[],
): AsyncGenerator<WithResponse<T>> {
  for await (const { data, response } of pages) {
    const list = pick(data);
    if (!Array.isArray(list)) throw new StytchPaginationError("The search answer has no list of results; stopping", "");
    for (const item of list) yield { data: item, response };
  }
}

/**
 * The page- and item-level iterators of one search operation, built from the shared paginator; each also has
 * `.withResponse()`, which yields `{ data, response }` (the page's HTTP answer).
 * @example
 * const { searchPages, searchAll } = searchIterators(search, (page) => page.results);
 */
export function searchIterators<F extends SearchFn & { withResponse: SearchWithResponseFn }, T>(
  search: F,
  pick: (page: Awaited<ReturnType<F>>) => readonly T[],
) {
  type A = Parameters<F>[0];
  type O = NonNullable<Parameters<F>[1]> & PaginateOptions;
  return {
    /** Every page of the search, one request each; `break` stops fetching. */
    searchPages: Object.assign((args?: A, options?: O) => paginate(search, args, options), {
      /** Every page with its HTTP answer: `{ data: page, response }`. */
      withResponse: (args?: A, options?: O) => paginateWithResponse(search, args, options),
    }),
    /** Every item of every page, in order; `break` stops fetching. */
    searchAll: Object.assign((args?: A, options?: O) => items(paginate(search, args, options), pick), {
      /** Every item with the HTTP answer of its page: `{ data: item, response }`. */
      withResponse: (args?: A, options?: O) => itemsWithResponse(paginateWithResponse(search, args, options), pick),
    }),
  };
}

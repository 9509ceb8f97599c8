import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { StytchAbortError, StytchError, StytchInputError } from "../../src/index.js";
import { paginate } from "../../src/wrappers/paginate.js";

interface Page {
  n: number;
  results_metadata: { next_cursor: string | null };
}

/**
 * A search function over `pages` pages with cursors "p<n>"; `hold(n)` may return a promise that page n waits on
 * (released or rejected by the test), and every call's start time and signal are recorded.
 */
function pagedSearch(
  pages: number,
  hold: (n: number, signal?: AbortSignal) => Promise<void> | undefined = () => undefined,
) {
  const calls: { n: number; at: number; signal?: AbortSignal }[] = [];
  const search = async (args?: { cursor?: string }, options?: { signal?: AbortSignal }): Promise<Page> => {
    const n = args?.cursor ? Number(args.cursor.slice(1)) : 0;
    calls.push({ n, at: performance.now(), signal: options?.signal });
    await hold(n, options?.signal);
    return { n, results_metadata: { next_cursor: n + 1 < pages ? `p${n + 1}` : null } };
  };
  return { search, calls };
}

/** Resolves when `signal` aborts, with the StytchAbortError a real call would throw. */
const untilAborted = (signal?: AbortSignal) =>
  new Promise<void>((_, reject) =>
    signal?.addEventListener("abort", () =>
      reject(new StytchAbortError("aborted", { method: "POST", path: "search", attempts: 1 })),
    ),
  );

describe("paginate with prefetch", () => {
  it("yields every page once, in order", async () => {
    const { search } = pagedSearch(12);
    const seen: number[] = [];
    for await (const page of paginate(search, {}, { prefetch: 3 })) {
      seen.push(page.n);
      await sleep(1);
    }
    expect(seen).toEqual([...Array(12).keys()]);
  });

  it("requests the next page while the caller is still working on the current one", async () => {
    const { search, calls } = pagedSearch(5);
    const pages = paginate(search, {}, { prefetch: 1 });
    await pages.next(); // page 0 is with the caller, who now works without asking for more
    await sleep(20);
    expect(calls.map((c) => c.n)).toEqual([0, 1]);
    await pages.return();
  });

  it("holds at most prefetch + 1 pages: it stops requesting while the caller does not read", async () => {
    const { search, calls } = pagedSearch(100);
    const pages = paginate(search, {}, { prefetch: 3 });
    await pages.next();
    await sleep(50);
    expect(calls).toHaveLength(1 + 3);
    await pages.next(); // one page read frees one place
    await sleep(50);
    expect(calls).toHaveLength(1 + 3 + 1);
    await pages.return();
  });

  it("with the default (0) requests nothing ahead: break after the first page costs one request", async () => {
    const { search, calls } = pagedSearch(100);
    for await (const page of paginate(search, {})) {
      await sleep(20);
      if (page.n === 0) break;
    }
    await sleep(20);
    expect(calls).toHaveLength(1);
  });

  it("throws an error of a prefetched page only when the caller reaches that page", async () => {
    const failure = new StytchError(
      new Response(null, { status: 500 }),
      { error_type: "internal_server_error", status_code: 500 },
      1,
    );
    const { search } = pagedSearch(10, (n) => (n === 2 ? Promise.reject(failure) : undefined));
    const seen: number[] = [];
    const run = async () => {
      for await (const page of paginate(search, {}, { prefetch: 4 })) {
        await sleep(10); // by now page 2 has failed in the background
        seen.push(page.n);
      }
    };
    await expect(run()).rejects.toBe(failure);
    expect(seen).toEqual([0, 1]);
  });

  it("break aborts the request in flight", async () => {
    const { search, calls } = pagedSearch(10, (n, signal) => (n === 1 ? untilAborted(signal) : undefined));
    for await (const page of paginate(search, {}, { prefetch: 2 })) {
      await sleep(10); // page 1 is now in flight, held until aborted
      if (page.n === 0) break;
    }
    expect(calls.map((c) => c.n)).toEqual([0, 1]);
    expect(calls[1]!.signal?.aborted).toBe(true);
  });

  it("the caller's abort cancels the request in flight and ends the loop with StytchAbortError", async () => {
    const caller = new AbortController();
    const { search, calls } = pagedSearch(10, (n, signal) => (n === 1 ? untilAborted(signal) : undefined));
    const run = async () => {
      for await (const _ of paginate(search, {}, { prefetch: 2, signal: caller.signal })) {
        await sleep(10);
        caller.abort();
      }
    };
    await expect(run()).rejects.toBeInstanceOf(StytchAbortError);
    expect(calls[1]!.signal?.aborted).toBe(true);
  });

  it("keeps requestsPerMinute: request starts stay at least 60 000 / rpm ms apart", async () => {
    const { search, calls } = pagedSearch(6);
    for await (const _ of paginate(search, {}, { prefetch: 3, requestsPerMinute: 3000 })) {
      // the caller is fast; only the rate limit spaces the requests
    }
    const gaps = calls.slice(1).map((c, i) => c.at - calls[i]!.at);
    expect(gaps).toHaveLength(5);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(20 - 1); // timers may fire up to 1 ms early
  });

  it("refuses a prefetch that is not an integer >= 0", async () => {
    const { search } = pagedSearch(1);
    for (const prefetch of [-1, 1.5, Number.NaN]) {
      await expect(paginate(search, {}, { prefetch }).next()).rejects.toBeInstanceOf(StytchInputError);
    }
  });
});

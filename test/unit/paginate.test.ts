import { afterEach, describe, expect, it, vi } from "vitest";
import { createStytchClient, StytchAbortError, StytchPaginationError, type FetchLike } from "../../src/index.js";
import { pacer, paginate } from "../../src/wrappers/paginate.js";
import { fakeFetch, json } from "../support/fake-fetch.js";

/** A fake search endpoint over `total` users, `pageSize` per page, cursors "c<offset>". */
function searchServer(total: number, pageSize: number, cursorFor = (offset: number) => `c${offset}`) {
  return fakeFetch((seen) => {
    const { cursor } = JSON.parse(seen.body) as { cursor?: string };
    const offset = cursor ? Number(cursor.slice(1)) : 0;
    const end = Math.min(offset + pageSize, total);
    const results = Array.from({ length: end - offset }, (_, i) => ({ user_id: `user-${offset + i}` }));
    return json({
      request_id: "r",
      status_code: 200,
      results,
      results_metadata: { total, next_cursor: end < total ? cursorFor(end) : null },
    });
  });
}

const client = (fetch: FetchLike) =>
  createStytchClient({ projectId: "project-test-x", secret: "s", fetch, maxRetries: 0 });

describe("searchAll / searchPages", () => {
  it("yields every user across pages, in order, following next_cursor until null", async () => {
    const server = searchServer(25, 10);
    const ids: string[] = [];
    for await (const user of client(server.fetch).users.searchAll({ limit: 10 })) ids.push(user.user_id);
    expect(ids).toEqual(Array.from({ length: 25 }, (_, i) => `user-${i}`));
    expect(server.seen.map((s) => JSON.parse(s.body))).toEqual([
      { limit: 10 },
      { limit: 10, cursor: "c10" },
      { limit: 10, cursor: "c20" },
    ]);
  });

  it("treats an empty next_cursor as the last page", async () => {
    const server = searchServer(5, 10, () => "");
    const pages = [];
    for await (const page of client(server.fetch).users.searchPages({})) pages.push(page);
    expect(pages).toHaveLength(1);
  });

  it("stops fetching on break", async () => {
    const server = searchServer(100, 10);
    for await (const user of client(server.fetch).users.searchAll({ limit: 10 })) {
      if (user.user_id === "user-12") break;
    }
    expect(server.seen).toHaveLength(2);
  });

  it("ends with StytchPaginationError instead of looping when a cursor repeats", async () => {
    const server = searchServer(100, 10, () => "c10");
    const seen: string[] = [];
    const run = async () => {
      for await (const page of client(server.fetch).users.searchPages({})) seen.push(String(page.results.length));
    };
    await expect(run()).rejects.toBeInstanceOf(StytchPaginationError);
    expect(server.seen).toHaveLength(2);
  });

  it("paginates member search and client search with the same paginator", async () => {
    const members = fakeFetch((seen) => {
      const { cursor } = JSON.parse(seen.body) as { cursor?: string };
      return json({
        request_id: "r",
        status_code: 200,
        members: [{ member_id: cursor ?? "first" }],
        organizations: {},
        results_metadata: { total: 2, next_cursor: cursor ? null : "next" },
      });
    });
    const ids = [];
    for await (const m of client(members.fetch).organizations.members.searchAll({ organization_ids: ["o"] })) {
      ids.push(m.member_id);
    }
    expect(ids).toEqual(["first", "next"]);

    const clients = fakeFetch(() =>
      json({
        request_id: "r",
        status_code: 200,
        connected_apps: [{ client_id: "c1" }],
        results_metadata: { total: 1, next_cursor: null },
      }),
    );
    const found = [];
    for await (const c of client(clients.fetch).connectedApp.clients.searchAll()) found.push(c.client_id);
    expect(found).toEqual(["c1"]);
  });
});

describe("rate-aware pagination", () => {
  it("spaces requests to stay under requestsPerMinute", async () => {
    const server = searchServer(30, 10);
    const waits: number[] = [];
    const sleep = async (ms: number) => {
      waits.push(ms);
    };
    const search = client(server.fetch).users.search;
    const pages = [];
    for await (const page of paginate(search, {}, { requestsPerMinute: 120 }, sleep)) pages.push(page);
    expect(pages).toHaveLength(3);
    expect(waits).toHaveLength(2);
    for (const w of waits) {
      expect(w).toBeGreaterThan(400);
      expect(w).toBeLessThanOrEqual(500);
    }
  });

  it("aborts while waiting for the rate limit", async () => {
    const server = searchServer(30, 10);
    const controller = new AbortController();
    const iterate = async () => {
      for await (const _ of client(server.fetch).users.searchPages(
        {},
        { requestsPerMinute: 1, signal: controller.signal },
      )) {
        setTimeout(() => controller.abort(), 5);
      }
    };
    await expect(iterate()).rejects.toBeInstanceOf(StytchAbortError);
    expect(server.seen).toHaveLength(1);
  });

  it("refuses a rate that is not positive", async () => {
    const server = searchServer(1, 1);
    const it = client(server.fetch).users.searchPages({}, { requestsPerMinute: 0 });
    await expect(it.next()).rejects.toThrow(/requestsPerMinute/);
  });
});

describe("pacer (the paginator's requestsPerMinute and the export command's pacing)", () => {
  // Only Date is faked: the pacer reads the clock, the injected sleep moves it.
  afterEach(() => {
    vi.useRealTimers();
  });

  it("spaces calls one interval apart, start to start", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: 0 });
    const waits: number[] = [];
    // Each call's own work takes 100 ms before the next call asks.
    const pace = pacer(60, async (ms) => {
      waits.push(ms);
      vi.setSystemTime(Date.now() + ms);
    });
    for (let i = 0; i < 4; i++) {
      await pace();
      vi.setSystemTime(Date.now() + 100);
    }
    expect(waits).toEqual([900, 900, 900]);
  });

  it("counts the interval from when a late call really went, not from when it was due", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: 0 });
    const waits: number[] = [];
    // Every wait ends 300 ms late, as a timer on a loaded machine may.
    const pace = pacer(60, async (ms) => {
      waits.push(ms);
      vi.setSystemTime(Date.now() + ms + 300);
    });
    await pace();
    await pace();
    await pace();
    expect(waits).toEqual([1_000, 1_000]);
  });

  it("ends a wait early, rejecting with the signal's reason, when the signal aborts", async () => {
    const pace = pacer(1); // a minute between calls
    await pace();
    const controller = new AbortController();
    const waiting = pace(controller.signal);
    controller.abort(new Error("stopped"));
    await expect(waiting).rejects.toThrow("stopped");
  });
});

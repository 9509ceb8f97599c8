import { describe, expect, it } from "vitest";
import { createStytchClient, StytchError } from "../../src/index.js";
import { fakeFetch, json, OK } from "../support/fake-fetch.js";
import { clientFunctions, discoverOperations, methodAt } from "../support/operations.js";

const client = (f: ReturnType<typeof fakeFetch>, maxRetries = 0) =>
  createStytchClient({ projectId: "project-test-x", secret: "s", fetch: f.fetch, maxRetries, sleep: async () => {} });

type WithResponseFn = (args?: unknown, options?: unknown) => Promise<{ data: unknown; response: Response }>;

describe(".withResponse()", () => {
  it("resolves to the parsed body and the Response, with status and headers, its body already read", async () => {
    const body = { ...OK, user_id: "u1" };
    const f = fakeFetch(() => json(body, 200, { "x-ratelimit-remaining": "41" }));
    const { data, response } = await client(f).users.get.withResponse({ user_id: "u1" });
    expect(data).toEqual(body);
    expect(response).toBeInstanceOf(Response);
    expect(response.status).toBe(200);
    expect(response.headers.get("x-ratelimit-remaining")).toBe("41");
    expect(response.bodyUsed).toBe(true);
    expect(f.seen).toHaveLength(1);
  });

  it("hands back the answer of the last attempt after retries", async () => {
    const f = fakeFetch((_, i) =>
      i === 0
        ? json({ ...OK, status_code: 429 }, 429, { "retry-after": "0" })
        : json(OK, 200, { "x-attempt": String(i + 1) }),
    );
    const { response } = await client(f, 2).users.get.withResponse({ user_id: "u1" });
    expect(response.headers.get("x-attempt")).toBe("2");
    expect(f.seen).toHaveLength(2);
  });

  it("rejects like the plain method on a non-2xx answer, the error still carrying the response", async () => {
    const f = fakeFetch(() =>
      json({ status_code: 404, request_id: "r", error_type: "user_not_found", error_message: "m" }, 404, {
        "x-a": "b",
      }),
    );
    const error = (await client(f)
      .users.get.withResponse({ user_id: "u1" })
      .catch((e: unknown) => e)) as StytchError;
    expect(error).toBeInstanceOf(StytchError);
    expect(error.error_type).toBe("user_not_found");
    expect(error.response.status).toBe(404);
    expect(error.response.headers.get("x-a")).toBe("b");
  });

  it("exists on every method of every area and sends what the plain method sends", async () => {
    const operations = await discoverOperations();
    expect(operations.length).toBeGreaterThan(40);
    for (const { name, pathKeys, extra } of operations) {
      const plain = fakeFetch();
      const viaWithResponse = fakeFetch();
      const args = { ...Object.fromEntries(pathKeys.map((k) => [k, `id-${k}`])), ...extra };
      const data = await (methodAt(client(plain), name) as (a: unknown) => Promise<unknown>)(args);
      const fn = (methodAt(client(viaWithResponse), name) as unknown as { withResponse: WithResponseFn }).withResponse;
      expect(typeof fn, name).toBe("function");
      const answer = await fn(args);
      expect(answer.data, name).toEqual(data);
      expect(answer.response.status, name).toBe(200);
      const strip = (s: (typeof plain.seen)[number]) => ({ method: s.method, url: s.url.href, body: s.body });
      expect(viaWithResponse.seen.map(strip), name).toEqual(plain.seen.map(strip));
    }
  });

  it("exists on every search iterator, yielding { data, response } per page and per item", async () => {
    const stytch = client(fakeFetch());
    const iterators = clientFunctions(stytch).filter((f) => f.iterator);
    expect(iterators.map((f) => f.name).sort()).toEqual(
      ["users", "organizations", "organizations.members", "connectedApp.clients"]
        .flatMap((a) => [`${a}.searchAll`, `${a}.searchPages`])
        .sort(),
    );
    for (const { name } of iterators) {
      expect(typeof (methodAt(stytch, name) as unknown as { withResponse: unknown }).withResponse, name).toBe(
        "function",
      );
    }

    const pages = [
      { ...OK, results: [{ user_id: "a" }, { user_id: "b" }], results_metadata: { next_cursor: "c2" } },
      { ...OK, results: [{ user_id: "c" }], results_metadata: { next_cursor: null } },
    ];
    const f = fakeFetch((_, i) => json(pages[i], 200, { "x-page": String(i + 1) }));
    const seenPages: [unknown, string | null][] = [];
    for await (const { data, response } of client(f).users.searchPages.withResponse({ limit: 2 })) {
      seenPages.push([data, response.headers.get("x-page")]);
    }
    expect(seenPages).toEqual([
      [pages[0], "1"],
      [pages[1], "2"],
    ]);

    const g = fakeFetch((_, i) => json(pages[i], 200, { "x-page": String(i + 1) }));
    const seenItems: [string, string | null][] = [];
    for await (const { data, response } of client(g).users.searchAll.withResponse({ limit: 2 })) {
      seenItems.push([data.user_id, response.headers.get("x-page")]);
    }
    expect(seenItems).toEqual([
      ["a", "1"],
      ["b", "1"],
      ["c", "2"],
    ]);
    expect(g.seen.map((s) => JSON.parse(s.body))).toEqual([{ limit: 2 }, { limit: 2, cursor: "c2" }]);
  });
});

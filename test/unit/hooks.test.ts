import { inspect } from "node:util";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  createStytchClient,
  StytchInputError,
  StytchRequestError,
  StytchTimeoutError,
  type RequestEvent,
  type ResponseEvent,
  type StytchClientConfig,
} from "../../src/index.js";
import { fakeFetch, json, OK } from "../support/fake-fetch.js";

const SECRET = "secret-test-hook-private-0123456789";
const SESSION_TOKEN = "session-token-hook-private-abcdef";
const SESSION_JWT = "eyJhbGciOiJSUzI1NiJ9.hook-private-jwt.sig";
const CREDENTIALS = btoa(`project-test-abc:${SECRET}`);

function recorded(extra: Partial<StytchClientConfig> = {}) {
  const requests: RequestEvent[] = [];
  const responses: ResponseEvent[] = [];
  const config: StytchClientConfig = {
    projectId: "project-test-abc",
    secret: SECRET,
    sleep: async () => {},
    onRequest: (e) => void requests.push(e),
    onResponse: (e) => void responses.push(e),
    ...extra,
  };
  return { config, requests, responses };
}

const apiError = (status: number) =>
  json({ status_code: status, request_id: `req-${status}`, error_type: "e", error_message: "m" }, status);

afterEach(() => {
  vi.restoreAllMocks();
});

describe("onRequest / onResponse", () => {
  it("are called once per attempt, retries included, with method, path, url, attempt, status and request id", async () => {
    const f = fakeFetch((_, i) => [apiError(429), apiError(503), json({ ...OK, request_id: "req-ok" })][i]!);
    const { config, requests, responses } = recorded({ fetch: f.fetch });
    await createStytchClient(config).users.get({ user_id: "user-1" });

    expect(f.seen).toHaveLength(3);
    expect(requests).toEqual(
      [1, 2, 3].map((attempt) => ({
        method: "GET",
        path: "/v1/users/{user_id}",
        url: "https://test.stytch.com/v1/users/user-1",
        attempt,
      })),
    );
    // Each onResponse event points at the very onRequest event of its attempt.
    expect(responses.map((e) => e.request)).toEqual(requests);
    for (const [i, e] of responses.entries()) expect(e.request).toBe(requests[i]);
    expect(responses.map(({ durationMs, request, ...rest }) => rest)).toEqual([
      {
        method: "GET",
        path: "/v1/users/{user_id}",
        attempt: 1,
        status: 429,
        requestId: "req-429",
        retry: true,
        error: undefined,
      },
      {
        method: "GET",
        path: "/v1/users/{user_id}",
        attempt: 2,
        status: 503,
        requestId: "req-503",
        retry: true,
        error: undefined,
      },
      {
        method: "GET",
        path: "/v1/users/{user_id}",
        attempt: 3,
        status: 200,
        requestId: "req-ok",
        retry: false,
        error: undefined,
      },
    ]);
    for (const { durationMs } of responses) expect(durationMs).toBeGreaterThanOrEqual(0);
  });

  it("report an attempt without an answer with its redacted error, and a create's 5xx as not retried", async () => {
    const reset = fakeFetch((_, i) => {
      if (i === 0)
        throw Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNRESET", message: "reset" } });
      return json(OK);
    });
    const a = recorded({ fetch: reset.fetch });
    await createStytchClient(a.config).users.get({ user_id: "u" });
    expect(a.responses.map((e) => [e.attempt, e.status, e.retry, e.error?.name])).toEqual([
      [1, undefined, true, "StytchRequestError"],
      [2, 200, false, undefined],
    ]);
    expect(a.responses[0]!.error).toBeInstanceOf(StytchRequestError);

    const create = recorded({ fetch: fakeFetch(() => apiError(500)).fetch });
    await expect(createStytchClient(create.config).users.create({ email: "a@b.co" })).rejects.toThrow();
    expect(create.requests).toHaveLength(1);
    expect(create.responses.map((e) => [e.status, e.retry])).toEqual([[500, false]]);
  });

  it("report a timed-out attempt as a StytchTimeoutError", async () => {
    const { config, responses } = recorded({
      fetch: () => new Promise<Response>(() => {}),
      timeoutMs: 10,
      maxRetries: 1,
    });
    await expect(createStytchClient(config).users.get({ user_id: "u" })).rejects.toBeInstanceOf(StytchTimeoutError);
    expect(responses.map((e) => [e.attempt, e.retry, e.error?.name])).toEqual([
      [1, true, "StytchTimeoutError"],
      [2, false, "StytchTimeoutError"],
    ]);
  });

  it("onResponse exactly once per attempt whatever it ended with: a 2xx that is not JSON, a redirect, a refused connection", async () => {
    const opaque = Object.defineProperties(new Response(null), {
      type: { value: "opaqueredirect" },
      status: { value: 0 },
    }) as Response;
    const answers: (() => Response)[] = [
      () => {
        throw Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNREFUSED", message: "refused" } });
      },
      () =>
        new Response("<html>maintenance</html>", {
          status: 200,
          headers: { "content-type": "text/html", "x-request-id": "req-html" },
        }),
      () => new Response(null, { status: 301, headers: { location: "https://elsewhere.example/v1/users/u" } }),
      () => opaque,
    ];
    const f = fakeFetch((_, i) => answers[i]!());
    const { config, requests, responses } = recorded({ fetch: f.fetch });
    const stytch = createStytchClient(config);
    // Refused, then the HTML 200: one call of two attempts.
    await expect(stytch.users.get({ user_id: "u" })).rejects.toThrow(/could not be read as JSON/);
    await expect(stytch.users.get({ user_id: "u" })).rejects.toMatchObject({
      name: "StytchRedirectError",
      status: 301,
      location: "https://elsewhere.example",
    });
    await expect(stytch.users.get({ user_id: "u" })).rejects.toMatchObject({
      name: "StytchRedirectError",
      status: 0,
      location: undefined,
    });
    expect(f.seen).toHaveLength(4);
    expect(requests).toHaveLength(4);
    expect(responses.map((e) => [e.attempt, e.status, e.requestId, e.retry, e.error?.name])).toEqual([
      [1, undefined, undefined, true, "StytchRequestError"],
      [2, 200, "req-html", false, "StytchRequestError"],
      [1, 301, undefined, false, "StytchRedirectError"],
      [1, 0, undefined, false, "StytchRedirectError"],
    ]);
    for (const [i, e] of responses.entries()) expect(e.request).toBe(requests[i]);
  });

  it("never give a hook the secret, the Basic credentials or a member session", async () => {
    // The worst case: a fetch whose error message echoes the request's headers, on operations with a session;
    // the first attempt of each call fails that way, the retry succeeds.
    const f = fakeFetch((seen, i) => {
      if (i % 2 === 0) {
        throw new TypeError(
          `connect failed: ${seen.headers.get("authorization")} ${seen.headers.get("x-stytch-member-session")} ${seen.headers.get("x-stytch-member-sessionjwt")}`,
        );
      }
      return json(OK);
    });
    const { config, requests, responses } = recorded({ fetch: f.fetch });
    const stytch = createStytchClient(config);
    const ids = { organization_id: "organization-1", member_id: "member-1" };
    await stytch.organizations.members.delete(ids, { authorization: { session_token: SESSION_TOKEN } });
    await stytch.organizations.members.update(ids, { authorization: { session_jwt: SESSION_JWT } });
    // The fake really saw them, so their absence below is the hooks' doing, not an empty test.
    expect(f.seen[0]!.headers.get("x-stytch-member-session")).toBe(SESSION_TOKEN);
    expect(f.seen[2]!.headers.get("x-stytch-member-sessionjwt")).toBe(SESSION_JWT);
    expect(requests).toHaveLength(4);
    expect(responses.filter((e) => e.error)).toHaveLength(2);

    for (const event of [...requests, ...responses]) {
      const texts = [...strings(event), inspect(event, { depth: Infinity, showHidden: true, getters: true })];
      for (const text of texts) {
        for (const secret of [SECRET, CREDENTIALS, SESSION_TOKEN, SESSION_JWT]) expect(text).not.toContain(secret);
      }
    }
  });

  it("cannot change the call's outcome by throwing or rejecting", async () => {
    const f = fakeFetch();
    const stytch = createStytchClient({
      projectId: "project-test-abc",
      secret: SECRET,
      fetch: f.fetch,
      onRequest: () => {
        throw new Error("broken logger");
      },
      onResponse: () => Promise.reject(new Error("broken exporter")) as unknown as undefined,
    });
    await expect(stytch.users.get({ user_id: "u" })).resolves.toEqual(OK);
    expect(f.seen).toHaveLength(1);
  });

  it("read no clock when not set, and one per attempt when onResponse is set", async () => {
    const now = vi.spyOn(performance, "now");
    await createStytchClient({ projectId: "project-test-abc", secret: SECRET, fetch: fakeFetch().fetch }).users.get({
      user_id: "u",
    });
    expect(now).not.toHaveBeenCalled();
    const { config } = recorded({ fetch: fakeFetch().fetch });
    await createStytchClient(config).users.get({ user_id: "u" });
    expect(now).toHaveBeenCalledTimes(2);
  });

  it("must be functions", () => {
    expect(() =>
      createStytchClient({ projectId: "p", secret: "s", onRequest: "log" as unknown as () => void }),
    ).toThrow(StytchInputError);
  });
});

/** Every string reachable from `value`: own properties (enumerable or not, symbols too) and prototypes' own data. */
function strings(value: unknown, seen = new Set<unknown>()): string[] {
  if (typeof value === "string") return [value];
  if (typeof value !== "object" && typeof value !== "function") return [];
  if (value === null || seen.has(value)) return [];
  seen.add(value);
  const out: string[] = [];
  for (const key of Reflect.ownKeys(value as object)) {
    const descriptor = Object.getOwnPropertyDescriptor(value, key)!;
    if ("value" in descriptor) out.push(...strings(descriptor.value, seen));
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== Function.prototype && proto !== null) out.push(...strings(proto, seen));
  return out;
}

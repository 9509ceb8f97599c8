// A local stand-in for the Stytch API that the installed package's consumers call: a user by id, a 404 in the API's
// error shape for any other id, and a user search of three pages. Plain node:http, so every runtime under test
// reaches it over a real socket.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll } from "vitest";
import { installed, type Installed } from "./setup.js";

export const USER_ID = "user-test-16d9ba61-97a1-4ba4-9720-b03761dc50c6";
export const MISSING_ID = "user-test-00000000-0000-4000-8000-000000000000";
export const NOT_FOUND = {
  status_code: 404,
  request_id: "request-id-test-package-404",
  error_type: "user_not_found",
  error_message: "User could not be found.",
  error_url: "https://stytch.com/docs/api/errors/404#user_not_found",
};
/** An id the stand-in answers with a 307 to another origin (localhost instead of 127.0.0.1), which must not be followed. */
export const REDIRECTED_ID = "user-test-00000000-0000-4000-8000-000000000307";
/** The user ids of the search's three pages, in order. */
export const SEARCH_IDS = Array.from({ length: 7 }, (_, i) => `user-test-00000000-0000-4000-8000-00000000000${i}`);
const PAGE_SIZE = 3;

export interface StubApi {
  url: string;
  /** `METHOD path` of every request, in order. */
  seen: string[];
  close(): Promise<void>;
}

function user(user_id: string) {
  return {
    user_id,
    status: "active",
    emails: [{ email_id: "email-test-1", email: `${user_id}@example.com`, verified: true }],
  };
}

export async function startStubApi(): Promise<StubApi> {
  const seen: string[] = [];
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      const path = new URL(req.url ?? "/", "http://x").pathname;
      seen.push(`${req.method} ${path}`);
      const send = (status: number, answer: unknown) => {
        res.writeHead(status, { "content-type": "application/json", "access-control-allow-origin": "*" });
        res.end(JSON.stringify(answer));
      };
      if (req.method === "GET" && path === `/v1/users/${USER_ID}`) {
        return send(200, { request_id: "request-id-test-get", status_code: 200, ...user(USER_ID) });
      }
      if (path === `/v1/users/${REDIRECTED_ID}`) {
        const port = (server.address() as AddressInfo).port;
        res.writeHead(307, { location: `http://localhost:${port}/v1/followed`, "access-control-allow-origin": "*" });
        return res.end();
      }
      if (path === "/v1/followed")
        return send(200, { request_id: "request-id-test-followed", status_code: 200, ...user(USER_ID) });
      if (req.method === "POST" && path === "/v1/users/search") {
        const cursor = (JSON.parse(body || "{}") as { cursor?: string }).cursor;
        const start = cursor ? Number(cursor.replace("cursor-", "")) : 0;
        const next = start + PAGE_SIZE < SEARCH_IDS.length ? `cursor-${start + PAGE_SIZE}` : null;
        return send(200, {
          request_id: `request-id-test-search-${start}`,
          status_code: 200,
          results: SEARCH_IDS.slice(start, start + PAGE_SIZE).map(user),
          results_metadata: { total: SEARCH_IDS.length, next_cursor: next },
        });
      }
      send(404, NOT_FOUND);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * The calls every consumer makes, as source text for any runtime: `users.get`, `users.searchAll` over three pages,
 * `users.get` of an unknown id, which must reject with a `StytchError`, and of an id answered with a 307 to another
 * origin, which must reject with a `StytchRedirectError` (not followed). It evaluates to a JSON-able summary.
 * `lib` names the module's bindings (`createStytchClient`, `StytchError`) in scope.
 */
export function consumerCalls(baseUrl: string): string {
  return `
async function calls() {
  const stytch = createStytchClient({ projectId: "project-test-package", secret: "secret-test-package", baseUrl: ${JSON.stringify(baseUrl)} });
  const got = await stytch.users.get({ user_id: ${JSON.stringify(USER_ID)} });
  const ids = [];
  for await (const u of stytch.users.searchAll({ limit: 3 })) ids.push(u.user_id);
  let notFound;
  try {
    await stytch.users.get({ user_id: ${JSON.stringify(MISSING_ID)} });
    notFound = "resolved";
  } catch (e) {
    notFound = { isStytchError: e instanceof StytchError, name: e.name, status_code: e.status_code, error_type: e.error_type, request_id: e.request_id };
  }
  let redirect;
  try {
    await stytch.users.get({ user_id: ${JSON.stringify(REDIRECTED_ID)} });
    redirect = "followed";
  } catch (e) {
    redirect = { name: e.name, status: e.status, location: e.location && new URL(e.location).hostname };
  }
  return { user_id: got.user_id, email: got.emails[0].email, ids, notFound, redirect };
}`;
}

/** What `consumerCalls` must evaluate to against `startStubApi`. */
export const EXPECTED = {
  user_id: USER_ID,
  email: `${USER_ID}@example.com`,
  ids: SEARCH_IDS,
  notFound: {
    isStytchError: true,
    name: "StytchError",
    status_code: 404,
    error_type: "user_not_found",
    request_id: NOT_FOUND.request_id,
  },
  redirect: { name: "StytchRedirectError", status: 307, location: "localhost" },
};

/**
 * Registers the hooks a consumer test file needs: the installed package (packed once per run) and a stand-in API of
 * its own. Read the fields inside tests, after `beforeAll` has run.
 */
export function withInstalledPackageAndApi(): { pkg: Installed; api: StubApi } {
  const context = {} as { pkg: Installed; api: StubApi };
  beforeAll(async () => {
    [context.pkg, context.api] = await Promise.all([installed(), startStubApi()]);
  }, 300_000);
  afterAll(() => context.api?.close());
  return context;
}

/**
 * Mock Service Worker handlers backed by the in-memory fake (`stytch-openapi/fake`): the third adapter over one fake,
 * beside the emulator's HTTP server and the fake's own `fetch`. An application that calls Stytch through the official
 * `stytch` SDK or any fetch-based client is tested with no server and no port — in Node with `setupServer`, in a
 * browser with `setupWorker`. `msw` (2.x) is a peer dependency of this entry only.
 * @example
 * import { setupServer } from "msw/node";
 * import { createStytchFake } from "stytch-openapi/fake";
 * import { stytchHandlers } from "stytch-openapi/msw";
 * const fake = createStytchFake();
 * const server = setupServer(...stytchHandlers(fake));
 * server.listen({ onUnhandledRequest: "error" });
 */
import { http, type HttpHandler } from "msw";
import type { StytchFake } from "stytch-openapi/fake";

/** The hosts of the Stytch API that `stytchHandlers` answers for unless told otherwise. */
export const STYTCH_HOSTS = ["https://test.stytch.com", "https://api.stytch.com"] as const;

/** Settings of `stytchHandlers`. */
export interface StytchHandlersOptions {
  /**
   * More base URLs to answer for, beside the Stytch API hosts (`https://test.stytch.com`, `https://api.stytch.com`):
   * a proxy or a custom domain, with a path prefix if it has one (`https://auth.example.com/stytch`), which is taken
   * off before the fake routes the request.
   */
  baseUrls?: readonly string[];
}

/**
 * MSW request handlers that answer every request to the Stytch API hosts (and `baseUrls`) from `fake`: its status,
 * its JSON body and `content-type: application/json`. A path the API does not have is the fake's 404
 * `route_not_found`, never a request to the network.
 * @example
 * const server = setupServer(...stytchHandlers(fake, { baseUrls: ["https://auth.example.com/stytch"] }));
 */
export function stytchHandlers(fake: StytchFake, options: StytchHandlersOptions = {}): HttpHandler[] {
  const bases = [...new Set([...STYTCH_HOSTS, ...(options.baseUrls ?? [])].map(normalize))];
  return bases.map((base) => {
    const prefix = new URL(base).pathname.replace(/\/$/, "");
    return http.all(`${base}/*`, async ({ request }) => {
      const url = new URL(request.url);
      const answer = fake.handle({
        method: request.method,
        pathname: url.pathname.slice(prefix.length),
        query: url.searchParams,
        header: (name) => request.headers.get(name),
        body: await request.text(),
      });
      return new Response(answer.body, { status: answer.status, headers: { "content-type": "application/json" } });
    });
  });
}

/** `https://host/prefix/` → `https://host/prefix`; refuses what is not an http(s) URL without query or fragment. */
function normalize(base: string): string {
  const url = new URL(base);
  if ((url.protocol !== "https:" && url.protocol !== "http:") || url.search || url.hash) {
    throw new Error(`stytchHandlers: baseUrls must be http(s) URLs without a query or fragment, not ${base}`);
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}

// Our client bundled for the browser, calling a loopback API that answers with a redirect to another origin: in a
// browser `redirect: "manual"` hands back an opaque redirect (type "opaqueredirect", status 0, no Location), which
// must become a StytchRedirectError, and nothing may reach the other origin.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveStatic, type StaticServer } from "../../scripts/lib/static-server.mjs";
import { launchBrowser, root, skipReason, type RunningBrowser } from "./browser.js";

const SESSION = "session-token-browser-stays-home";

async function listen(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; url: string }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

if (skipReason) it.skip(skipReason, () => {});

describe.skipIf(skipReason)("our client in Chromium, answered with a redirect", () => {
  let dir: string;
  let page: StaticServer;
  let browser: RunningBrowser;
  let api: { server: Server; url: string };
  let other: { server: Server; url: string };
  let otherConnections = 0;
  const apiRequests: string[] = [];

  beforeAll(async () => {
    other = await listen((_req, res) => res.end("{}"));
    other.server.on("connection", () => (otherConnections += 1));
    api = await listen((req, res) => {
      apiRequests.push(`${req.method} ${req.url}`);
      const cors = {
        "access-control-allow-origin": "*",
        "access-control-allow-headers": "authorization, content-type, x-stytch-member-session",
        "access-control-allow-methods": "GET, POST, PUT, DELETE",
      };
      if (req.method === "OPTIONS") {
        res.writeHead(204, cors);
        return res.end();
      }
      // The status to answer with is the organization id's last three digits.
      res.writeHead(Number(/organization-test-(\d{3})/.exec(req.url ?? "")?.[1] ?? 307), {
        ...cors,
        location: `${other.url}/stolen`,
      });
      res.end();
    });
    dir = await mkdtemp(join(tmpdir(), "redirect-test-"));
    await build({
      entryPoints: [join(root, "src/index.ts")],
      bundle: true,
      format: "esm",
      platform: "browser",
      target: "es2022",
      outfile: join(dir, "stytch.js"),
      logLevel: "silent",
    });
    await writeFile(
      join(dir, "index.html"),
      `<!doctype html><title>redirect</title><link rel=icon href=data:,>
<script type="module">
  import { createStytchClient } from "./stytch.js";
  // A member create with a session: the body and the session header are what a followed redirect would carry away.
  window.run = async (base, status, session) => {
    const stytch = createStytchClient({ projectId: "project-test-browser", secret: "secret-test-browser", baseUrl: base, maxRetries: 2 });
    try {
      await stytch.organizations.members.create(
        { organization_id: "organization-test-" + status, email_address: "ada@example.com" },
        { authorization: { session_token: session } },
      );
      return "followed";
    } catch (e) {
      return { name: e.name, status: e.status, location: e.location ?? null, message: e.message };
    }
  };
</script>`,
    );
    page = await serveStatic(dir);
    browser = await launchBrowser();
    await browser.page.goto(`${page.url}/index.html`);
  });

  afterAll(async () => {
    await browser?.close();
    await page?.close();
    for (const s of [api, other]) {
      s?.server.closeAllConnections();
      s?.server.close();
    }
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it.each([301, 302, 303, 307, 308])(
    "%i: a StytchRedirectError (status 0: the browser hides it), and the other origin receives nothing",
    async (status) => {
      await browser.page.waitForFunction(() => "run" in window);
      const outcome = await browser.page.evaluate(
        ([base, code, session]) =>
          (window as unknown as { run: (...a: unknown[]) => Promise<unknown> }).run(base, code, session),
        [api.url, status, SESSION] as const,
      );
      expect(outcome).toEqual({
        name: "StytchRedirectError",
        status: 0,
        location: null,
        message: "HTTP 0 redirect to an undisclosed origin not followed",
      });
      // Counted where it would arrive: no connection at all. (Chromium's own log lists the Location as a request it
      // aborted, net::ERR_ABORTED, without a status: it never left the browser.)
      expect(otherConnections).toBe(0);
      expect(
        browser.requests.filter(
          (r) => r.url.startsWith(other.url) && (r.status !== undefined || r.failure !== "net::ERR_ABORTED"),
        ),
      ).toEqual([]);
      // Sent once, not retried.
      expect(
        apiRequests.filter((r) => r === `POST /v1/b2b/organizations/organization-test-${status}/members`),
      ).toHaveLength(1);
    },
  );
});

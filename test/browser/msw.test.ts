// `stytchHandlers(fake)` in a browser: MSW's service worker (setupWorker, its mockServiceWorker.js copied from the
// installed msw package at test time) answers a page's calls to the Stytch hosts from the fake, in Chromium. The page
// is bundled with esbuild and served from 127.0.0.1; nothing reaches the network.
import { copyFile, mkdtemp, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveStatic, type StaticServer } from "../../scripts/lib/static-server.mjs";
import { launchBrowser, root, screenshot, skipReason, staysOnMachine, type RunningBrowser } from "./browser.js";

interface PageResult {
  error?: string;
  controlled: boolean;
  got: { user_id: string; email: string; matches: boolean };
  created: string;
  found: string[];
  missing: { stytchError: boolean; status_code: number; error_type: string };
  raw: { status: number; contentType: string | null; total: number };
  stored: string[];
}
/** A page request to a Stytch host, and whether the service worker answered it. */
interface StytchExchange {
  method: string;
  url: string;
  status: number | undefined;
  fromServiceWorker: boolean;
}

if (skipReason) it.skip(skipReason, () => {});

describe.skipIf(skipReason)("stytchHandlers in MSW's service worker, in Chromium", () => {
  let dir: string;
  let server: StaticServer;
  let browser: RunningBrowser;
  let result: PageResult;
  const exchanges: StytchExchange[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "msw-browser-test-"));
    await build({
      entryPoints: [join(root, "test/browser/fixtures/msw-page.ts")],
      bundle: true,
      format: "esm",
      platform: "browser",
      target: "es2022",
      outfile: join(dir, "page.js"),
      logLevel: "silent",
    });
    // The worker script ships with msw (`npx msw init` copies the same file); copied, not committed.
    await copyFile(
      createRequire(import.meta.url).resolve("msw/mockServiceWorker.js"),
      join(dir, "mockServiceWorker.js"),
    );
    await writeFile(
      join(dir, "index.html"),
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>stytch-openapi/msw</title><link rel="icon" href="data:,"></head><body><h1>stytchHandlers in a service worker</h1><script type="module" src="./page.js"></script></body></html>`,
    );
    server = await serveStatic(dir);
    browser = await launchBrowser();
    browser.context.on("requestfinished", async (request) => {
      if (!/^https:\/\/(test|api)\.stytch\.com\//.test(request.url())) return;
      const response = await request.response();
      exchanges.push({
        method: request.method(),
        url: request.url(),
        status: response?.status(),
        fromServiceWorker: response?.fromServiceWorker() ?? false,
      });
    });
    const errors: string[] = [];
    browser.page.on("pageerror", (error) => errors.push(error.message));
    await browser.page.goto(`${server.url}/index.html`);
    await browser.page.waitForFunction(() => "result" in window, undefined, { timeout: 20_000 });
    result = await browser.page.evaluate(() => (window as unknown as { result: PageResult }).result);
    await screenshot(browser.page, "msw-in-browser");
    expect(errors).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("answers our client's calls from the fake in the page: a seeded user, a create, a search and a 404 as StytchError", () => {
    expect(result.error).toBeUndefined();
    expect(result.controlled).toBe(true);
    expect(result.got).toEqual({
      user_id: expect.stringMatching(/^user-test-/),
      email: "ada@example.com",
      matches: true,
    });
    expect(result.found).toEqual([result.created]);
    expect(result.stored).toEqual([result.got.user_id, result.created]);
    expect(result.missing).toEqual({ stytchError: true, status_code: 404, error_type: "user_not_found" });
  });

  it("keeps the fake's status, JSON body and content-type on https://api.stytch.com too", () => {
    expect(result.raw).toEqual({ status: 200, contentType: "application/json", total: 2 });
  });

  it("had every call to a Stytch host answered by the service worker, and made no other request off this machine", async () => {
    // Playwright reports each request a moment after it finished: wait for all five before comparing.
    await expect.poll(() => exchanges.length).toBeGreaterThanOrEqual(5);
    console.info(
      `msw page: ${exchanges.map((x) => `${x.method} ${new URL(x.url).host}${new URL(x.url).pathname} ${x.status}${x.fromServiceWorker ? " (service worker)" : ""}`).join(", ")}`,
    );
    expect(exchanges.map((x) => `${x.method} ${new URL(x.url).host} ${x.status}`)).toEqual([
      "GET test.stytch.com 200",
      "POST test.stytch.com 200",
      "POST test.stytch.com 200",
      "GET test.stytch.com 404",
      "POST api.stytch.com 200",
    ]);
    expect(exchanges.every((x) => x.fromServiceWorker)).toBe(true);
    const offMachine = browser.requests.filter(
      (r) => !staysOnMachine(r.url) && !/^https:\/\/(test|api)\.stytch\.com\//.test(r.url),
    );
    expect(offMachine).toEqual([]);
    expect(browser.requests.filter((r) => r.failure)).toEqual([]);
  });
});

// Our client bundled for the browser with esbuild, used by a page on one 127.0.0.1 port to call the Prism mock on
// another (cross-origin, so CORS matters): the results show in the DOM and Prism reports no violations.
import { copyFile, mkdtemp, rm } from "node:fs/promises";
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { parse } from "yaml";
import { serveStatic, type StaticServer } from "../../scripts/lib/static-server.mjs";
import { launchBrowser, root, screenshot, skipReason, staysOnMachine, type RunningBrowser } from "./browser.js";

interface Exchange {
  method: string;
  url: string;
  status: number;
  violations: string | null;
}
interface PageResult {
  error?: string;
  user?: { user_id: string };
  users?: { user_id: string }[];
  exchanges: Exchange[];
  control?: { status: number; violations: string | null };
}

/** What Prism answers by default: the first named 200 example of an operation in the bundled spec. */
function firstExample(path: string, method: string): Record<string, unknown> {
  const spec = parse(readFileSync(join(root, "dist/openapi.yaml"), "utf8"));
  const examples = spec.paths[path][method].responses["200"].content["application/json"].examples;
  return (Object.values(examples)[0] as { value: Record<string, unknown> }).value;
}

if (skipReason) it.skip(skipReason, () => {});

describe.skipIf(skipReason)("our client bundled for the browser, calling the Prism mock cross-origin", () => {
  const prismUrl = inject("prismUrl");
  let dir: string;
  let server: StaticServer;
  let browser: RunningBrowser;
  let result: PageResult;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "client-test-"));
    await build({
      entryPoints: [join(root, "src/index.ts")],
      bundle: true,
      format: "esm",
      platform: "browser",
      target: "es2022",
      outfile: join(dir, "stytch.js"),
      logLevel: "silent",
    });
    await copyFile(join(root, "test/browser/fixtures/client-page.html"), join(dir, "index.html"));
    server = await serveStatic(dir); // its own 127.0.0.1 port: another origin than Prism's
    browser = await launchBrowser();
    const errors: string[] = [];
    browser.page.on("pageerror", (error) => errors.push(error.message));
    await browser.page.goto(`${server.url}/index.html?mock=${encodeURIComponent(prismUrl)}`);
    await browser.page.waitForFunction(() => "result" in window, undefined, { timeout: 20_000 });
    result = await browser.page.evaluate(() => (window as unknown as { result: PageResult }).result);
    await screenshot(browser.page, "client-in-browser");
    expect(errors).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("runs on another origin than the mock (so CORS is exercised)", () => {
    expect(new URL(server.url).origin).not.toBe(new URL(prismUrl).origin);
  });

  it("shows the user from stytch.users.get and the users from stytch.users.searchAll in the page", async () => {
    expect(result.error).toBeUndefined();
    const expectedUser = firstExample("/v1/users/{user_id}", "get");
    const expectedPage = firstExample("/v1/users/search", "post") as { results: { user_id: string }[] };
    const { page } = browser;
    expect(await page.textContent("#status")).toBe("done");
    expect(await page.textContent("#user")).toContain(expectedUser.user_id as string);
    const items = await page.$$eval("#users li", (lis) => lis.map((li) => li.textContent ?? ""));
    expect(items.length).toBe(expectedPage.results.length);
    for (const [i, user] of expectedPage.results.entries()) expect(items[i]).toContain(user.user_id);
  });

  it("got every answer from Prism without sl-violations", () => {
    expect(result.exchanges.map((x) => `${x.method} ${new URL(x.url).pathname} ${x.status}`)).toEqual([
      "GET /v1/users/user-test-16d9ba61-97a1-4ba4-9720-b03761dc50c6 200",
      "POST /v1/users/search 200",
    ]);
    expect(result.exchanges.filter((x) => x.violations !== null)).toEqual([]);
  });

  it("can read sl-violations across origins at all (control: a request the mock must flag)", () => {
    expect(result.control?.status).toBe(400);
    expect(result.control?.violations).toContain("not_a_field");
  });

  it("made requests only to 127.0.0.1, none of them failed", () => {
    const { requests } = browser;
    console.info(`client page: ${requests.length} requests: ${requests.map((r) => `${r.method} ${r.url}`).join(", ")}`);
    expect(requests.filter((r) => !staysOnMachine(r.url))).toEqual([]);
    expect(requests.filter((r) => r.failure)).toEqual([]);
    expect(requests.some((r) => r.url.startsWith(prismUrl))).toBe(true);
  });
});

// The docs page (scripts/docs.mjs) in a real Chromium: every operation of the bundled spec renders with its
// samples, and the page sends no request off the machine (no CDN logo, no telemetry).
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { serveStatic, type StaticServer } from "../../scripts/lib/static-server.mjs";
import { launchBrowser, root, screenshot, skipReason, staysOnMachine, type RunningBrowser } from "./browser.js";

const METHODS = ["get", "put", "post", "delete", "patch"] as const;

interface SpecOperation {
  method: string;
  path: string;
  operationId: string;
  summary: string;
  tag: string;
}

/** The operations of the bundled spec (dist/openapi.yaml, bundled by the vitest globalSetup). */
function specOperations(): SpecOperation[] {
  type Op = { operationId: string; summary: string; tags: string[] };
  const spec = parse(readFileSync(join(root, "dist/openapi.yaml"), "utf8")) as {
    paths: Record<string, Record<string, Op>>;
  };
  return Object.entries(spec.paths).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((method) => {
      const { operationId, summary, tags } = item[method]!;
      return { method, path, operationId, summary, tag: tags[0]! };
    }),
  );
}

if (skipReason) it.skip(skipReason, () => {});

describe.skipIf(skipReason)("the offline docs page in Chromium", () => {
  const operations = specOperations();
  let dir: string;
  let server: StaticServer;
  let browser: RunningBrowser;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "docs-test-"));
    // The very script behind `npm run docs`, on the spec that the globalSetup has just bundled.
    await promisify(execFile)(process.execPath, ["scripts/docs.mjs", "--no-bundle", "--out", join(dir, "index.html")], {
      cwd: root,
    });
    server = await serveStatic(dir);
    browser = await launchBrowser();
    await browser.context.addInitScript(() => {
      const w = window as unknown as { cspViolations: string[] };
      w.cspViolations = [];
      document.addEventListener("securitypolicyviolation", (e) =>
        w.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`),
      );
    });
    browser.page.on("pageerror", (error) => pageErrors.push(error.message));
    await browser.page.goto(`${server.url}/`, { waitUntil: "load" });
    await browser.page.waitForSelector("#api-content");
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("is one self-contained HTML file", async () => {
    const { size } = await stat(join(dir, "index.html"));
    expect(size).toBeGreaterThan(1_000_000); // Redoc itself is inlined (~2.8 MB), not loaded from a CDN
    const html = readFileSync(join(dir, "index.html"), "utf8");
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)="https?:/);
    expect(html).toContain('"disableTelemetry":true');
  });

  it("renders every operation of the bundled spec: heading, path, a TypeScript sample of our client, a menu link", {
    timeout: 180_000,
  }, async () => {
    const { page } = browser;
    expect(operations.length).toBeGreaterThan(0);
    // Redoc shows one operation at a time, at #/<tag section id>/<operationid>; the tag sections are in the page.
    const tags = [...new Set(operations.map((op) => op.tag))];
    const tagIds = (await page
      .waitForFunction((tags) => {
        const ids: Record<string, string> = {};
        for (const section of document.querySelectorAll("#api-content [id]")) {
          const heading = section.id.includes("/") ? null : section.querySelector("h1, h2");
          if (heading) ids[heading.textContent!.trim()] = section.id;
        }
        return tags.every((tag) => ids[tag]) && ids;
      }, tags)
      .then((handle) => handle.jsonValue())) as Record<string, string>;
    const notRendered: string[] = [];
    for (const op of operations) {
      const id = `${tagIds[op.tag]}/${op.operationId.toLowerCase()}`;
      await page.evaluate((h) => (location.hash = h), `#/${id}`);
      const rendered = await page
        .waitForFunction(
          ({ id, summary, path }) => {
            const section = document.getElementById(id); // the operation's own container
            const text = section?.textContent ?? ""; // textContent: collapsed parts count too
            const heading = [...(section?.querySelectorAll("h1, h2") ?? [])].some(
              (h) => h.textContent?.trim() === summary,
            );
            const linked = [...document.querySelectorAll("#redoc a[href]")].some(
              (a) => a.getAttribute("href") === `#/${id}`,
            );
            return heading && text.includes(path) && /stytch\.[\w.]+\(/.test(text) && linked;
          },
          { id, summary: op.summary, path: op.path },
          { timeout: 10_000 },
        )
        .then(() => true)
        .catch(() => false);
      if (!rendered) notRendered.push(`${op.operationId} (${op.method.toUpperCase()} ${op.path}) at #/${id}`);
    }
    console.info(`docs page: ${operations.length - notRendered.length} of ${operations.length} operations rendered`);
    expect(notRendered).toEqual([]);
  });

  it("shows our client's method for the operation (users.get) and the curl sample against the mock", async () => {
    const { page } = browser;
    const section = page.locator('[id="users/getuser"]');
    const show = async () => {
      await page.evaluate(() => (location.hash = "#/users/getuser"));
      await section.scrollIntoViewIfNeeded();
    };
    await show();
    await expect.poll(() => section.textContent()).toContain("stytch.users.get({");
    expect(await section.textContent()).toContain('baseUrl: "http://127.0.0.1:4010"');
    await screenshot(page, "docs-get-user");
    // Pick curl in the language menu of the operation's request panel; the choice holds for every operation.
    await section.getByText("TypeScript", { exact: true }).first().click();
    await page.getByText("curl", { exact: true }).first().click();
    await show();
    await expect.poll(() => section.textContent()).toContain('curl -X GET "http://127.0.0.1:4010/v1/users/user-test-');
    expect(await section.textContent()).toContain("Prefer: example=active_user");
    await screenshot(page, "docs-get-user-curl");
  });

  it("sends no request off the machine: no telemetry, no CDN, nothing failed", async () => {
    const { page, requests } = browser;
    const violations = await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
    await page.close(); // pagehide/unload is when page-time telemetry would be sent
    await new Promise((r) => setTimeout(r, 1_000));
    console.info(`docs page: ${requests.length} requests: ${requests.map((r) => `${r.method} ${r.url}`).join(", ")}`);
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.filter((r) => !staysOnMachine(r.url))).toEqual([]);
    expect(requests.filter((r) => r.failure)).toEqual([]);
    expect(violations).toEqual([]); // the page did not even try (the CSP would have blocked it)
    expect(pageErrors).toEqual([]);
  });
});

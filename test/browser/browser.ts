// Shared by the browser tests: Debian's Chromium via playwright-core (fresh profile, requests recorded), the
// skip rule when Chromium is missing, and screenshots in test-results/screenshots/.
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type BrowserContext, type Page, type Request } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";
export const root = fileURLToPath(new URL("../..", import.meta.url));
export const SCREENSHOTS = join(root, "test-results/screenshots");

/**
 * Browser tests need Debian's Chromium. Without it they are skipped on a developer machine (with this reason),
 * but never in CI, where a missing browser must fail the run.
 */
export const skipReason =
  !existsSync(CHROMIUM) && !process.env.CI
    ? `${CHROMIUM} not found: browser tests skipped (apt-get install -y chromium to run them; CI always runs them)`
    : undefined;
if (skipReason) console.warn(skipReason);

const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
  "--disable-sync",
  "--disable-quic",
];

/** One request the page made, and how it ended. */
export interface SeenRequest {
  method: string;
  url: string;
  status?: number;
  failure?: string;
}

/** A headless Chromium with a new, empty profile, and every request of its pages recorded. */
export interface RunningBrowser {
  context: BrowserContext;
  page: Page;
  requests: SeenRequest[];
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<RunningBrowser> {
  const profile = await mkdtemp(join(tmpdir(), "chromium-profile-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport: { width: 1400, height: 900 },
  });
  const requests: SeenRequest[] = [];
  const entries = new Map<Request, SeenRequest>();
  context.on("request", (request) => {
    const seen = { method: request.method(), url: request.url() };
    entries.set(request, seen);
    requests.push(seen);
  });
  context.on("requestfinished", async (request) => {
    const seen = entries.get(request);
    if (seen) seen.status = (await request.response())?.status();
  });
  context.on("requestfailed", (request) => {
    const seen = entries.get(request);
    if (seen) seen.failure = request.failure()?.errorText ?? "failed";
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    requests,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** Writes a screenshot of the page's viewport to test-results/screenshots/<name>.png; returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/** True when the URL's host is this machine's loopback (127.0.0.1) — or a data:/blob: URL that goes nowhere. */
export function staysOnMachine(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  if (protocol === "data:" || protocol === "blob:") return true;
  return hostname === "127.0.0.1";
}

// `stytch-openapi export` from source, in-process: what it writes (every record once, in order, in each format; stdout
// for data, stderr for messages; --fields), against a local API that fails a fifth of its requests, and every kind
// against the in-process fake through an injected fetch.
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { parse as parseCsv } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { createStytchFake } from "../../src/fake/index.js";
import { startFaultyApi, user } from "./faulty-api.js";
import { ENV, expectedIds, fast, ndjsonIds, runCli, SECRET, temporaryFolders, TOTAL, withApi } from "./support.js";

const tmp = temporaryFolders();

describe("export users against an API that fails 20% of requests", () => {
  it.each(["ndjson", "json", "csv"] as const)("writes every user exactly once, in order, as %s", async (format) => {
    await withApi(startFaultyApi({ total: TOTAL, failRate: 0.2, seed: format.length * 7 }), async (api) => {
      const out = join(tmp(), `users.${format}`);
      const run = await runCli(["export", "users", "--out", out, "--format", format, "--base-url", api.url, ...fast]);
      expect(run.code, run.stderr).toBe(0);
      const faults = Object.values(api.faults).reduce((a, b) => a + b, 0);
      console.log(
        `export ${format}: ${TOTAL} users, ${api.pages} pages, faults ${JSON.stringify(api.faults)}; ${run.stderr.trim().split("\n").at(-1)}`,
      );
      expect(faults).toBeGreaterThan(0);
      const text = readFileSync(out, "utf8");
      if (format === "ndjson") expect(ndjsonIds(text)).toEqual(expectedIds);
      if (format === "json")
        expect((JSON.parse(text) as { user_id: string }[]).map((u) => u.user_id)).toEqual(expectedIds);
      if (format === "csv") {
        const rows = parseCsv(text, { columns: true }) as Record<string, string>[];
        expect(rows.map((r) => r.user_id)).toEqual(expectedIds);
        // nested values are JSON, and the commas, quotes, newline and non-ASCII text in them survive the round trip
        expect(JSON.parse(rows[3]!.name!)).toEqual(user(3).name);
        expect(Object.keys(rows[0]!).slice(0, 3)).toEqual(["user_id", "emails", "status"]);
      }
      expect(statSync(out).mode & 0o777).toBe(0o600);
      expect(existsSync(`${out}.checkpoint`)).toBe(false);
      expect(run.stdout).toBe("");
      expect(run.stderr).toMatch(/done, 1200 items, 24 pages, \d+ retries/);
      // not a terminal: a plain progress line every 10 pages, with the total from results_metadata
      expect(run.stderr).toMatch(/^export users: 500 of 1200 items, 10 pages, \d+ items\/s$/m);
      expect(run.stderr + run.stdout).not.toContain(SECRET);
    });
  });

  it("writes NDJSON to stdout when there is no --out, with messages on stderr only", async () => {
    await withApi(startFaultyApi({ total: 130, failRate: 0 }), async (api) => {
      const run = await runCli(["export", "users", "--base-url", api.url, ...fast]);
      expect(run.code, run.stderr).toBe(0);
      expect(ndjsonIds(run.stdout)).toEqual(expectedIds.slice(0, 130));
    });
  });

  it("--fields picks columns, dotted paths included", async () => {
    await withApi(startFaultyApi({ total: 3, failRate: 0 }), async (api) => {
      const run = await runCli([
        "export",
        "users",
        "--format",
        "csv",
        "--fields",
        "user_id,emails.0.email,name.first_name",
        "--base-url",
        api.url,
        ...fast,
      ]);
      expect(run.code, run.stderr).toBe(0);
      expect(parseCsv(run.stdout)).toEqual([
        ["user_id", "emails.0.email", "name.first_name"],
        ...[0, 1, 2].map((i) => [user(i).user_id, `user${i}@example.com`, `Ada, "the" ${i}`]),
      ]);
    });
  });
});

describe("export through an injected fetch: the in-process fake, no socket", () => {
  const organization_id = "organization-test-00000000-0000-4000-8000-000000000001";
  const fake = createStytchFake({
    seed: 1,
    projectId: ENV.STYTCH_PROJECT_ID,
    secret: SECRET,
    data: {
      users: Array.from({ length: 7 }, (_, i) => ({ name: { first_name: `Ada ${i}` } })),
      organizations: [{ organization_id, organization_name: "Org 1", organization_slug: "org-1" }],
      members: Array.from({ length: 5 }, (_, i) => ({ organization_id, email_address: `m${i}@example.com` })),
      clients: [{ client_name: "Client 1", client_type: "first_party" }],
    },
  });
  const snapshot = fake.snapshot();

  it.each([
    ["users", [], snapshot.users.map((u) => u.user_id)],
    ["members", ["--organization-id", organization_id], snapshot.members.map((m) => m.member_id)],
    ["members", ["--all-organizations"], snapshot.members.map((m) => m.member_id)],
    ["organizations", [], snapshot.organizations.map((o) => o.organization_id)],
    ["clients", [], snapshot.clients.map((c) => c.client.client_id)],
  ] as const)("export %s %j writes every record of the fake, page by page", async (kind, extra, ids) => {
    const run = await runCli(
      ["export", kind, ...extra, "--rpm", "100000", "--page-size", "2", "--base-url", "https://fake.example.com"],
      ENV,
      {
        fetch: fake.fetch,
      },
    );
    expect(run.code, run.stderr).toBe(0);
    const key = { users: "user_id", members: "member_id", organizations: "organization_id", clients: "client_id" }[
      kind
    ];
    const got = run.stdout
      .trim()
      .split("\n")
      .map((line) => (JSON.parse(line) as Record<string, string>)[key]);
    expect([...got].sort()).toEqual([...ids].sort());
    expect(ids.length).toBeGreaterThan(0);
    expect(run.stderr).toMatch(new RegExp(`export ${kind}: done, ${ids.length} items`));
  });
});

describe("pacing", () => {
  it("--rpm spaces the search requests at least 60 000 / rpm ms apart, start to start", async () => {
    // Timed where the command sends them (its injected fetch), not where the server in this same process sees them.
    const sent: number[] = [];
    const fetch = (input: string, init: RequestInit) => {
      sent.push(performance.now());
      return globalThis.fetch(input, init);
    };
    await withApi(startFaultyApi({ total: 250, failRate: 0 }), async (api) => {
      const run = await runCli(["export", "users", "--base-url", api.url, "--rpm", "3000", "--page-size", "50"], ENV, {
        fetch,
      });
      expect(run.code, run.stderr).toBe(0);
    });
    const gaps = sent.slice(1).map((at, i) => at - sent[i]!);
    expect(gaps).toHaveLength(4);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(20 - 1); // timers may fire up to 1 ms early
  });
});

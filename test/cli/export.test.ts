// `stytch-openapi export` run as a user runs it: the bin of the installed tarball, in a child process, against a
// local API that fails a fifth of its requests, and against the Prism mock.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse as parseCsv } from "csv-parse/sync";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { startRecordingProxy } from "../support/recording-proxy.js";
import { installed } from "../package/setup.js";
import { member, startFaultyApi, user } from "./faulty-api.js";

const SECRET = "secret-test-NEVER-PRINT-9f8e7d6c5b4a";
const ENV = { STYTCH_PROJECT_ID: "project-test-export", STYTCH_SECRET: SECRET };
const TOTAL = 1200;
const expectedIds = Array.from({ length: TOTAL }, (_, i) => user(i).user_id);

let bin: string;
beforeAll(async () => {
  const pkg = await installed();
  bin = join(pkg.consumer, "node_modules/.bin/stytch-openapi");
}, 300_000);

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  pid: number;
}

/** Runs the installed bin; `during(child)` may signal it. */
function cli(args: string[], env: Record<string, string> = ENV, during?: (pid: number) => void): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { env: { PATH: process.env.PATH ?? "", ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.once("error", reject);
    child.once("spawn", () => during?.(child.pid!));
    child.once("close", (code, signal) => resolve({ code, signal, stdout, stderr, pid: child.pid! }));
  });
}

/** Runs `use` with a started stand-in API, and closes it whatever happens. */
async function withApi<A extends { close(): Promise<void> }>(started: Promise<A>, use: (api: A) => Promise<void>): Promise<void> {
  const api = await started;
  try {
    await use(api);
  } finally {
    await api.close();
  }
}

const tmp = () => mkdtempSync(join(tmpdir(), "stytch-export-"));
const ndjsonIds = (text: string) => text.trim().split("\n").map((line) => (JSON.parse(line) as { user_id: string }).user_id);
const fast = ["--rpm", "100000", "--page-size", "50"];

describe("export users against an API that fails 20% of requests", () => {
  it.each(["ndjson", "json", "csv"] as const)("writes every user exactly once, in order, as %s", async (format) => {
    await withApi(startFaultyApi({ total: TOTAL, failRate: 0.2, seed: format.length * 7 }), async (api) => {
      const out = join(tmp(), `users.${format}`);
    const run = await cli(["export", "users", "--out", out, "--format", format, "--base-url", api.url, ...fast]);
    expect(run.code, run.stderr).toBe(0);
    const faults = Object.values(api.faults).reduce((a, b) => a + b, 0);
    console.log(`export ${format}: ${TOTAL} users, ${api.pages} pages, faults ${JSON.stringify(api.faults)}; ${run.stderr.trim().split("\n").at(-1)}`);
    expect(faults).toBeGreaterThan(0);
    const text = readFileSync(out, "utf8");
    if (format === "ndjson") expect(ndjsonIds(text)).toEqual(expectedIds);
    if (format === "json") expect((JSON.parse(text) as { user_id: string }[]).map((u) => u.user_id)).toEqual(expectedIds);
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
      const run = await cli(["export", "users", "--base-url", api.url, ...fast]);
    expect(run.code, run.stderr).toBe(0);
    expect(ndjsonIds(run.stdout)).toEqual(expectedIds.slice(0, 130));
    });
  });

  it("--fields picks columns, dotted paths included", async () => {
    await withApi(startFaultyApi({ total: 3, failRate: 0 }), async (api) => {
      const run = await cli(["export", "users", "--format", "csv", "--fields", "user_id,emails.0.email,name.first_name", "--base-url", api.url, ...fast]);
    expect(run.code, run.stderr).toBe(0);
    expect(parseCsv(run.stdout)).toEqual([
      ["user_id", "emails.0.email", "name.first_name"],
      ...[0, 1, 2].map((i) => [user(i).user_id, `user${i}@example.com`, `Ada, "the" ${i}`]),
    ]);
    });
  });
});

describe("resume", () => {
  it.each(["ndjson", "json", "csv"] as const)("after kill -9 at a random page, --resume finishes the %s file with every user exactly once", async (format) => {
    const killAt = 3 + Math.floor(Math.random() * 15);
    let pid = 0;
    await withApi(startFaultyApi({
      total: TOTAL,
      failRate: 0.1,
      onRequest: (n) => {
        if (n !== killAt) return false;
        process.kill(pid, "SIGKILL");
        return true;
      },
    }), async (api) => {
      const out = join(tmp(), `users.${format}`);
    const args = ["export", "users", "--out", out, "--format", format, "--base-url", api.url, ...fast];
    const killed = await cli(args, ENV, (p) => (pid = p));
    expect(killed.signal).toBe("SIGKILL");
    expect(existsSync(`${out}.checkpoint`)).toBe(true);
    const resumed = await cli([...args, "--resume"]);
    expect(resumed.code, resumed.stderr).toBe(0);
    const text = readFileSync(out, "utf8");
    const ids =
      format === "ndjson"
        ? ndjsonIds(text)
        : format === "json"
          ? (JSON.parse(text) as { user_id: string }[]).map((u) => u.user_id)
          : (parseCsv(text, { columns: true }) as { user_id: string }[]).map((r) => r.user_id);
    console.log(`kill -9 at request ${killAt}, then --resume: ${ids.length} ${format} items`);
    expect(ids).toEqual(expectedIds);
    });
  });

  it("after an error, prints the command that resumes, and that command finishes the export", async () => {
    const outage = { healthy: false };
    await withApi(startOutageApi(400, 4, outage), async (broken) => {
      const out = join(tmp(), "users.ndjson");
      const failed = await cli(["export", "users", "--out", out, "--base-url", broken.url, "--max-retries", "0", ...fast]);
      expect(failed.code).toBe(1);
      const hint = /Resume with:\n {2}stytch-openapi (.+)\n/.exec(failed.stderr);
      expect(hint, failed.stderr).not.toBeNull();
      expect(ndjsonIds(readFileSync(out, "utf8"))).toEqual(expectedIds.slice(0, 150)); // 3 whole pages, nothing after
      outage.healthy = true;
      const resumed = await cli(shellWords(hint![1]!));
      expect(resumed.code, resumed.stderr).toBe(0);
      expect(ndjsonIds(readFileSync(out, "utf8"))).toEqual(expectedIds.slice(0, 400));
      expect(failed.stderr + resumed.stderr).not.toContain(SECRET);
    });
  });

  it("Ctrl-C (SIGINT) stops with exit 130 and the resume command; the resumed file is complete", async () => {
    await withApi(startFaultyApi({ total: 600, failRate: 0 }), async (api) => {
      const out = join(tmp(), "users.ndjson");
    const args = ["export", "users", "--out", out, "--base-url", api.url, "--rpm", "600", "--page-size", "50"];
    const stopped = await cli(args, ENV, (pid) => setTimeout(() => process.kill(pid, "SIGINT"), 700));
    expect(stopped.code, stopped.stderr).toBe(130);
    expect(stopped.stderr).toContain("interrupted");
    expect(stopped.stderr).toContain("--resume");
    const resumed = await cli([...args, "--rpm", "100000", "--resume"]);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(ndjsonIds(readFileSync(out, "utf8"))).toEqual(expectedIds.slice(0, 600));
    });
  });
});

describe("export members --all-organizations", () => {
  // Fixed points in each phase of the walk (first organization page, an organization's last members page, the move
  // to the next organization), and one random point.
  it.each([3, 9, 15, 5 + Math.floor(Math.random() * 20)])("walks every organization and, after kill -9 at request %i, --resume finishes with every member exactly once", async (killAt) => {
    let pid = 0;
    await withApi(startFaultyApi({
      total: 0,
      failRate: 0.1,
      organizations: 7,
      membersPerOrganization: 45,
      onRequest: (n) => {
        if (n !== killAt) return false;
        process.kill(pid, "SIGKILL");
        return true;
      },
    }), async (api) => {
      const out = join(tmp(), "members.ndjson");
    const args = ["export", "members", "--all-organizations", "--out", out, "--base-url", api.url, "--rpm", "100000", "--page-size", "20"];
    const killed = await cli(args, ENV, (p) => (pid = p));
    expect(killed.signal).toBe("SIGKILL");
    const resumed = await cli([...args, "--resume"]);
    expect(resumed.code, resumed.stderr).toBe(0);
    const got = readFileSync(out, "utf8").trim().split("\n").map((line) => (JSON.parse(line) as { member_id: string }).member_id);
    const want = Array.from({ length: 7 }, (_, o) => Array.from({ length: 45 }, (_, i) => member(`organization-test-00000000-0000-4000-8000-${String(o).padStart(12, "0")}`, i).member_id)).flat();
    console.log(`members --all-organizations: kill -9 at request ${killAt}, then --resume: ${got.length} members of 7 organizations`);
    expect(got).toEqual(want);
    });
  });
});

describe("usage errors exit 2 before anything is written", () => {
  it("missing credentials: a clear message, no file", async () => {
    const out = join(tmp(), "users.ndjson");
    const run = await cli(["export", "users", "--out", out], {});
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("STYTCH_PROJECT_ID and STYTCH_SECRET must be set");
    expect(existsSync(out)).toBe(false);
  });

  it.each([
    [["export", "users", "--bogus"], /unknown option '--bogus'/],
    [["export", "people"], /invalid for argument 'kind'/],
    [["export", "users", "--query", "{not json"], /--query <json>' argument '\{not json' is invalid\. is not JSON/],
    [["export", "users", "--query", "[1]"], /must be a JSON object/],
    [["export", "users", "--page-size", "5000"], /must be an integer from 1 to 1000/],
    [["export", "users", "--resume"], /--resume needs --out FILE/],
    [["export", "members"], /needs --organization-id ID \(repeatable\) or --all-organizations/],
    [["export", "users", "--organization-id", "organization-test-x"], /apply to export members only/],
  ])("%j", async (args, message) => {
    const run = await cli(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe("");
  });

  it("--resume without a checkpoint refuses instead of starting over", async () => {
    const out = join(tmp(), "users.ndjson");
    const run = await cli(["export", "users", "--out", out, "--resume"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("has no checkpoint to resume from");
  });

  it("--help documents every option, and --version prints the package's version", async () => {
    const help = await cli(["export", "--help"]);
    expect(help.code).toBe(0);
    for (const option of ["--out", "--format", "--query", "--fields", "--page-size", "--rpm", "--resume", "--base-url", "--organization-id", "--all-organizations", "STYTCH_PROJECT_ID", "STYTCH_SECRET"]) {
      expect(help.stdout).toContain(option);
    }
    const version = await cli(["--version"]);
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(join(import.meta.dirname, "../../package.json"), "utf8")).version);
  });
});

describe("export against the Prism mock of the bundled spec", () => {
  it.each([
    ["users", []],
    ["members", ["--organization-id", "organization-test-07971b06-ac8b-4cdb-9c15-63b17e653931"]],
    ["clients", []],
    ["organizations", []],
    ["members", ["--all-organizations"]],
  ])("export %s %j: every request and answer conforms (no sl-violations)", async (kind, extra) => {
    const proxy = await startRecordingProxy(inject("prismUrl"));
    try {
      const run = await cli(["export", kind, "--base-url", proxy.url, ...extra, ...fast]);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout.trim().split("\n").length).toBeGreaterThan(0);
      expect(proxy.passed.length).toBeGreaterThan(0);
      expect(proxy.passed.flatMap((p) => p.violations)).toEqual([]);
    } finally {
      await proxy.close();
    }
  });
});

/** Splits the printed resume command back into arguments (it quotes with '…' where needed). */
function shellWords(command: string): string[] {
  return [...command.matchAll(/'((?:[^']|'\\'')*)'|(\S+)/g)].map((m) => (m[1] !== undefined ? m[1].replaceAll("'\\''", "'") : m[2]!));
}

/** A user search that answers 500 to every request from the `from`-th on while `outage.healthy` is false. */
async function startOutageApi(total: number, from: number, outage: { healthy: boolean }) {
  return startFaultyApi({ total, failRate: 0, failWhen: (n) => !outage.healthy && n >= from });
}

// `stytch-openapi export` run as a user runs it: the bin of the installed tarball, in a child process, against a
// local API that fails a fifth of its requests, and against the Prism mock.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse as parseCsv } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { freePort } from "../support/prism.js";
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

/** Runs the installed bin; `during(child)` may signal it; `onStderr` sees each chunk of stderr as it comes. */
function cli(args: string[], env: Record<string, string> = ENV, during?: (pid: number) => void, onStderr?: (text: string) => void): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { env: { PATH: process.env.PATH ?? "", ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => {
      stderr += d;
      onStderr?.(stderr);
    });
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

// Every folder a test makes is removed after the run (they hold exported data).
const folders: string[] = [];
const tmp = () => {
  const folder = mkdtempSync(join(tmpdir(), "stytch-export-"));
  folders.push(folder);
  return folder;
};
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});
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
    [["export", "users", "--rpm", "0.000001"], /--rpm <n>' argument '0.000001' is invalid\. must be a number from 1 to 1000000/],
    [["export", "users", "--rpm", "0"], /must be a number from 1 to 1000000/],
    [["export", "users", "--fields", "user_id,nope"], /--fields: users have no field "nope"/],
    [["export", "users", "--fields", "user_id,nope.deeper"], /--fields: users have no field "nope" \(in nope\.deeper\)/],
    [["export", "users", "--base-url", "http://api.example.com"], /--base-url: baseUrl must use https/],
    [["export", "users", "--base-url", "not a url"], /--base-url: baseUrl is not a URL/],
    [["export", "users", "--out", "/nonexistent-folder-stytch/users.ndjson"], /the folder of --out does not exist: \/nonexistent-folder-stytch/],
    [["export", "users", "--out", "x.ndjson", "--resume", "--force"], /--resume and --force exclude each other/],
  ])("%j", async (args, message) => {
    const run = await cli(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe("");
  });

  it.each([
    ["empty", ""],
    ["blank", "  "],
    ["plain http off loopback", "http://api.example.com"],
  ])("STYTCH_BASE_URL %s: exit 2, nothing written", async (_name, value) => {
    const out = join(tmp(), "users.ndjson");
    const run = await cli(["export", "users", "--out", out], { ...ENV, STYTCH_BASE_URL: value });
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toMatch(/STYTCH_BASE_URL/);
    expect(existsSync(out)).toBe(false);
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

describe("an export never loses or mixes data", () => {
  /** An interrupted export of `total` users: the API fails from request `from` on; returns the file and its text. */
  async function interrupted(api: { url: string }, extra: string[] = []) {
    const out = join(tmp(), "users.ndjson");
    const failed = await cli(["export", "users", "--out", out, "--base-url", api.url, "--max-retries", "0", ...fast, ...extra]);
    expect(failed.code, failed.stderr).toBe(1);
    expect(existsSync(`${out}.checkpoint`)).toBe(true);
    return { out, text: readFileSync(out, "utf8"), checkpoint: readFileSync(`${out}.checkpoint`, "utf8") };
  }

  it("a second export of the same --out exits 2 saying another export holds it; the first finishes intact", async () => {
    let first: () => void = () => {};
    const firstRequest = new Promise<void>((resolve) => (first = resolve));
    await withApi(startFaultyApi({ total: 300, failRate: 0, onRequest: (n) => void (n === 1 && first()) }), async (api) => {
      const out = join(tmp(), "users.ndjson");
      // Paced to one request every ~0.6 s: the first export is still running when the second starts.
      const args = ["export", "users", "--out", out, "--base-url", api.url, "--page-size", "50", "--rpm", "100"];
      const running = cli(args);
      await firstRequest;
      const second = await cli(args);
      expect(second.code, second.stderr).toBe(2);
      expect(second.stderr).toMatch(/another export \(pid \d+\) holds .*users\.ndjson/);
      const force = await cli([...args, "--force"]);
      expect(force.code).toBe(2);
      const done = await running;
      expect(done.code, done.stderr).toBe(0);
      expect(ndjsonIds(readFileSync(out, "utf8"))).toEqual(expectedIds.slice(0, 300));
      // Nothing left beside the file: no lock, no checkpoint, no temporary file.
      expect(readdirSync(join(out, ".."))).toEqual(["users.ndjson"]);
    });
  });

  it("a lock left by a process that no longer runs (kill -9) is taken over", async () => {
    await withApi(startFaultyApi({ total: 120, failRate: 0 }), async (api) => {
      const out = join(tmp(), "users.ndjson");
      const gone = spawnSync(process.execPath, ["-e", ""]).pid;
      writeFileSync(`${out}.lock`, JSON.stringify({ pid: gone, host: (await import("node:os")).hostname() }));
      const run = await cli(["export", "users", "--out", out, "--base-url", api.url, ...fast]);
      expect(run.code, run.stderr).toBe(0);
      expect(ndjsonIds(readFileSync(out, "utf8"))).toEqual(expectedIds.slice(0, 120));
      expect(existsSync(`${out}.lock`)).toBe(false);
    });
  });

  it("--resume against another server, project or query exits 2 and changes nothing", async () => {
    const outage = { healthy: false };
    await withApi(startOutageApi(400, 4, outage), async (api) => {
      const { out, text, checkpoint } = await interrupted(api);
      expect(JSON.parse(checkpoint).params).toMatchObject({ base_url: api.url, project_id: ENV.STYTCH_PROJECT_ID, query: null });
      outage.healthy = true;
      await withApi(startFaultyApi({ total: 400, failRate: 0 }), async (other) => {
        const base = ["export", "users", "--out", out, "--resume", ...fast];
        const cases: [string[], Record<string, string>, RegExp][] = [
          [["--base-url", other.url], ENV, /base_url "http:\/\/127\.0\.0\.1:\d+"; this command: base_url "http:\/\/127\.0\.0\.1:\d+"/],
          [["--base-url", api.url], { ...ENV, STYTCH_PROJECT_ID: "project-test-other" }, /project_id "project-test-export"; this command: project_id "project-test-other"/],
          [["--base-url", api.url, "--query", '{"operator":"AND","operands":[]}'], ENV, /query null; this command: query \{/],
        ];
        for (const [extra, env, message] of cases) {
          const run = await cli([...base, ...extra], env);
          expect(run.code, run.stderr).toBe(2);
          expect(run.stderr).toContain(`${out}.checkpoint is of another export`);
          expect(run.stderr).toMatch(message);
          expect(readFileSync(out, "utf8")).toBe(text);
          expect(readFileSync(`${out}.checkpoint`, "utf8")).toBe(checkpoint);
        }
        expect(other.pages).toBe(0);
      });
      const resumed = await cli(["export", "users", "--out", out, "--resume", "--base-url", api.url, ...fast]);
      expect(resumed.code, resumed.stderr).toBe(0);
      expect(ndjsonIds(readFileSync(out, "utf8"))).toEqual(expectedIds.slice(0, 400));
    });
  });

  it.each([
    ["bytes negative", (c: Record<string, unknown>) => ({ ...c, bytes: -5 }), /bytes is not an integer >= 0/],
    ["bytes not on a line boundary", (c: Record<string, unknown>) => ({ ...c, bytes: (c.bytes as number) - 7 }), /does not end on a whole line/],
    ["bytes past the end of the file", (c: Record<string, unknown>) => ({ ...c, bytes: (c.bytes as number) + 1000 }), /is shorter than .*users\.ndjson\.checkpoint says/],
    ["bytes a fraction", (c: Record<string, unknown>) => ({ ...c, bytes: 1.5 }), /bytes is not an integer >= 0/],
    ["items a string", (c: Record<string, unknown>) => ({ ...c, items: "150" }), /items is not an integer >= 0/],
    ["pages missing", ({ pages: _, ...c }: Record<string, unknown>) => c, /pages is not an integer >= 0/],
    ["cursor a number", (c: Record<string, unknown>) => ({ ...c, cursor: 7 }), /cursor is not a string or null/],
    ["not JSON", () => "{ torn", /not JSON/],
  ])("a checkpoint with %s is refused (exit 2) naming the file, and nothing changes", async (_name, tamper, message) => {
    const outage = { healthy: false };
    await withApi(startOutageApi(400, 4, outage), async (api) => {
      const { out, text, checkpoint } = await interrupted(api);
      const tampered = tamper(JSON.parse(checkpoint) as Record<string, unknown>);
      writeFileSync(`${out}.checkpoint`, typeof tampered === "string" ? tampered : JSON.stringify(tampered));
      outage.healthy = true;
      const run = await cli(["export", "users", "--out", out, "--resume", "--base-url", api.url, ...fast]);
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toContain(`${out}.checkpoint`);
      expect(run.stderr).toMatch(message);
      expect(readFileSync(out, "utf8")).toBe(text);
    });
  });

  it("an interrupted export is not overwritten without --resume (exit 2), and --force starts over", async () => {
    const outage = { healthy: false };
    await withApi(startOutageApi(400, 4, outage), async (api) => {
      const { out, text } = await interrupted(api);
      // The API is still down: before this change the file was cut to 0 bytes at once.
      const again = await cli(["export", "users", "--out", out, "--base-url", api.url, "--max-retries", "0", ...fast]);
      expect(again.code, again.stderr).toBe(2);
      expect(again.stderr).toMatch(/holds an interrupted export .*: continue it with --resume, or start over with --force/);
      expect(readFileSync(out, "utf8")).toBe(text);
      outage.healthy = true;
      const forced = await cli(["export", "users", "--out", out, "--base-url", api.url, "--force", ...fast]);
      expect(forced.code, forced.stderr).toBe(0);
      expect(ndjsonIds(readFileSync(out, "utf8"))).toEqual(expectedIds.slice(0, 400));
      expect(existsSync(`${out}.checkpoint`)).toBe(false);
    });
  });

  it("--out that is a symbolic link is refused (exit 2); its target is untouched", async () => {
    await withApi(startFaultyApi({ total: 10, failRate: 0 }), async (api) => {
      const folder = tmp();
      const target = join(folder, "precious.txt");
      writeFileSync(target, "keep me\n");
      const link = join(folder, "users.ndjson");
      symlinkSync(target, link);
      const run = await cli(["export", "users", "--out", link, "--base-url", api.url, ...fast]);
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toContain("is a symbolic link");
      expect(readFileSync(target, "utf8")).toBe("keep me\n");
      expect(statSync(target).mode & 0o777).not.toBe(0);
      expect(api.pages).toBe(0);
    });
  });
});

describe("failures say what and where", () => {
  it("connection refused: stderr names the host and ECONNREFUSED while retrying and in the final error", async () => {
    const port = await freePort(); // nothing listens there any more
    const out = join(tmp(), "users.ndjson");
    const run = await cli(["export", "users", "--out", out, "--base-url", `http://127.0.0.1:${port}`, "--max-retries", "2", ...fast]);
    expect(run.code, run.stderr).toBe(1);
    const retrying = run.stderr.split("\n").filter((line) => line.includes("retrying"));
    expect(retrying).toHaveLength(2);
    for (const line of retrying) expect(line).toContain(`cannot reach 127.0.0.1:${port} (ECONNREFUSED)`);
    expect(run.stderr).toMatch(new RegExp(`failed: cannot reach 127\\.0\\.0\\.1:${port} \\(ECONNREFUSED\\)`));
    // Nothing was exported: no file, no checkpoint, no lock, and no resume hint that would fail.
    expect(readdirSync(join(out, ".."))).toEqual([]);
    expect(run.stderr).not.toContain("--resume");
  });

  it("a host that does not resolve (ENOTFOUND) is named, with the cause", async () => {
    const run = await cli(["export", "users", "--base-url", "https://stytch-openapi-test.invalid", "--max-retries", "1", ...fast]);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toMatch(/retrying/);
    expect(run.stderr).toMatch(/failed: cannot reach stytch-openapi-test\.invalid \(ENOTFOUND\)/);
  });

  it("while a connection keeps failing, stderr says so within 2 s of the first failed attempt", async () => {
    // A server that resets every connection once the request has arrived: the test knows when the first attempt
    // failed. (It used to reset at accept, before the request: in 3 of about 12 runs under load the command then
    // printed nothing for 25 s, its first attempt apparently never failing. Not reproduced with plain fetch in 3,000
    // tries; the reset now comes after the request, where the client must see it.)
    const { createServer } = await import("node:net");
    let firstFailure = 0;
    const server = createServer((socket) => {
      socket.once("data", () => {
        firstFailure ||= Date.now();
        socket.resetAndDestroy();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    let said = 0;
    try {
      // Seen once in a full run under load: the command did not end within the test's 30 s. Stopped at 25 s, so that
      // such a run fails with the command's stderr in the message instead of a bare timeout.
      let watchdog: NodeJS.Timeout | undefined;
      const run = await cli(
        ["export", "users", "--base-url", url, "--max-retries", "3", ...fast],
        ENV,
        (pid) => (watchdog = setTimeout(() => process.kill(pid, "SIGKILL"), 25_000)),
        (text) => {
          if (!said && text.includes("retrying")) said = Date.now();
        },
      );
      clearTimeout(watchdog);
      expect(run.code, run.stderr).toBe(1);
      expect(run.stderr).toMatch(new RegExp(`cannot reach 127\\.0\\.0\\.1:\\d+ \\(ECONNRESET\\).*retrying \\(attempt 2 of 4\\)`));
      expect(firstFailure).toBeGreaterThan(0);
      expect(said - firstFailure).toBeLessThan(2_000);
    } finally {
      server.close();
    }
  });

  it.each([400, 401, 403, 404, 422])("a permanent error (%i) exits 1 with the server's message, leaving no file, no checkpoint, no resume hint", async (status) => {
    const body = {
      status_code: status,
      request_id: `request-id-test-${status}`,
      error_type: "invalid_argument",
      error_message: `filter_name "statuss" is not a valid filter (${status})`,
      error_details: { operands: [{ filter_name: "statuss" }] },
    };
    await withApi(startFaultyApi({ total: 100, failRate: 0, respond: () => ({ status, body }) }), async (api) => {
      const out = join(tmp(), "users.ndjson");
      const run = await cli(["export", "users", "--out", out, "--base-url", api.url, ...fast]);
      expect(run.code, run.stderr).toBe(1);
      expect(run.stderr).toContain(`HTTP ${status} invalid_argument: ${body.error_message} {"operands":[{"filter_name":"statuss"}]} (request_id request-id-test-${status})`);
      expect(run.stderr).not.toContain("Resume with");
      expect(readdirSync(join(out, ".."))).toEqual([]);
    });
  });

  it("a permanent error leaves an earlier, finished export of the same file as it was", async () => {
    await withApi(startFaultyApi({ total: 100, failRate: 0 }), async (api) => {
      const out = join(tmp(), "users.ndjson");
      expect((await cli(["export", "users", "--out", out, "--base-url", api.url, ...fast])).code).toBe(0);
      const finished = readFileSync(out, "utf8");
      await withApi(startFaultyApi({ total: 100, failRate: 0, respond: () => ({ status: 401, body: { status_code: 401, request_id: "r", error_type: "unauthorized_credentials", error_message: "Unauthorized" } }) }), async (refusing) => {
        const run = await cli(["export", "users", "--out", out, "--base-url", refusing.url, ...fast]);
        expect(run.code, run.stderr).toBe(1);
        expect(readFileSync(out, "utf8")).toBe(finished);
        expect(readdirSync(join(out, ".."))).toEqual(["users.ndjson"]);
      });
    });
  });

  it("the credentials and the secret echoed by the API never reach stderr", async () => {
    await withApi(startFaultyApi({
      total: 10,
      failRate: 0,
      respond: (_n, headers) => ({ status: 401, body: { status_code: 401, request_id: "r", error_type: "unauthorized_credentials", error_message: `bad credentials: ${headers.authorization} (${SECRET})`, error_details: { sent: headers.authorization } } }),
    }), async (api) => {
      const run = await cli(["export", "users", "--base-url", api.url, ...fast]);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain("bad credentials: Basic [REDACTED]");
      expect(run.stderr).not.toContain(SECRET);
      expect(run.stderr).not.toContain(btoa(`${ENV.STYTCH_PROJECT_ID}:${SECRET}`));
    });
  });

  it("a transient error after some pages keeps today's behaviour: exit 1, the file and checkpoint kept, the resume command printed", async () => {
    const outage = { healthy: false };
    await withApi(startOutageApi(400, 4, outage), async (api) => {
      const out = join(tmp(), "users.ndjson");
      const run = await cli(["export", "users", "--out", out, "--base-url", api.url, "--max-retries", "0", ...fast]);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/failed: HTTP 500 internal_server_error: outage/);
      expect(run.stderr).toContain("Resume with:");
      expect(existsSync(`${out}.checkpoint`)).toBe(true);
    });
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

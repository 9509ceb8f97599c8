// `stytch-openapi export` run as a user runs it: the bin of the installed tarball, in a child process, for what only a
// process shows: kill -9 at any page and --resume, Ctrl-C (SIGINT) and its exit code, and every request and answer
// against the Prism mock of the bundled spec. The command's logic is tested from source in the other files here.
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseCsv } from "csv-parse/sync";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { startRecordingProxy } from "../support/recording-proxy.js";
import { installed } from "../package/setup.js";
import { member, startFaultyApi } from "./faulty-api.js";
import { ENV, expectedIds, fast, ndjsonIds, temporaryFolders, TOTAL, withApi } from "./support.js";

const tmp = temporaryFolders();

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
    const child = spawn(bin, args, {
      env: { PATH: process.env.PATH ?? "", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.once("error", reject);
    child.once("spawn", () => during?.(child.pid!));
    child.once("close", (code, signal) => resolve({ code, signal, stdout, stderr, pid: child.pid! }));
  });
}

describe("resume", () => {
  it.each(["ndjson", "json", "csv"] as const)(
    "after kill -9 at a random page, --resume finishes the %s file with every user exactly once",
    async (format) => {
      const killAt = 3 + Math.floor(Math.random() * 15);
      let pid = 0;
      await withApi(
        startFaultyApi({
          total: TOTAL,
          failRate: 0.1,
          onRequest: (n) => {
            if (n !== killAt) return false;
            process.kill(pid, "SIGKILL");
            return true;
          },
        }),
        async (api) => {
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
        },
      );
    },
  );

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
  it.each([3, 9, 15, 5 + Math.floor(Math.random() * 20)])(
    "walks every organization and, after kill -9 at request %i, --resume finishes with every member exactly once",
    async (killAt) => {
      let pid = 0;
      await withApi(
        startFaultyApi({
          total: 0,
          failRate: 0.1,
          organizations: 7,
          membersPerOrganization: 45,
          onRequest: (n) => {
            if (n !== killAt) return false;
            process.kill(pid, "SIGKILL");
            return true;
          },
        }),
        async (api) => {
          const out = join(tmp(), "members.ndjson");
          const args = [
            "export",
            "members",
            "--all-organizations",
            "--out",
            out,
            "--base-url",
            api.url,
            "--rpm",
            "100000",
            "--page-size",
            "20",
          ];
          const killed = await cli(args, ENV, (p) => (pid = p));
          expect(killed.signal).toBe("SIGKILL");
          const resumed = await cli([...args, "--resume"]);
          expect(resumed.code, resumed.stderr).toBe(0);
          const got = readFileSync(out, "utf8")
            .trim()
            .split("\n")
            .map((line) => (JSON.parse(line) as { member_id: string }).member_id);
          const want = Array.from({ length: 7 }, (_, o) =>
            Array.from(
              { length: 45 },
              (_, i) => member(`organization-test-00000000-0000-4000-8000-${String(o).padStart(12, "0")}`, i).member_id,
            ),
          ).flat();
          console.log(
            `members --all-organizations: kill -9 at request ${killAt}, then --resume: ${got.length} members of 7 organizations`,
          );
          expect(got).toEqual(want);
        },
      );
    },
  );
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

// `stytch-openapi export` from source, in-process: an export never loses or mixes data — one export per file (the
// lock), a resume only of the same export from an intact checkpoint, an interrupted file never overwritten without
// --force, never a write through a symbolic link.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { startFaultyApi } from "./faulty-api.js";
import { ENV, expectedIds, fast, ndjsonIds, runCli, startOutageApi, temporaryFolders, withApi } from "./support.js";

const tmp = temporaryFolders();

describe("an export never loses or mixes data", () => {
  /** An interrupted export of `total` users: the API fails from request `from` on; returns the file and its text. */
  async function interrupted(api: { url: string }, extra: string[] = []) {
    const out = join(tmp(), "users.ndjson");
    const failed = await runCli([
      "export",
      "users",
      "--out",
      out,
      "--base-url",
      api.url,
      "--max-retries",
      "0",
      ...fast,
      ...extra,
    ]);
    expect(failed.code, failed.stderr).toBe(1);
    expect(existsSync(`${out}.checkpoint`)).toBe(true);
    return { out, text: readFileSync(out, "utf8"), checkpoint: readFileSync(`${out}.checkpoint`, "utf8") };
  }

  it("a second export of the same --out exits 2 saying another export holds it; the first finishes intact", async () => {
    let first: () => void = () => {};
    const firstRequest = new Promise<void>((resolve) => (first = resolve));
    await withApi(
      startFaultyApi({ total: 300, failRate: 0, onRequest: (n) => void (n === 1 && first()) }),
      async (api) => {
        const out = join(tmp(), "users.ndjson");
        // Paced to one request every ~0.2 s: the first export is still running (6 pages, ~1 s) when the second starts,
        // which takes milliseconds in this process.
        const args = ["export", "users", "--out", out, "--base-url", api.url, "--page-size", "50", "--rpm", "300"];
        const running = runCli(args);
        await firstRequest;
        const second = await runCli(args);
        expect(second.code, second.stderr).toBe(2);
        expect(second.stderr).toMatch(/another export \(pid \d+\) holds .*users\.ndjson/);
        const force = await runCli([...args, "--force"]);
        expect(force.code).toBe(2);
        const done = await running;
        expect(done.code, done.stderr).toBe(0);
        expect(ndjsonIds(readFileSync(out, "utf8"))).toEqual(expectedIds.slice(0, 300));
        // Nothing left beside the file: no lock, no checkpoint, no temporary file.
        expect(readdirSync(join(out, ".."))).toEqual(["users.ndjson"]);
      },
    );
  });

  it("a lock left by a process that no longer runs (kill -9) is taken over", async () => {
    await withApi(startFaultyApi({ total: 120, failRate: 0 }), async (api) => {
      const out = join(tmp(), "users.ndjson");
      const gone = spawnSync(process.execPath, ["-e", ""]).pid;
      writeFileSync(`${out}.lock`, JSON.stringify({ pid: gone, host: (await import("node:os")).hostname() }));
      const run = await runCli(["export", "users", "--out", out, "--base-url", api.url, ...fast]);
      expect(run.code, run.stderr).toBe(0);
      expect(ndjsonIds(readFileSync(out, "utf8"))).toEqual(expectedIds.slice(0, 120));
      expect(existsSync(`${out}.lock`)).toBe(false);
    });
  });

  it("--resume against another server, project or query exits 2 and changes nothing", async () => {
    const outage = { healthy: false };
    await withApi(startOutageApi(400, 4, outage), async (api) => {
      const { out, text, checkpoint } = await interrupted(api);
      expect(JSON.parse(checkpoint).params).toMatchObject({
        base_url: api.url,
        project_id: ENV.STYTCH_PROJECT_ID,
        query: null,
      });
      outage.healthy = true;
      await withApi(startFaultyApi({ total: 400, failRate: 0 }), async (other) => {
        const base = ["export", "users", "--out", out, "--resume", ...fast];
        const cases: [string[], Record<string, string>, RegExp][] = [
          [
            ["--base-url", other.url],
            ENV,
            /base_url "http:\/\/127\.0\.0\.1:\d+"; this command: base_url "http:\/\/127\.0\.0\.1:\d+"/,
          ],
          [
            ["--base-url", api.url],
            { ...ENV, STYTCH_PROJECT_ID: "project-test-other" },
            /project_id "project-test-export"; this command: project_id "project-test-other"/,
          ],
          [
            ["--base-url", api.url, "--query", '{"operator":"AND","operands":[]}'],
            ENV,
            /query null; this command: query \{/,
          ],
        ];
        for (const [extra, env, message] of cases) {
          const run = await runCli([...base, ...extra], env);
          expect(run.code, run.stderr).toBe(2);
          expect(run.stderr).toContain(`${out}.checkpoint is of another export`);
          expect(run.stderr).toMatch(message);
          expect(readFileSync(out, "utf8")).toBe(text);
          expect(readFileSync(`${out}.checkpoint`, "utf8")).toBe(checkpoint);
        }
        expect(other.pages).toBe(0);
      });
      const resumed = await runCli(["export", "users", "--out", out, "--resume", "--base-url", api.url, ...fast]);
      expect(resumed.code, resumed.stderr).toBe(0);
      expect(ndjsonIds(readFileSync(out, "utf8"))).toEqual(expectedIds.slice(0, 400));
    });
  });

  it.each([
    ["bytes negative", (c: Record<string, unknown>) => ({ ...c, bytes: -5 }), /bytes is not an integer >= 0/],
    [
      "bytes not on a line boundary",
      (c: Record<string, unknown>) => ({ ...c, bytes: (c.bytes as number) - 7 }),
      /does not end on a whole line/,
    ],
    [
      "bytes past the end of the file",
      (c: Record<string, unknown>) => ({ ...c, bytes: (c.bytes as number) + 1000 }),
      /is shorter than .*users\.ndjson\.checkpoint says/,
    ],
    ["bytes a fraction", (c: Record<string, unknown>) => ({ ...c, bytes: 1.5 }), /bytes is not an integer >= 0/],
    ["items a string", (c: Record<string, unknown>) => ({ ...c, items: "150" }), /items is not an integer >= 0/],
    ["pages missing", ({ pages: _, ...c }: Record<string, unknown>) => c, /pages is not an integer >= 0/],
    ["cursor a number", (c: Record<string, unknown>) => ({ ...c, cursor: 7 }), /cursor is not a string or null/],
    ["not JSON", () => "{ torn", /not JSON/],
  ])(
    "a checkpoint with %s is refused (exit 2) naming the file, and nothing changes",
    async (_name, tamper, message) => {
      const outage = { healthy: false };
      await withApi(startOutageApi(400, 4, outage), async (api) => {
        const { out, text, checkpoint } = await interrupted(api);
        const tampered = tamper(JSON.parse(checkpoint) as Record<string, unknown>);
        writeFileSync(`${out}.checkpoint`, typeof tampered === "string" ? tampered : JSON.stringify(tampered));
        outage.healthy = true;
        const run = await runCli(["export", "users", "--out", out, "--resume", "--base-url", api.url, ...fast]);
        expect(run.code, run.stderr).toBe(2);
        expect(run.stderr).toContain(`${out}.checkpoint`);
        expect(run.stderr).toMatch(message);
        expect(readFileSync(out, "utf8")).toBe(text);
      });
    },
  );

  it("an interrupted export is not overwritten without --resume (exit 2), and --force starts over", async () => {
    const outage = { healthy: false };
    await withApi(startOutageApi(400, 4, outage), async (api) => {
      const { out, text } = await interrupted(api);
      // The API is still down: before this change the file was cut to 0 bytes at once.
      const again = await runCli([
        "export",
        "users",
        "--out",
        out,
        "--base-url",
        api.url,
        "--max-retries",
        "0",
        ...fast,
      ]);
      expect(again.code, again.stderr).toBe(2);
      expect(again.stderr).toMatch(
        /holds an interrupted export .*: continue it with --resume, or start over with --force/,
      );
      expect(readFileSync(out, "utf8")).toBe(text);
      outage.healthy = true;
      const forced = await runCli(["export", "users", "--out", out, "--base-url", api.url, "--force", ...fast]);
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
      const run = await runCli(["export", "users", "--out", link, "--base-url", api.url, ...fast]);
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toContain("is a symbolic link");
      expect(readFileSync(target, "utf8")).toBe("keep me\n");
      expect(statSync(target).mode & 0o777).not.toBe(0);
      expect(api.pages).toBe(0);
    });
  });
});

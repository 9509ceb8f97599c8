// `stytch-openapi export` from source, in-process: failures say what and where (the host and the cause, the API's own
// message, never the credentials), and what is kept: a resume command that finishes the export after a transient
// failure, nothing after a permanent one.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { freePort } from "../support/prism.js";
import { startFaultyApi } from "./faulty-api.js";
import {
  ENV,
  expectedIds,
  fast,
  ndjsonIds,
  runCli,
  SECRET,
  shellWords,
  startOutageApi,
  temporaryFolders,
  withApi,
} from "./support.js";

const tmp = temporaryFolders();

describe("failures say what and where", () => {
  it("connection refused: stderr names the host and ECONNREFUSED while retrying and in the final error", async () => {
    const port = await freePort(); // nothing listens there any more
    const out = join(tmp(), "users.ndjson");
    const run = await runCli([
      "export",
      "users",
      "--out",
      out,
      "--base-url",
      `http://127.0.0.1:${port}`,
      "--max-retries",
      "2",
      ...fast,
    ]);
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
    const run = await runCli([
      "export",
      "users",
      "--base-url",
      "https://stytch-openapi-test.invalid",
      "--max-retries",
      "1",
      ...fast,
    ]);
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
      const watchdog = new AbortController();
      const timer = setTimeout(() => watchdog.abort(new Error("watchdog")), 25_000);
      const run = await runCli(["export", "users", "--base-url", url, "--max-retries", "3", ...fast], ENV, {
        signal: watchdog.signal,
        onStderr: (text) => {
          if (!said && text.includes("retrying")) said = Date.now();
        },
      });
      clearTimeout(timer);
      expect(run.code, run.stderr).toBe(1);
      expect(run.stderr).toMatch(/cannot reach 127\.0\.0\.1:\d+ \(ECONNRESET\).*retrying \(attempt 2 of 4\)/);
      expect(firstFailure).toBeGreaterThan(0);
      expect(said - firstFailure).toBeLessThan(2_000);
    } finally {
      server.close();
    }
  });

  it.each([400, 401, 403, 404, 422])(
    "a permanent error (%i) exits 1 with the server's message, leaving no file, no checkpoint, no resume hint",
    async (status) => {
      const body = {
        status_code: status,
        request_id: `request-id-test-${status}`,
        error_type: "invalid_argument",
        error_message: `filter_name "statuss" is not a valid filter (${status})`,
        error_details: { operands: [{ filter_name: "statuss" }] },
      };
      await withApi(startFaultyApi({ total: 100, failRate: 0, respond: () => ({ status, body }) }), async (api) => {
        const out = join(tmp(), "users.ndjson");
        const run = await runCli(["export", "users", "--out", out, "--base-url", api.url, ...fast]);
        expect(run.code, run.stderr).toBe(1);
        expect(run.stderr).toContain(
          `HTTP ${status} invalid_argument: ${body.error_message} {"operands":[{"filter_name":"statuss"}]} (request_id request-id-test-${status})`,
        );
        expect(run.stderr).not.toContain("Resume with");
        expect(readdirSync(join(out, ".."))).toEqual([]);
      });
    },
  );

  it("a permanent error leaves an earlier, finished export of the same file as it was", async () => {
    await withApi(startFaultyApi({ total: 100, failRate: 0 }), async (api) => {
      const out = join(tmp(), "users.ndjson");
      expect((await runCli(["export", "users", "--out", out, "--base-url", api.url, ...fast])).code).toBe(0);
      const finished = readFileSync(out, "utf8");
      await withApi(
        startFaultyApi({
          total: 100,
          failRate: 0,
          respond: () => ({
            status: 401,
            body: {
              status_code: 401,
              request_id: "r",
              error_type: "unauthorized_credentials",
              error_message: "Unauthorized",
            },
          }),
        }),
        async (refusing) => {
          const run = await runCli(["export", "users", "--out", out, "--base-url", refusing.url, ...fast]);
          expect(run.code, run.stderr).toBe(1);
          expect(readFileSync(out, "utf8")).toBe(finished);
          expect(readdirSync(join(out, ".."))).toEqual(["users.ndjson"]);
        },
      );
    });
  });

  it("the credentials and the secret echoed by the API never reach stderr", async () => {
    await withApi(
      startFaultyApi({
        total: 10,
        failRate: 0,
        respond: (_n, headers) => ({
          status: 401,
          body: {
            status_code: 401,
            request_id: "r",
            error_type: "unauthorized_credentials",
            error_message: `bad credentials: ${headers.authorization} (${SECRET})`,
            error_details: { sent: headers.authorization },
          },
        }),
      }),
      async (api) => {
        const run = await runCli(["export", "users", "--base-url", api.url, ...fast]);
        expect(run.code).toBe(1);
        expect(run.stderr).toContain("bad credentials: Basic [REDACTED]");
        expect(run.stderr).not.toContain(SECRET);
        expect(run.stderr).not.toContain(btoa(`${ENV.STYTCH_PROJECT_ID}:${SECRET}`));
      },
    );
  });

  it("a transient error after some pages keeps today's behaviour: exit 1, the file and checkpoint kept, the resume command printed", async () => {
    const outage = { healthy: false };
    await withApi(startOutageApi(400, 4, outage), async (api) => {
      const out = join(tmp(), "users.ndjson");
      const run = await runCli(["export", "users", "--out", out, "--base-url", api.url, "--max-retries", "0", ...fast]);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/failed: HTTP 500 internal_server_error: outage/);
      expect(run.stderr).toContain("Resume with:");
      expect(existsSync(`${out}.checkpoint`)).toBe(true);
    });
  });
});

describe("resume after a failure", () => {
  it("after an error, prints the command that resumes, and that command finishes the export", async () => {
    const outage = { healthy: false };
    await withApi(startOutageApi(400, 4, outage), async (broken) => {
      const out = join(tmp(), "users.ndjson");
      const failed = await runCli([
        "export",
        "users",
        "--out",
        out,
        "--base-url",
        broken.url,
        "--max-retries",
        "0",
        ...fast,
      ]);
      expect(failed.code).toBe(1);
      const hint = /Resume with:\n {2}stytch-openapi (.+)\n/.exec(failed.stderr);
      expect(hint, failed.stderr).not.toBeNull();
      expect(ndjsonIds(readFileSync(out, "utf8"))).toEqual(expectedIds.slice(0, 150)); // 3 whole pages, nothing after
      outage.healthy = true;
      const resumed = await runCli(shellWords(hint![1]!));
      expect(resumed.code, resumed.stderr).toBe(0);
      expect(ndjsonIds(readFileSync(out, "utf8"))).toEqual(expectedIds.slice(0, 400));
      expect(failed.stderr + resumed.stderr).not.toContain(SECRET);
    });
  });

  it("an abort (what Ctrl-C does) stops with exit 130 and the resume command; the resumed file is complete", async () => {
    const stop = new AbortController();
    // Aborted once the third page has been asked for: without prefetch, two pages are written, the third is in flight.
    await withApi(
      startFaultyApi({ total: 600, failRate: 0, onRequest: (n) => void (n === 3 && stop.abort(new Error("SIGINT"))) }),
      async (api) => {
        const out = join(tmp(), "users.ndjson");
        const args = ["export", "users", "--out", out, "--base-url", api.url, "--prefetch", "0", ...fast];
        const stopped = await runCli(args, ENV, { signal: stop.signal });
        expect(stopped.code, stopped.stderr).toBe(130);
        expect(stopped.stderr).toContain("interrupted");
        expect(stopped.stderr).toContain("--resume");
        const resumed = await runCli([...args, "--resume"]);
        expect(resumed.code, resumed.stderr).toBe(0);
        expect(ndjsonIds(readFileSync(out, "utf8"))).toEqual(expectedIds.slice(0, 600));
      },
    );
  });
});

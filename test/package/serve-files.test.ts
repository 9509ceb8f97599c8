// `stytch-openapi serve` from the installed tarball with the files a team gives it: its state file (--save) across
// restarts and kill -9, and the state, --data, --scenario and --rate-limits files (and the port) it refuses.
// Starting, stopping and the in-process emulator: serve.test.ts.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AUTH, killStarted, serveIn, status } from "./serve-support.js";
import { installed, type Installed } from "./setup.js";

let pkg: Installed;
let dir: string;
beforeAll(async () => {
  pkg = await installed();
  dir = mkdtempSync(join(pkg.consumer, "serve-"));
}, 300_000);
const started: ChildProcess[] = [];
afterAll(() => {
  killStarted(started);
  rmSync(dir, { recursive: true, force: true });
});
/** `stytch-openapi serve …` in this file's consumer project (serveIn). */
const serve = (args: string[], env?: NodeJS.ProcessEnv, options?: { npx?: boolean }) =>
  serveIn(pkg.consumer, started, args, env, options);

describe("npx stytch-openapi serve (installed tarball)", () => {
  it("--save keeps the state across restarts and kill -9, refuses a second emulator on the same file, writes mode 0600", {
    timeout: 90_000,
  }, async () => {
    const file = join(dir, "state.json");
    const first = await serve(["--save", file, "--quiet"]);
    const created = (await (
      await fetch(`${first.url}/v1/users`, {
        method: "POST",
        headers: AUTH,
        body: JSON.stringify({ email: "kept@example.com" }),
      })
    ).json()) as { user_id: string };

    const second = await serve(["--save", file]);
    expect(await second.exited).toBe(2);
    expect(second.output()).toMatch(/another emulator \(pid \d+\) holds/);

    first.child.kill("SIGTERM");
    expect(await first.exited).toBe(0);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(existsSync(`${file}.lock`)).toBe(false);

    const restarted = await serve(["--save", file, "--quiet"]);
    expect(await status(`${restarted.url}/v1/users/${created.user_id}`, { headers: AUTH })).toBe(200);
    const later = (await (
      await fetch(`${restarted.url}/v1/users`, {
        method: "POST",
        headers: AUTH,
        body: JSON.stringify({ email: "later@example.com" }),
      })
    ).json()) as { user_id: string };
    await new Promise((r) => setTimeout(r, 600)); // past the write's debounce
    restarted.child.kill("SIGKILL");
    await restarted.exited;
    expect(existsSync(`${file}.lock`)).toBe(true); // left by the killed process: taken over as stale below

    const again = await serve(["--save", file, "--quiet"]);
    expect(await status(`${again.url}/v1/users/${later.user_id}`, { headers: AUTH })).toBe(200);
    expect(await status(`${again.url}/v1/users/${created.user_id}`, { headers: AUTH })).toBe(200);
    again.child.kill("SIGTERM");
    expect(await again.exited).toBe(0);
  });

  it("refuses a corrupt state file, a missing --data file and a port in use with exit 2 and a clear message", {
    timeout: 60_000,
  }, async () => {
    const corrupt = join(dir, "corrupt.json");
    writeFileSync(corrupt, "{ not json");
    const a = await serve(["--save", corrupt]);
    expect(await a.exited).toBe(2);
    expect(a.output()).toContain(`${corrupt} is not JSON`);
    expect(readFileSync(corrupt, "utf8")).toBe("{ not json"); // left as it was

    const b = await serve(["--data", join(dir, "missing.json")]);
    expect(await b.exited).toBe(2);
    expect(b.output()).toMatch(/cannot read --data .*missing\.json: ENOENT/);

    const holder = await serve(["--quiet"]);
    const port = new URL(holder.url).port;
    const c = spawn(join(pkg.consumer, "node_modules/.bin/stytch-openapi"), ["serve", "--port", port], {
      cwd: pkg.consumer,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    c.stderr.on("data", (d) => (out += d));
    expect(await new Promise((resolve) => c.once("exit", resolve))).toBe(2);
    expect(out).toContain(`port ${port} on 127.0.0.1 is in use`);
    holder.child.kill("SIGTERM");
    await holder.exited;
  });

  it("refuses a bad --scenario or --rate-limits file with exit 2 and a message naming the problem", {
    timeout: 60_000,
  }, async () => {
    const scenario = join(dir, "scenario.json");
    writeFileSync(scenario, JSON.stringify({ operations: { getUser: { faults: { "500": 0.7, "503": 0.6 } } } }));
    const a = await serve(["--scenario", scenario]);
    expect(await a.exited).toBe(2);
    expect(a.output()).toContain(
      `--scenario ${scenario}: operations.getUser.faults: the probabilities add up to 1.3, more than 1`,
    );
    const limits = join(dir, "limits.json");
    writeFileSync(limits, JSON.stringify({ searchUser: { requests: 1, perSeconds: 60 } }));
    const b = await serve(["--rate-limits", limits]);
    expect(await b.exited).toBe(2);
    expect(b.output()).toContain(`--rate-limits ${limits}: searchUser: no operation has this operationId`);
  });
});

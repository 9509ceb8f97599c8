// `npx stytch-openapi serve` from the installed tarball: the emulator as a team that installs the package runs it.
// Started and stopped as supervisors do (SIGTERM, SIGINT, kill -9), with its state file (--save) across restarts,
// and `stytch-openapi/emulator` imported by an application's own test file.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../support/prism.js";
import { exec, installed, type Installed } from "./setup.js";
import { operations } from "../../src/generated/operations.js";

const PROJECT_ID = "project-test-11111111-1111-1111-1111-111111111111";
const SECRET = "secret-test-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";
const AUTH = { authorization: `Basic ${btoa(`${PROJECT_ID}:${SECRET}`)}`, "content-type": "application/json" };

let pkg: Installed;
let dir: string;
beforeAll(async () => {
  pkg = await installed();
  dir = mkdtempSync(join(pkg.consumer, "serve-"));
}, 300_000);
const started: ChildProcess[] = [];
afterAll(() => {
  for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

interface Served {
  child: ChildProcess;
  url: string;
  output(): string;
  exited: Promise<number | null>;
}

/**
 * `stytch-openapi serve …` in the consumer project, as installed (node_modules/.bin; `npx: true` goes through npx,
 * as the README says); resolves once it printed its URL (or exited).
 */
async function serve(args: string[], env: NodeJS.ProcessEnv = {}, { npx = false } = {}): Promise<Served> {
  const port = await freePort();
  const command = npx
    ? ["npx", "--no-install", "stytch-openapi"]
    : [join(pkg.consumer, "node_modules/.bin/stytch-openapi")];
  const child = spawn(command[0]!, [...command.slice(1), "serve", "--port", String(port), ...args], {
    cwd: pkg.consumer,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  started.push(child);
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const deadline = Date.now() + 30_000;
  while (!output.includes("Ctrl-C stops it.") && child.exitCode === null && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 20));
  return { child, url: `http://127.0.0.1:${port}`, output: () => output, exited };
}

const status = (url: string, init?: RequestInit) =>
  fetch(url, init).then(
    (r) => r.status,
    () => undefined,
  );

describe("npx stytch-openapi serve (installed tarball)", () => {
  it("answers as Stytch, prints its URL and the test credentials, logs without secrets, and SIGTERM stops it within 2 s", {
    timeout: 60_000,
  }, async () => {
    const served = await serve([], {}, { npx: true });
    expect(served.output()).toContain(`Stytch emulator  ${served.url}`);
    expect(served.output()).toContain(PROJECT_ID);
    const created = await fetch(`${served.url}/v1/users`, {
      method: "POST",
      headers: AUTH,
      body: JSON.stringify({ email: "grace@example.com" }),
    });
    expect(created.status).toBe(200);
    const { user_id } = (await created.json()) as { user_id: string };
    expect(await status(`${served.url}/v1/users/${user_id}`, { headers: AUTH })).toBe(200);
    const refused = await fetch(`${served.url}/v1/users`, {
      method: "POST",
      headers: AUTH,
      body: JSON.stringify({ email: "not-an-email" }),
    });
    expect(await refused.json()).toMatchObject({
      status_code: 400,
      error_type: "invalid_argument",
      error_message: expect.stringContaining("body.email"),
    });
    // The log line is written after the answer: wait for it (bounded).
    for (let i = 0; i < 100 && !/POST \/v1\/users 400 invalid_argument/.test(served.output()); i++)
      await new Promise((r) => setTimeout(r, 20));
    expect(served.output()).toMatch(/POST \/v1\/users 400 invalid_argument/);
    expect(served.output()).not.toContain(AUTH.authorization.slice(6));
    expect(served.output()).not.toContain("grace@example.com"); // no personal data in the log

    const stopped = Date.now();
    served.child.kill("SIGTERM"); // to npx: the emulator sees npm go and stops too
    await served.exited;
    for (
      let i = 0;
      i < 100 && (await status(`${served.url}/v1/users/${user_id}`, { headers: AUTH })) !== undefined;
      i++
    )
      await new Promise((r) => setTimeout(r, 20));
    expect(Date.now() - stopped).toBeLessThan(2_000);
    expect(await status(`${served.url}/v1/users/${user_id}`, { headers: AUTH })).toBeUndefined();
  });

  it("SIGTERM during a slow request (Stytch-Emulator-Latency: 30000) still stops it within 2 s", {
    timeout: 60_000,
  }, async () => {
    const served = await serve([]);
    const slow = fetch(`${served.url}/v1/users/user-test-x`, {
      headers: { ...AUTH, "stytch-emulator-latency": "30000" },
    }).then(
      (r) => r.status,
      () => undefined,
    );
    await new Promise((r) => setTimeout(r, 300)); // the request is waiting
    const stopped = Date.now();
    served.child.kill("SIGTERM");
    expect(await served.exited).toBe(0);
    expect(Date.now() - stopped).toBeLessThan(2_000); // was: until the 30 s wait was over
    expect(await slow).toBeUndefined();
  });

  it("takes credentials from the environment and never prints the secret it was given", {
    timeout: 60_000,
  }, async () => {
    const secret = "secret-test-from-the-environment-0123456789";
    const served = await serve(["--log", "json"], { STYTCH_PROJECT_ID: "project-test-env", STYTCH_SECRET: secret });
    const good = { authorization: `Basic ${btoa(`project-test-env:${secret}`)}` };
    expect(await status(`${served.url}/v1/users/user-test-x`, { headers: good })).toBe(404);
    expect(await status(`${served.url}/v1/users/user-test-x`, { headers: AUTH })).toBe(401);
    served.child.kill("SIGINT");
    expect(await served.exited).toBe(0);
    expect(served.output()).not.toContain(secret);
    const lines = served
      .output()
      .split("\n")
      .filter((l) => l.startsWith("{"));
    expect(lines.map((l) => JSON.parse(l) as { status: number }).map((l) => l.status)).toEqual([404, 401]);
  });

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

  it("stytch-openapi/emulator starts in-process from an application's own test file", { timeout: 60_000 }, async () => {
    const file = join(pkg.consumer, "emulator-esm.mjs");
    writeFileSync(
      file,
      `import { createStytchClient } from "stytch-openapi";
import { loadBundledSpec, serveEmulator } from "stytch-openapi/emulator";
const emulator = await serveEmulator({ spec: loadBundledSpec(), port: 0, projectId: "project-test-app", secret: "secret-test-app" });
const stytch = createStytchClient({ projectId: "project-test-app", secret: "secret-test-app", baseUrl: emulator.url });
const { user_id } = await stytch.users.create({ email: "app@example.com" });
const user = await stytch.users.get({ user_id });
await emulator.close();
console.log(JSON.stringify({ email: user.emails[0].email, operations: emulator.validator.operations.length }));
`,
    );
    expect(JSON.parse(await exec(process.execPath, [file], pkg.consumer))).toEqual({
      email: "app@example.com",
      operations: Object.keys(operations).length,
    });
  });
});

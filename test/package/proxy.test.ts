// `npx stytch-openapi proxy` from the installed tarball, in front of `stytch-openapi serve` from the same install:
// requests pass through, the report files are current while it runs and complete after SIGINT, the Markdown report is
// printed, --fail-on-drift exits 1, and nothing the client sent (secret, email) is printed or written.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../support/prism.js";
import { installed, type Installed } from "./setup.js";

const PROJECT_ID = "project-test-11111111-1111-1111-1111-111111111111";
const SECRET = "secret-test-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";
const AUTH = { authorization: `Basic ${btoa(`${PROJECT_ID}:${SECRET}`)}`, "content-type": "application/json" };

let pkg: Installed;
let dir: string;
const started: ChildProcess[] = [];
beforeAll(async () => {
  pkg = await installed();
  dir = mkdtempSync(join(pkg.consumer, "proxy-"));
}, 300_000);
afterAll(() => {
  for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

async function run(args: string[], ready: string, { npx = false } = {}) {
  const command = npx
    ? ["npx", "--no-install", "stytch-openapi"]
    : [join(pkg.consumer, "node_modules/.bin/stytch-openapi")];
  const child = spawn(command[0]!, [...command.slice(1), ...args], {
    cwd: pkg.consumer,
    stdio: ["ignore", "pipe", "pipe"],
  });
  started.push(child);
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (d) => (stdout += d));
  child.stderr!.on("data", (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const deadline = Date.now() + 30_000;
  while (!`${stdout}${stderr}`.includes(ready) && child.exitCode === null && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 20));
  return { child, exited, out: () => ({ stdout, stderr }) };
}

describe("npx stytch-openapi proxy (installed tarball)", () => {
  it("passes requests through to serve, keeps the report current, prints it on SIGINT, --fail-on-drift exits 1, leaks nothing", {
    timeout: 90_000,
  }, async () => {
    const servePort = await freePort();
    const serve = await run(["serve", "--port", String(servePort), "--quiet"], "Ctrl-C stops it.");
    const port = await freePort();
    const report = join(dir, "drift");
    const proxy = await run(
      [
        "proxy",
        "--port",
        String(port),
        "--target",
        `http://127.0.0.1:${servePort}`,
        "--report",
        report,
        "--record",
        join(dir, "rec"),
        "--fail-on-drift",
      ],
      "Ctrl-C stops it",
      { npx: true },
    );
    const url = `http://127.0.0.1:${port}`;
    const created = await fetch(`${url}/v1/users`, {
      method: "POST",
      headers: AUTH,
      body: JSON.stringify({ email: "proxied@example.com" }),
    });
    expect(created.status).toBe(200);
    const refused = await fetch(`${url}/v1/users`, {
      method: "POST",
      headers: AUTH,
      body: JSON.stringify({ email: "not-an-email" }),
    });
    expect(refused.status).toBe(400); // the emulator's answer, passed through
    let current: { findings: { operationId: string; direction: string; pointer: string }[] } = { findings: [] };
    for (let i = 0; i < 100 && current.findings.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 30));
      current = JSON.parse(readFileSync(`${report}.json`, "utf8"));
    }
    expect(current.findings.map((f) => [f.operationId, f.direction, f.pointer])).toEqual([
      ["createUser", "request", "/body/email"],
    ]);

    proxy.child.kill("SIGTERM"); // to npx: the proxy sees npm go and stops too
    const code = await proxy.exited;
    for (let i = 0; i < 100 && !proxy.out().stdout.includes("## Drift report"); i++)
      await new Promise((r) => setTimeout(r, 30));
    serve.child.kill("SIGTERM");
    await serve.exited;
    // npx's own exit code is the signal's; the proxy's report is complete either way.
    expect(code === 1 || code === null || code === 143).toBe(true);
    expect(readFileSync(`${report}.md`, "utf8")).toContain(
      "| `createUser` POST /v1/users | request | wrong_type_or_format | `/body/email`",
    );
    const everything = [
      proxy.out().stdout,
      proxy.out().stderr,
      readFileSync(`${report}.json`, "utf8"),
      readFileSync(`${report}.md`, "utf8"),
      readFileSync(join(dir, "rec/exchanges.ndjson"), "utf8"),
      readFileSync(join(dir, "rec/data.json"), "utf8"),
    ].join("\n");
    for (const value of [SECRET, AUTH.authorization.slice(6), "proxied@example.com", "not-an-email"])
      expect(everything, value).not.toContain(value);
  });

  it("exits 1 with --fail-on-drift on SIGINT, 2 for a plain-http target off loopback", {
    timeout: 60_000,
  }, async () => {
    const bad = await run(["proxy", "--target", "http://example.com"], "never");
    expect(await bad.exited).toBe(2);
    expect(bad.out().stderr).toContain("--target must be https");

    const servePort = await freePort();
    const serve = await run(["serve", "--port", String(servePort), "--quiet"], "Ctrl-C stops it.");
    const port = await freePort();
    const proxy = await run(
      ["proxy", "--port", String(port), "--target", `http://127.0.0.1:${servePort}`, "--fail-on-drift", "--quiet"],
      "Ctrl-C stops it",
    );
    await fetch(`http://127.0.0.1:${port}/v1/users`, {
      method: "POST",
      headers: AUTH,
      body: JSON.stringify({ email: "x" }),
    });
    await new Promise((r) => setTimeout(r, 100));
    proxy.child.kill("SIGINT");
    expect(await proxy.exited).toBe(1);
    expect(proxy.out().stdout).toContain("## Drift report: 1 finding");
    serve.child.kill("SIGTERM");
    await serve.exited;
  });
});

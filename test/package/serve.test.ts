// `npx stytch-openapi serve` from the installed tarball: the emulator as a team that installs the package runs it.
// Started and stopped as supervisors do (SIGTERM, SIGINT), and `stytch-openapi/emulator` imported by an
// application's own test file. Its state file (--save) and the files and ports it refuses: serve-files.test.ts.
import type { ChildProcess } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { operations } from "../../src/generated/operations.js";
import { AUTH, killStarted, PROJECT_ID, serveIn, status } from "./serve-support.js";
import { exec, installed, type Installed } from "./setup.js";

let pkg: Installed;
beforeAll(async () => {
  pkg = await installed();
}, 300_000);
const started: ChildProcess[] = [];
afterAll(() => killStarted(started));
/** `stytch-openapi serve …` in this file's consumer project (serveIn). */
const serve = (args: string[], env?: NodeJS.ProcessEnv, options?: { npx?: boolean }) =>
  serveIn(pkg.consumer, started, args, env, options);

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

// The installed package in the other runtimes users deploy to, each against the same local stand-in API: Bun and
// Deno run an ESM file from the consumer project; Cloudflare's workerd runs a real Worker module, bundled from the
// consumer project the way wrangler does it (esbuild, `workerd`/`worker`/`browser` conditions), with no Node
// compatibility flag. A runtime whose binary cannot start here is skipped with the reason printed.
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";
import { describe, expect, it, type TestContext } from "vitest";
import { freePort } from "../support/prism.js";
import { consumerCalls, EXPECTED, withInstalledPackageAndApi } from "./server.js";
import { exec } from "./setup.js";

const shared = withInstalledPackageAndApi();

const IMPORT = `import { createStytchClient, StytchError } from "stytch-openapi";`;

/** The runtime's version line, or a skip (with its reason printed) when the binary cannot start here. */
async function versionOrSkip(ctx: TestContext, name: string, binary: string): Promise<string> {
  try {
    const version = (await exec(binary, ["--version"], shared.pkg.consumer)).trim().split("\n")[0] ?? "";
    console.log(`${name}: ${version}`);
    return version;
  } catch (error) {
    const reason = `${name} cannot start on this machine: ${(error as Error).message.split("\n")[0]}`;
    console.warn(`SKIPPED: ${reason}`);
    ctx.skip(reason);
    throw error;
  }
}

describe("Bun", () => {
  it("runs users.get, users.searchAll and gets a typed StytchError on 404", async (ctx) => {
    await versionOrSkip(ctx, "bun", shared.pkg.runtimes.bun);
    const file = join(shared.pkg.consumer, "bun.mjs");
    writeFileSync(file, `${IMPORT}\n${consumerCalls(shared.api.url)}\nconsole.log(JSON.stringify(await calls()));\n`);
    expect(JSON.parse(await exec(shared.pkg.runtimes.bun, ["run", file], shared.pkg.consumer))).toEqual(EXPECTED);
  });
});

describe("Deno", () => {
  it("runs users.get, users.searchAll and gets a typed StytchError on 404, with network access to loopback only", async (ctx) => {
    await versionOrSkip(ctx, "deno", shared.pkg.runtimes.deno);
    const file = join(shared.pkg.consumer, "deno.mjs");
    writeFileSync(file, `${IMPORT}\n${consumerCalls(shared.api.url)}\nconsole.log(JSON.stringify(await calls()));\n`);
    const host = new URL(shared.api.url).host;
    const out = await exec(
      shared.pkg.runtimes.deno,
      ["run", "--no-prompt", `--allow-net=${host}`, "--allow-read=.", "--allow-env", file],
      shared.pkg.consumer,
      {
        DENO_NO_UPDATE_CHECK: "1",
        DENO_DIR: join(shared.pkg.consumer, ".deno"),
      },
    );
    expect(JSON.parse(out)).toEqual(EXPECTED);
  });
});

describe("Cloudflare workerd", () => {
  it("serves a Worker that bundles the client: users.get, users.searchAll and a typed StytchError on 404", async (ctx) => {
    await versionOrSkip(ctx, "workerd", shared.pkg.runtimes.workerd);
    const answer = await runWorker(
      `${IMPORT}\n${consumerCalls(shared.api.url)}\nexport default { async fetch() { return Response.json(await calls()); } };\n`,
    );
    expect(answer.status, answer.log).toBe(200);
    expect(answer.json).toEqual(EXPECTED);
  });

  it("runs stytch-openapi/validate (no code generation: workerd forbids new Function) and finds an extra field", async (ctx) => {
    await versionOrSkip(ctx, "workerd", shared.pkg.runtimes.workerd);
    const answer = await runWorker(`import spec from "stytch-openapi/openapi.json" with { type: "json" };
import { createAnswerCheck } from "stytch-openapi/validate";
const example = Object.values(spec.paths["/v1/users/{user_id}"].get.responses["200"].content["application/json"].examples)[0].value;
export default { async fetch() {
  const check = createAnswerCheck(spec);
  const honest = await check("GET", "https://api.test/v1/users/user-test-1", Response.json(example));
  const drifted = await check("GET", "https://api.test/v1/users/user-test-1", Response.json({ ...example, nickname: "x" }));
  return Response.json({ honest: honest ?? null, drift: drifted.drift.map((d) => [d.kind, d.pointer]) });
} };
`);
    expect(answer.status, answer.log).toBe(200);
    expect(answer.json).toEqual({ honest: null, drift: [["unknown_field", "/body/nickname"]] });
  });
});

/** Bundles `source` as wrangler does (esbuild, workerd conditions) and serves it with workerd; one GET of it. */
async function runWorker(source: string): Promise<{ status: number; json: unknown; log: string }> {
  const entry = join(shared.pkg.consumer, "worker-entry.mjs");
  writeFileSync(entry, source);
  const outfile = join(shared.pkg.consumer, "worker.js");
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: "esm",
    platform: "browser",
    conditions: ["workerd", "worker", "browser"],
    absWorkingDir: shared.pkg.consumer,
    logLevel: "silent",
  });
  const port = await freePort();
  writeFileSync(
    join(shared.pkg.consumer, "worker.capnp"),
    `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    (name = "main", worker = .worker),
    # The stand-in API listens on loopback, which the default "internet" service refuses (SSRF protection).
    (name = "loopback", network = (allow = ["local"])),
  ],
  sockets = [ (name = "http", address = "127.0.0.1:${port}", http = (), service = "main") ],
);
const worker :Workerd.Worker = (
  modules = [ (name = "worker.js", esModule = embed "worker.js") ],
  compatibilityDate = "2026-11-01",
  globalOutbound = "loopback",
);
`,
  );
  const child = spawn(shared.pkg.runtimes.workerd, ["serve", "worker.capnp"], {
    cwd: shared.pkg.consumer,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout.on("data", (d) => (log += d));
  child.stderr.on("data", (d) => (log += d));
  try {
    const answer = await retryFetch(
      `http://127.0.0.1:${port}/`,
      () => log,
      () => child.exitCode,
    );
    const text = await answer.text();
    let json: unknown = text;
    try {
      json = JSON.parse(text);
    } catch {
      // left as text: the status and the log say why
    }
    return { status: answer.status, json, log };
  } finally {
    child.kill("SIGKILL");
  }
}

/** Fetches `url` until the server is up (up to 30 s), failing early with the log when the process has exited. */
async function retryFetch(url: string, log: () => string, exitCode: () => number | null): Promise<Response> {
  for (let i = 0; i < 300; i++) {
    if (exitCode() !== null) throw new Error(`workerd exited with ${exitCode()}:\n${log()}`);
    try {
      return await fetch(url);
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`workerd did not answer within 30 s:\n${log()}`);
}

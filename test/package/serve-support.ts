// The helpers of serve.test.ts and serve-files.test.ts, which run `stytch-openapi serve` from the installed tarball:
// the credentials it starts with by default, and `serve` itself, started as a user starts it and watched until it
// prints its URL.
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { freePort } from "../support/prism.js";

/** The project ID the emulator starts with when given none. */
export const PROJECT_ID = "project-test-11111111-1111-1111-1111-111111111111";
/** The secret the emulator starts with when given none. */
export const SECRET = "secret-test-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";
/** Headers of a JSON call with the default credentials. */
export const AUTH = { authorization: `Basic ${btoa(`${PROJECT_ID}:${SECRET}`)}`, "content-type": "application/json" };

/** A running (or exited) `stytch-openapi serve`. */
export interface Served {
  child: ChildProcess;
  url: string;
  output(): string;
  exited: Promise<number | null>;
}

/**
 * `stytch-openapi serve …` in the consumer project, as installed (node_modules/.bin; `npx: true` goes through npx,
 * as the README says); resolves once it printed its URL (or exited). The child goes into `started`, for the test
 * file's afterAll to kill whatever a failed test left running (killStarted).
 */
export async function serveIn(
  consumer: string,
  started: ChildProcess[],
  args: string[],
  env: NodeJS.ProcessEnv = {},
  { npx = false } = {},
): Promise<Served> {
  const port = await freePort();
  const command = npx
    ? ["npx", "--no-install", "stytch-openapi"]
    : [join(consumer, "node_modules/.bin/stytch-openapi")];
  const child = spawn(command[0]!, [...command.slice(1), "serve", "--port", String(port), ...args], {
    cwd: consumer,
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

/** Kills (SIGKILL) those of `started` still running. */
export function killStarted(started: ChildProcess[]): void {
  for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
}

/** The status of an answer, or undefined when nothing answered (the emulator is gone). */
export const status = (url: string, init?: RequestInit) =>
  fetch(url, init).then(
    (r) => r.status,
    () => undefined,
  );

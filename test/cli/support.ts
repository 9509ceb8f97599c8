// Shared by the export tests: `stytch-openapi` run from source, in this process (`runCli`: src/cli/program.ts's
// `run` with its own argv, env, streams and abort signal: no build, no tarball, no child process), the stand-in API's
// expected users, and temporary folders removed after each file.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { afterAll } from "vitest";
import type { FetchLike } from "../../src/index.js";
import { run } from "../../src/cli/program.js";
import { startFaultyApi, user } from "./faulty-api.js";

export const SECRET = "secret-test-NEVER-PRINT-9f8e7d6c5b4a";
export const ENV = { STYTCH_PROJECT_ID: "project-test-export", STYTCH_SECRET: SECRET };
export const TOTAL = 1200;
export const expectedIds = Array.from({ length: TOTAL }, (_, i) => user(i).user_id);
/** No pacing to speak of, and small pages: many pages in little time. */
export const fast = ["--rpm", "100000", "--page-size", "50"];

export const ndjsonIds = (text: string) =>
  text
    .trim()
    .split("\n")
    .map((line) => (JSON.parse(line) as { user_id: string }).user_id);

/** What a run of the command left: its exit code and everything it wrote. */
export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * What `runCli` may add to a run: an abort signal (Ctrl-C), a look at the output as it comes, a fetch of its own, the
 * wait between retries (default: none, so that a test of faults takes no back-off time; the pacing keeps its timer).
 */
export interface RunOptions {
  signal?: AbortSignal;
  onStdout?: (text: string) => void;
  onStderr?: (text: string) => void;
  fetch?: FetchLike;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** A stream that keeps what is written to it; `onText` sees the whole text after each write. */
function capture(onText?: (text: string) => void) {
  const stream = Object.assign(
    new Writable({
      write(chunk: Buffer | string, _encoding, done) {
        stream.text += String(chunk);
        onText?.(stream.text);
        done();
      },
    }),
    { text: "" },
  );
  return stream;
}

/** Runs `stytch-openapi ARGS` from source with exactly `env` as its environment; resolves when the command ends. */
export async function runCli(
  args: string[],
  env: Record<string, string> = ENV,
  options: RunOptions = {},
): Promise<Run> {
  const stdout = capture(options.onStdout);
  const stderr = capture(options.onStderr);
  const signal = options.signal ?? new AbortController().signal;
  const sleep = options.sleep ?? (async (_ms: number, signal?: AbortSignal) => signal?.throwIfAborted());
  const code = await run(args, { stdout, stderr, env: { ...env }, signal, argv: args, fetch: options.fetch, sleep });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/** Runs `use` with a started stand-in API, and closes it whatever happens. */
export async function withApi<A extends { close(): Promise<void> }>(
  started: Promise<A>,
  use: (api: A) => Promise<void>,
): Promise<void> {
  const api = await started;
  try {
    await use(api);
  } finally {
    await api.close();
  }
}

/** A user search that answers 500 to every request from the `from`-th on while `outage.healthy` is false. */
export async function startOutageApi(total: number, from: number, outage: { healthy: boolean }) {
  return startFaultyApi({ total, failRate: 0, failWhen: (n) => !outage.healthy && n >= from });
}

/** Splits the printed resume command back into arguments (it quotes with '…' where needed). */
export function shellWords(command: string): string[] {
  return [...command.matchAll(/'((?:[^']|'\\'')*)'|(\S+)/g)].map((m) =>
    m[1] !== undefined ? m[1].replaceAll("'\\''", "'") : m[2]!,
  );
}

/**
 * A maker of temporary folders for this test file, every one removed once the file's tests are done (they hold
 * exported data).
 */
export function temporaryFolders(): () => string {
  const folders: string[] = [];
  afterAll(() => {
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  });
  return () => {
    const folder = mkdtempSync(join(tmpdir(), "stytch-export-"));
    folders.push(folder);
    return folder;
  };
}

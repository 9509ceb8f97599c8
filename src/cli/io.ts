// What every command of `stytch-openapi` is handed instead of reaching for `process`: its streams, environment,
// abort signal and arguments (and, for export, the fetch and the retry wait), so that tests run a command from
// source, in-process, with their own. The usage error lives here too: main.ts prints it and exits 2.
import type { FetchLike } from "stytch-openapi";

/**
 * A command's world: stdout for data only, stderr for people's messages.
 * @example
 * const io: Io = { stdout: process.stdout, stderr: process.stderr, env: process.env, signal, argv: process.argv.slice(2) };
 */
export interface Io {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: Record<string, string | undefined>;
  /** Aborted on Ctrl-C / SIGTERM. */
  signal: AbortSignal;
  /** The arguments after the program name, for the resume hint. */
  argv: readonly string[];
  /** The fetch that `export` sends its requests through (default: the global one, looked up at call time). */
  fetch?: FetchLike;
  /** The wait between `export`'s retries (default: a timer); tests pass a quicker one. The pacing keeps its timer. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/**
 * An error the user can fix: printed as is, exit code 2.
 * @example
 * throw new UsageError("--resume needs --out FILE: output on stdout cannot be resumed");
 */
export class UsageError extends Error {
  override name = "UsageError";
}

// How long a long-running command (`serve`, `proxy`) runs: until Ctrl-C or SIGTERM aborts `io.signal`, or, under npx
// or an npm script, until its parent goes: a SIGTERM to npm does not reach this process (npm signals `sh -c`, which
// does not pass it on), and npm exits, so this process is adopted by another parent.
import type { Io } from "./io.js";

/**
 * Resolves when the command should stop.
 * @example
 * await untilStopped(io); // then close the server
 */
export function untilStopped(io: Pick<Io, "signal" | "env">): Promise<void> {
  return new Promise<void>((resolve) => {
    if (io.signal.aborted) return resolve();
    let timer: NodeJS.Timeout | undefined;
    const stop = () => {
      if (timer) clearInterval(timer);
      resolve();
    };
    io.signal.addEventListener("abort", stop, { once: true });
    if (io.env.npm_command !== undefined || io.env.npm_lifecycle_event !== undefined) {
      const parent = process.ppid;
      timer = setInterval(() => process.ppid !== parent && stop(), 250);
      timer.unref();
    }
  });
}

// The exclusive lock of a file the command line writes (`export --out FILE`, `serve --save FILE`): FILE.lock,
// created with O_EXCL (so exactly one process can create it) and holding the owner's pid and host. Two exports of
// one file would otherwise interleave their pages and checkpoints; two emulators would overwrite each other's state.
// A lock left by a process that no longer runs (kill -9, a crash) is stale and taken over.
// Chosen over proper-lockfile: that library keeps a directory fresh by rewriting its mtime on a timer and calls a
// lock stale after a time without updates, where a pid answers "is the owner alive?" directly on the one machine an
// export's file lives on, with no timer and no dependency.
import { closeSync, constants, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { hostname } from "node:os";

export const lockPath = (out: string) => `${out}.lock`;

/** Another process holds the lock: the message says which and how to proceed. */
export class LockedError extends Error {
  override name = "LockedError";
}

/**
 * Takes the lock of `out`, or throws `LockedError` when a running process holds it; `who` names the holder in the
 * message ("export", "emulator"). Returns the function that releases it (also called on process exit, so a normal
 * exit or an uncaught error never leaves it behind).
 */
export function acquireLock(out: string, who = "export"): () => void {
  const file = lockPath(out);
  const mine = JSON.stringify({ pid: process.pid, host: hostname() });
  // Two rounds at most: the second after removing a stale lock.
  for (let round = 0; round < 2; round++) {
    let fd: number;
    try {
      fd = openSync(file, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const held = readFileSync(file, "utf8");
      const owner = parseOwner(held);
      if (owner && (owner.host !== hostname() || alive(owner.pid))) {
        throw new LockedError(
          `another ${who} (pid ${owner.pid}${owner.host === hostname() ? "" : ` on ${owner.host}`}) holds ${out} (${file}); wait for it to finish, or remove ${file} if no ${who} is running`,
        );
      }
      if (!owner && held === "" && round === 0) {
        // Being written by its owner this very moment (created, pid not yet written): that owner wins.
        throw new LockedError(
          `another ${who} is starting on ${out} (${file} is empty); remove ${file} if no ${who} is running`,
        );
      }
      // Stale: its owner is gone. Removed only if it is still the very lock that was read.
      if (readFileSync(file, "utf8") === held) rmSync(file, { force: true });
      continue;
    }
    writeSync(fd, mine);
    closeSync(fd);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      process.off("exit", release);
      try {
        if (readFileSync(file, "utf8") === mine) rmSync(file, { force: true });
      } catch {
        // Already gone.
      }
    };
    process.on("exit", release);
    return release;
  }
  throw new LockedError(`could not take the lock ${file}: another ${who} keeps taking it`);
}

function parseOwner(text: string): { pid: number; host: string } | undefined {
  try {
    const owner = JSON.parse(text) as { pid?: unknown; host?: unknown };
    if (Number.isSafeInteger(owner.pid) && typeof owner.host === "string")
      return owner as { pid: number; host: string };
  } catch {
    // Not a lock of this tool, or a torn write.
  }
  return undefined;
}

/** Whether a process with this pid runs (EPERM: it does, as another user). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

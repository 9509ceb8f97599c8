/**
 * `serve --save FILE`: the emulator's state kept in a JSON file across restarts. The file is locked for one
 * emulator at a time (`FILE.lock`, see src/node/lock.ts; a lock whose process is gone is taken over), written
 * atomically (a temporary file of this process, fsync, rename) at most every `debounceMs` after a
 * change, and once more on close. It holds personal data and client secrets, so it is created with mode 0600.
 */
import { randomBytes } from "node:crypto";
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync, constants } from "node:fs";
import type { FakeSnapshot, StytchFake } from "stytch-openapi/fake";
import { debouncedWriter } from "../node/debounce.js";
import { acquireLock } from "../node/lock.js";

export interface Saver {
  /** A change happened: write within `debounceMs`. */
  changed(): void;
  /** Writes now if anything changed since the last write, and releases the lock. Safe to call twice. */
  close(): void;
}

/** A file the user named that cannot be used: printed as is, exit code 2. */
export class StateFileError extends Error {
  override name = "StateFileError";
}

/** Locks `file`, restores the fake from it when it exists, and returns the saver. */
export function openStateFile(
  file: string,
  fake: StytchFake,
  debounceMs = 200,
  onError?: (error: Error) => void,
): Saver {
  let release: () => void;
  try {
    release = acquireLock(file, "emulator");
  } catch (error) {
    throw new StateFileError((error as Error).message);
  }
  try {
    const saved = readState(file);
    if (saved) fake.restore(saved);
  } catch (error) {
    release();
    throw error;
  }
  const write = () => writeAtomically(file, `${JSON.stringify({ stytch_emulator_state: 1, ...fake.snapshot() })}\n`);
  // A write that fails while serving (the folder removed, the disk full) must not end the emulator: it is reported
  // and tried again at the next change (and on close, where a failure is thrown to the caller).
  return debouncedWriter(write, debounceMs, { release, onError: (error) => onError?.(error) });
}

function safeRead(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return undefined;
    // Anything else (EISDIR, EACCES) would start empty and then replace what is there.
    throw new StateFileError(`cannot read ${file} (${code ?? (error as Error).message}); choose another --save file`);
  }
}

function readState(file: string): FakeSnapshot | undefined {
  const text = safeRead(file);
  if (text === undefined || text.trim() === "") return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new StateFileError(
      `${file} is not JSON (${(error as Error).message}); move it away or choose another --save file`,
    );
  }
  const state = parsed as Partial<Record<keyof FakeSnapshot, unknown>> & { stytch_emulator_state?: unknown };
  const lists = ["users", "organizations", "members", "clients", "grants"] as const;
  if (state?.stytch_emulator_state !== 1 || lists.some((key) => !Array.isArray(state[key]))) {
    throw new StateFileError(`${file} is not a state file of the emulator (written by serve --save)`);
  }
  return state as FakeSnapshot;
}

/** Writes `text` to `file` atomically (a temporary file of this process, fsync, rename), mode 0600. */
export function writeAtomically(file: string, text: string): void {
  const temporary = `${file}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
  const fd = openSync(temporary, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

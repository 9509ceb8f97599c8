// Where `stytch-openapi export` writes: standard output (with back-pressure, not resumable), or --out FILE page by
// page, each page durable before the checkpoint that covers it (see checkpoint.ts for the atomic write).
import {
  closeSync,
  existsSync,
  fchmodSync,
  fstatSync,
  fsyncSync,
  ftruncateSync,
  rmSync,
  statSync,
  writeSync,
} from "node:fs";
import { once } from "node:events";
import { dirname } from "node:path";
import { acquireLock, LockedError } from "../node/lock.js";
import {
  CheckpointError,
  checkpointPath,
  readCheckpoint,
  removeCheckpoint,
  writeCheckpoint,
  type Checkpoint,
  type OrganizationPosition,
} from "./checkpoint.js";
import type { ExportOptions } from "./export-options.js";
import { UsageError } from "./io.js";
import { onBoundary, openOutput } from "./output-file.js";

/** How far an export has got: bytes written, items and pages, and where the search goes on from. */
export interface State {
  bytes: number;
  items: number;
  pages: number;
  cursor?: string | null;
  organization?: OrganizationPosition;
  /** The format's closing text is written: only the checkpoint's removal was left. */
  ended?: boolean;
}

/** The output of an export: its state, and writes that move it on. */
export interface Sink {
  state: State;
  /** Writes `text`, then makes `next` (which covers it) the state: durable before the checkpoint says so. */
  write(text: string, next: State): Promise<void>;
  finish(): void;
  /** Stops after a failure; returns whether what was exported (by this run or a resumed one) is kept. */
  abandon(): boolean;
}

/**
 * A file written page by page: each page is written and fsynced, then the checkpoint moves past it. A resume cuts
 * the file back to the checkpoint's byte count (dropping any half-written page) and goes on from its cursor.
 * The file is locked for the whole export (FILE.lock), opened without following a symbolic link, and not cut to
 * 0 until the first page has arrived; a file this run created and wrote nothing to is removed on failure.
 * @example
 * const sink = fileSink("users.ndjson", { resume: false, force: false, format: "ndjson" }, params);
 */
export function fileSink(
  out: string,
  options: Pick<ExportOptions, "resume" | "force" | "format">,
  params: Record<string, unknown>,
): Sink {
  const folder = dirname(out);
  if (!existsSync(folder) || !statSync(folder).isDirectory())
    throw new UsageError(`the folder of --out does not exist: ${folder}`);
  let release: () => void;
  try {
    release = acquireLock(out);
  } catch (error) {
    if (error instanceof LockedError) throw new UsageError(error.message);
    throw error;
  }
  let fd: number | undefined;
  try {
    let checkpoint: Checkpoint | undefined;
    try {
      checkpoint = readCheckpoint(out);
    } catch (error) {
      if (error instanceof CheckpointError) throw new UsageError(`${error.message}; start over with --force`);
      throw error;
    }
    if (options.resume) {
      if (!checkpoint)
        throw new UsageError(
          `${out} has no checkpoint to resume from (the export finished, or never started): run without --resume`,
        );
      const differ = Object.keys({ ...params, ...checkpoint.params }).filter(
        (k) => JSON.stringify(checkpoint.params[k]) !== JSON.stringify(params[k]),
      );
      if (differ.length > 0) {
        const was = differ.map((k) => `${k} ${JSON.stringify(checkpoint.params[k])}`).join(", ");
        const now = differ.map((k) => `${k} ${JSON.stringify(params[k])}`).join(", ");
        throw new UsageError(
          `${checkpointPath(out)} is of another export (${was}; this command: ${now}): resume with the same server, project, kind, format, --query, --fields and organizations`,
        );
      }
    } else if (checkpoint && !options.force) {
      throw new UsageError(
        `${out} holds an interrupted export (${checkpointPath(out)}: ${checkpoint.items} items): continue it with --resume, or start over with --force`,
      );
    }
    const opened = openOutput(out);
    fd = opened.fd;
    const created = opened.created;
    // Personal data: readable by the owner only, also when the file already existed.
    fchmodSync(fd, 0o600);
    const {
      version: _,
      params: __,
      ...saved
    } = (options.resume && checkpoint) || { version: 1, params: {}, bytes: 0, items: 0, pages: 0 };
    const state: State = saved;
    if (options.resume) {
      const size = fstatSync(fd).size;
      if (size < state.bytes) {
        throw new UsageError(
          `${out} is shorter than ${checkpointPath(out)} says (${state.bytes} bytes): one of them was changed; start over with --force`,
        );
      }
      if (!onBoundary(fd, state.bytes, options.format)) {
        throw new UsageError(
          `${checkpointPath(out)} does not end on a whole line of ${out} (byte ${state.bytes}): one of them was changed; start over with --force`,
        );
      }
      ftruncateSync(fd, state.bytes);
    } else if (checkpoint) {
      removeCheckpoint(out); // --force
    }
    const file = fd;
    let written = false;
    return {
      state,
      async write(text, next) {
        // Cut the old content only now that there is something to replace it with.
        if (!written && !options.resume) ftruncateSync(file, 0);
        written = true;
        const bytes = Buffer.from(text);
        for (let done = 0; done < bytes.length; )
          done += writeSync(file, bytes, done, bytes.length - done, state.bytes + done);
        fsyncSync(file);
        Object.assign(state, next, { bytes: state.bytes + bytes.length });
        writeCheckpoint(out, { version: 1, params, ...state });
      },
      finish() {
        closeSync(file);
        removeCheckpoint(out);
        release();
      },
      abandon() {
        closeSync(file);
        const kept = written || options.resume;
        if (!kept && created) rmSync(out, { force: true });
        release();
        return kept;
      },
    };
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    release();
    throw error;
  }
}

/**
 * Standard output, with back-pressure; not resumable.
 * @example
 * const sink = streamSink(process.stdout);
 */
export function streamSink(stdout: NodeJS.WritableStream): Sink {
  const state: State = { bytes: 0, items: 0, pages: 0 };
  return {
    state,
    async write(text, next) {
      if (text && !stdout.write(text)) await once(stdout, "drain");
      Object.assign(state, next, { bytes: state.bytes + Buffer.byteLength(text) });
    },
    finish() {},
    abandon: () => state.bytes > 0,
  };
}

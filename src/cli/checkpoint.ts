// The resume checkpoint of `stytch-openapi export --out FILE`: FILE.checkpoint, a small JSON file saying how many
// bytes of FILE are complete and where the search goes on from. It is replaced atomically (write a temporary file
// of this process's own, fsync, rename) and only after the bytes it covers have been fsynced, so after any crash
// FILE's first `bytes` bytes are whole pages and the cursor is the one that follows them. A checkpoint is read
// back only through `readCheckpoint`, which checks every field: a resume never trusts a file it did not write.
import { randomBytes } from "node:crypto";
import {
  closeSync,
  constants,
  existsSync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from "node:fs";

/** Where an organization walk (members --all-organizations) stands. */
export interface OrganizationPosition {
  /** The cursor that fetched the page of organizations being worked through (undefined: the first page). */
  pageCursor?: string;
  /** The index, in that page, of the organization whose members are being exported. */
  index: number;
}

/** What FILE.checkpoint holds: how much of FILE is complete and where the search goes on from. */
export interface Checkpoint {
  version: 1;
  /** The command's parameters (kind, format, query, fields, organizations, base URL, project): a resume must ask for the same export. */
  params: Record<string, unknown>;
  /** Bytes of the output file that are complete. */
  bytes: number;
  items: number;
  pages: number;
  /** The cursor of the next page to fetch: undefined before the first page, null when the search is exhausted. */
  cursor?: string | null;
  /** The closing text of the format is written too. */
  ended?: boolean;
  organization?: OrganizationPosition;
}

/**
 * The checkpoint file of `out`.
 * @example
 * checkpointPath("users.ndjson"); // "users.ndjson.checkpoint"
 */
export const checkpointPath = (out: string) => `${out}.checkpoint`;

/** A checkpoint that cannot be used: the message names the file and what is wrong with it. */
export class CheckpointError extends Error {
  override name = "CheckpointError";
}

/**
 * The checkpoint of `out`, every field checked (the byte count against the file itself is checked by the caller,
 * which has it open); undefined when there is none.
 * @example
 * const checkpoint = readCheckpoint("users.ndjson"); // throws CheckpointError when it cannot be used
 */
export function readCheckpoint(out: string): Checkpoint | undefined {
  const file = checkpointPath(out);
  if (!existsSync(file)) return undefined;
  const bad = (why: string) => new CheckpointError(`${file} is not a usable checkpoint (${why}); nothing was changed`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw bad(`not JSON: ${(error as Error).message}`);
  }
  if (!isObject(parsed) || parsed.version !== 1) throw bad("not a checkpoint of this tool, version 1");
  if (!isObject(parsed.params)) throw bad("params is not an object");
  for (const key of ["bytes", "items", "pages"] as const) {
    if (!Number.isSafeInteger(parsed[key]) || (parsed[key] as number) < 0) throw bad(`${key} is not an integer >= 0`);
  }
  const { cursor, ended, organization } = parsed;
  if (cursor !== undefined && cursor !== null && (typeof cursor !== "string" || cursor === ""))
    throw bad("cursor is not a string or null");
  if (ended !== undefined && typeof ended !== "boolean") throw bad("ended is not a boolean");
  if (organization !== undefined) {
    if (!isObject(organization) || !Number.isSafeInteger(organization.index) || (organization.index as number) < 0) {
      throw bad("organization.index is not an integer >= 0");
    }
    if (
      organization.pageCursor !== undefined &&
      (typeof organization.pageCursor !== "string" || organization.pageCursor === "")
    ) {
      throw bad("organization.pageCursor is not a string");
    }
  }
  return parsed as unknown as Checkpoint;
}

/**
 * Replaces the checkpoint atomically, through a temporary file no other process uses.
 * @example
 * writeCheckpoint("users.ndjson", { version: 1, params, bytes: 5120, items: 50, pages: 1, cursor: "c-50" });
 */
export function writeCheckpoint(out: string, checkpoint: Checkpoint): void {
  const file = checkpointPath(out);
  const temporary = `${file}.${process.pid}-${randomBytes(6).toString("hex")}.tmp`;
  // O_EXCL: never an existing file, nor through a symbolic link planted under that name.
  const fd = openSync(temporary, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
  try {
    writeSync(fd, JSON.stringify(checkpoint));
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(temporary, { force: true });
    throw error;
  }
  closeSync(fd);
  renameSync(temporary, file);
}

/**
 * Removes the checkpoint of `out` (the export finished, or --force starts over); nothing when there is none.
 * @example
 * removeCheckpoint("users.ndjson");
 */
export function removeCheckpoint(out: string): void {
  rmSync(checkpointPath(out), { force: true });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

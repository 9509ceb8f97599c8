// The resume checkpoint of `stytch-openapi export --out FILE`: FILE.checkpoint, a small JSON file saying how many
// bytes of FILE are complete and where the search goes on from. It is replaced atomically (write, fsync, rename)
// and only after the bytes it covers have been fsynced, so after any crash FILE's first `bytes` bytes are whole
// pages and the cursor is the one that follows them.
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from "node:fs";

/** Where an organization walk (members --all-organizations) stands. */
export interface OrganizationPosition {
  /** The cursor that fetched the page of organizations being worked through (undefined: the first page). */
  pageCursor?: string;
  /** The index, in that page, of the organization whose members are being exported. */
  index: number;
}

export interface Checkpoint {
  version: 1;
  /** The command's parameters: a resume must ask for the same export. */
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

export const checkpointPath = (out: string) => `${out}.checkpoint`;

export function readCheckpoint(out: string): Checkpoint | undefined {
  const file = checkpointPath(out);
  if (!existsSync(file)) return undefined;
  const parsed = JSON.parse(readFileSync(file, "utf8")) as Checkpoint;
  if (parsed.version !== 1 || typeof parsed.bytes !== "number") throw new Error(`${file} is not a checkpoint of this tool`);
  return parsed;
}

export function writeCheckpoint(out: string, checkpoint: Checkpoint): void {
  const file = checkpointPath(out);
  const temporary = `${file}.tmp`;
  const fd = openSync(temporary, "w", 0o600);
  try {
    writeSync(fd, JSON.stringify(checkpoint));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, file);
}

export function removeCheckpoint(out: string): void {
  rmSync(checkpointPath(out), { force: true });
}

// The output file of `stytch-openapi export --out FILE`, at the level of bytes: opened without following a symbolic
// link and without cutting it, and, on resume, checked to end on a whole item where the checkpoint says it does.
import { constants, openSync, readSync } from "node:fs";
import type { FormatName } from "./formats.js";
import { UsageError } from "./io.js";

/**
 * Opens (or creates) `out` for reading and writing, never through a symbolic link, without cutting it.
 * @example
 * const { fd, created } = openOutput("users.ndjson");
 */
export function openOutput(out: string): { fd: number; created: boolean } {
  const flags = constants.O_RDWR | constants.O_CREAT | (constants.O_NOFOLLOW ?? 0);
  for (const created of [true, false]) {
    try {
      return { fd: openSync(out, created ? flags | constants.O_EXCL : flags, 0o600), created };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "EEXIST" && created) continue;
      if (code === "ELOOP") throw new UsageError(`--out ${out} is a symbolic link: refusing to write through it`);
      if (code === "EISDIR") throw new UsageError(`--out ${out} is a folder`);
      throw error;
    }
  }
  throw new Error("unreachable");
}

/**
 * Whether the first `bytes` bytes of the file end on a whole item: after a newline (NDJSON, CSV and the JSON
 * array's first and last lines) whose line, for NDJSON, is whole JSON; or, in a JSON array, after an item's line.
 * @example
 * if (!onBoundary(fd, checkpoint.bytes, "ndjson")) throw new UsageError("… start over with --force");
 */
export function onBoundary(fd: number, bytes: number, format: FormatName): boolean {
  if (bytes === 0) return true;
  const size = Math.min(bytes, 4 << 20);
  const tail = Buffer.alloc(size);
  readSync(fd, tail, 0, size, bytes - size);
  const text = tail.toString("utf8");
  const wholeJson = (line: string) => {
    try {
      const value: unknown = JSON.parse(line);
      return typeof value === "object" && value !== null;
    } catch {
      return false;
    }
  };
  if (text.endsWith("\n"))
    return format !== "ndjson" || wholeJson(text.slice(text.lastIndexOf("\n", text.length - 2) + 1, -1));
  return format === "json" && wholeJson(text.slice(text.lastIndexOf("\n") + 1));
}

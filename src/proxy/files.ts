/**
 * What the proxy writes: the report (`--report FILE` → FILE.json and FILE.md, locked for one proxy, rewritten
 * atomically a moment after each change and once more on close) and the record (`--record DIR`: exchanges.ndjson,
 * one redacted exchange a line, and data.json, the records seen in answers, which `serve --data` loads).
 * Every file is created with mode 0600: redacted, but still traffic.
 * @example
 * const writer = openReportFile("drift", report); // drift.json, drift.md
 */
import { appendFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { writeAtomically } from "stytch-openapi/emulator";
import { debouncedWriter, type DebouncedWriter } from "../node/debounce.js";
import { acquireLock, LockedError } from "../node/lock.js";
import type { Report } from "./report.js";
import type { RecordedExchange } from "./inspect.js";

/** A file of the proxy kept current: `changed()` after each exchange, `close()` when the proxy stops. */
export type Writer = DebouncedWriter;

/** `drift`, `drift.json` or `drift.md` → the base both files share. */
export function reportBase(file: string): string {
  return file.replace(/\.(json|md)$/i, "");
}

/**
 * Locks the report's base and keeps `base.json` and `base.md` current (written now, after changes, and on close).
 * @example
 * const writer = openReportFile("drift.md", proxy.report); // drift.json and drift.md
 */
export function openReportFile(file: string, report: Report, debounceMs = 100): Writer {
  const base = reportBase(file);
  let release: () => void;
  try {
    release = acquireLock(base, "proxy");
  } catch (error) {
    if (error instanceof LockedError) throw new LockedError(`${error.message}; or choose another --report file`);
    throw error;
  }
  const write = () => {
    writeAtomically(`${base}.json`, `${JSON.stringify(report.json(), null, 2)}\n`);
    writeAtomically(`${base}.md`, report.markdown());
  };
  try {
    write();
  } catch (error) {
    release();
    throw error;
  }
  return debouncedWriter(write, debounceMs, { release });
}

/** Records of the fake, by their id fields, as seen in answers. */
const KINDS = [
  { list: "users", id: "user_id", has: ["emails", "phone_numbers"] },
  { list: "organizations", id: "organization_id", has: ["organization_name"] },
  { list: "members", id: "member_id", has: ["organization_id", "email_address"] },
  { list: "clients", id: "client_id", has: ["client_type"] },
] as const;

/**
 * Locks the record folder and keeps `exchanges.ndjson` (appended per exchange) and `data.json` current.
 * @example
 * const record = openRecord("traffic"); record.add(exchange); record.close();
 */
export function openRecord(dir: string, debounceMs = 100): Writer & { add(exchange: RecordedExchange): void } {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  // One proxy per record folder: two would overwrite each other's data.json and interleave their exchanges.
  let release: () => void;
  try {
    release = acquireLock(join(dir, "exchanges.ndjson"), "proxy");
  } catch (error) {
    if (error instanceof LockedError) throw new LockedError(`${error.message}; or choose another --record folder`);
    throw error;
  }
  const records = Object.fromEntries(KINDS.map((k) => [k.list, new Map<string, unknown>()])) as Record<
    string,
    Map<string, unknown>
  >;
  const collect = (value: unknown, depth = 0): void => {
    if (depth > 16 || value === null || typeof value !== "object") return;
    if (Array.isArray(value)) {
      for (const item of value) collect(item, depth + 1);
      return;
    }
    const object = value as Record<string, unknown>;
    for (const kind of KINDS) {
      if (typeof object[kind.id] === "string" && kind.has.every((f) => f in object)) {
        const { request_id: _r, status_code: _s, ...record } = object;
        records[kind.list]!.set(object[kind.id] as string, record);
        return;
      }
    }
    for (const child of Object.values(object)) collect(child, depth + 1);
  };
  const writer = debouncedWriter(
    () =>
      writeAtomically(
        join(dir, "data.json"),
        `${JSON.stringify(Object.fromEntries(Object.entries(records).map(([k, m]) => [k, [...m.values()]])), null, 2)}\n`,
      ),
    debounceMs,
    { release },
  );
  writer.changed();
  return {
    ...writer,
    add(exchange) {
      appendFileSync(join(dir, "exchanges.ndjson"), `${JSON.stringify(exchange)}\n`, { mode: 0o600 });
      if (exchange.response.status === 200 && exchange.method !== "DELETE") collect(exchange.response.body);
      writer.changed();
    },
  };
}

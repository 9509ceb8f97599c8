/**
 * The emulator's request log: one line per answer, written once the answer is out. A line names the operation and
 * how it went, never a header, a body or a query value (they carry secrets and personal data), and an unrouted path
 * only as printable, shortened text (a decoded `%0a` would forge a line, `%1b` write terminal escapes).
 * @example
 * const log = startLog(req, res, (entry) => console.error(JSON.stringify(entry)));
 * log.operationId = "getUser";
 */
import type { IncomingMessage, ServerResponse } from "node:http";

/** One line of the request log: never a header, a body or a query value (they carry secrets and personal data). */
export interface RequestLog {
  time: string;
  method: string;
  /** The operation's path template, or `/__fake/…`, or the first 80 characters of an unrouted path. */
  path: string;
  operationId?: string;
  status: number;
  ms: number;
  request_id?: string;
  error_type?: string;
  /** Where the request broke the spec, when the validator refused it (`body.email`, `query.limit`). */
  invalid?: string;
  /** The fault injected (by header or scenario), if any. */
  fault?: string;
}

/** The part of a log line the request pipeline fills in as it goes. */
export type PendingLog = Partial<RequestLog>;

/**
 * Starts the log line of a request; `sink` gets it, with status, time and duration, once the answer is finished.
 * @example
 * const log = startLog(req, res, options.log);
 */
export function startLog(
  req: IncomingMessage,
  res: ServerResponse,
  sink: ((entry: RequestLog) => void) | undefined,
): PendingLog {
  const started = performance.now();
  const log: PendingLog = { method: req.method ?? "", path: "" };
  res.once("finish", () => {
    sink?.({
      time: new Date().toISOString(),
      ...log,
      status: res.statusCode,
      ms: Math.round((performance.now() - started) * 100) / 100,
    } as RequestLog);
  });
  return log;
}

/**
 * A raw path as the log may show it: printable ASCII only, at most 80 characters.
 * @example
 * shortPath("/nope/%0a"); // "/nope/%0a" (still encoded: only decoded control characters are replaced)
 */
export function shortPath(rawPath: string): string {
  return rawPath.replace(/[^\x21-\x7e]/g, "?").slice(0, 80);
}

/**
 * The `request_id` of an answer's JSON text, read from its first 400 characters without parsing it.
 * @example
 * requestIdOf('{"request_id":"request-id-test-1","status_code":200}'); // "request-id-test-1"
 */
export function requestIdOf(text: string): string | undefined {
  return /"request_id":"([^"]{1,100})"/.exec(text.slice(0, 400))?.[1];
}

/**
 * What the drift proxy reads of the HTTP messages it passes on: the headers it forwards (never hop-by-hop ones), a
 * bounded copy of each body, the body decoded and parsed for checking, the path's segments for the router.
 * @example
 * const copy = tap(req, 1024 * 1024); // … once the request has ended:
 * const { value } = parseJson(copy());
 */
import type { IncomingHttpHeaders, IncomingMessage } from "node:http";
import { brotliDecompressSync, gunzipSync, inflateSync } from "node:zlib";

/** RFC 9110 §7.6.1: hop-by-hop headers, never forwarded; plus the ones Connection names. */
const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "proxy-authenticate",
  "proxy-authorization",
  "proxy-connection",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
]);

/**
 * The incoming headers for the target: hop-by-hop ones (and those Connection names) dropped, Host the target's.
 * @example
 * send({ headers: forwardHeaders(req.headers, target.host), … });
 */
export function forwardHeaders(headers: IncomingHttpHeaders, host: string): Record<string, string | string[]> {
  return { ...withoutHopByHop(headers), host };
}

/**
 * Headers without the hop-by-hop ones, those Connection names and Host: what passes from one connection to the next.
 * @example
 * res.writeHead(status, answer.statusMessage, withoutHopByHop(answer.headers));
 */
export function withoutHopByHop(headers: IncomingHttpHeaders): Record<string, string | string[]> {
  const named = new Set(
    String(headers.connection ?? "")
      .toLowerCase()
      .split(",")
      .map((s) => s.trim()),
  );
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || HOP_BY_HOP.has(name) || named.has(name) || name === "host") continue;
    out[name] = value;
  }
  return out;
}

/**
 * Keeps a copy of a stream's bytes up to `cap`; the getter gives undefined when it went over.
 * @example
 * const copy = tap(answer, cap); answer.once("end", () => inspect(copy()));
 */
export function tap(stream: IncomingMessage, cap: number): () => Buffer | undefined {
  const chunks: Buffer[] = [];
  let size = 0;
  stream.on("data", (chunk: Buffer) => {
    size += chunk.length;
    if (size <= cap) chunks.push(chunk);
    else chunks.length = 0;
  });
  return () => (size <= cap ? Buffer.concat(chunks) : undefined);
}

/**
 * A body as text after its Content-Encoding (gzip, deflate, br), at most `max` bytes; undefined when it cannot be.
 * @example
 * const text = decode(copy, headers["content-encoding"], cap * 8);
 */
export function decode(bytes: Buffer, encoding: string | undefined, max: number): string | undefined {
  try {
    const e = (encoding ?? "").trim().toLowerCase();
    const raw =
      e === "gzip" || e === "x-gzip"
        ? gunzipSync(bytes, { maxOutputLength: max })
        : e === "deflate"
          ? inflateSync(bytes, { maxOutputLength: max })
          : e === "br"
            ? brotliDecompressSync(bytes, { maxOutputLength: max })
            : e === "" || e === "identity"
              ? bytes
              : undefined;
    return raw?.toString("utf8");
  } catch {
    return undefined;
  }
}

/**
 * A body parsed as JSON: `value` undefined for an empty body, `notJson` true for one that is not JSON.
 * @example
 * parseJson('{"a":1}'); // { value: { a: 1 }, notJson: false }
 */
export function parseJson(text: Buffer | string | undefined): { value: unknown; notJson: boolean } {
  const s = text === undefined ? "" : text.toString();
  if (s.trim() === "") return { value: undefined, notJson: false };
  try {
    return { value: JSON.parse(s), notJson: false };
  } catch {
    return { value: undefined, notJson: true };
  }
}

/**
 * Path segments, each decoded once; undefined for a malformed escape (the exchange still passes through).
 * @example
 * const op = router.route(method, segmentsOf(req.url) ?? []);
 */
export function segmentsOf(url: string): string[] | undefined {
  const path = url.split("?")[0]!;
  try {
    return path
      .slice(1)
      .split("/")
      .map((s) => decodeURIComponent(s));
  } catch {
    return undefined;
  }
}

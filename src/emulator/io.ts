/**
 * Reading a request and writing an answer with `node:http`, as the emulator does for every route: a body read up
 * to a limit, the project of Basic credentials, CORS headers for browsers, a JSON answer with its length.
 * @example
 * const text = await readBody(req, limits.bodyBytes);
 * send(res, 200, JSON.stringify({ reset: true }), cors(req));
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { invalid } from "../fake/context.js";

/**
 * Reads a body up to `max` bytes; refuses a larger one (by its Content-Length before reading, else as it arrives).
 * @example
 * const text = await readBody(req, 1024 * 1024);
 */
export function readBody(req: IncomingMessage, max: number): Promise<string> {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > max) return Promise.reject(tooLarge(max));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        req.off("data", onData);
        req.pause();
        reject(tooLarge(max));
      } else chunks.push(chunk);
    };
    req.on("data", onData);
    req.once("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.once("error", reject);
  });
}

const tooLarge = (max: number) => invalid(`The request body is larger than ${max} bytes.`);

/**
 * The project id of Basic credentials (the rate limits' key), without keeping the secret; "" without one.
 * @example
 * projectOf(req.headers.authorization); // "project-test-…"
 */
export function projectOf(authorization: string | undefined): string {
  if (!authorization?.startsWith("Basic ")) return "";
  const decoded = Buffer.from(authorization.slice(6), "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  return colon === -1 ? "" : decoded.slice(0, colon);
}

/**
 * The CORS headers of every answer, so that a browser page may call the emulator with credentials.
 * @example
 * send(res, 204, undefined, cors(req));
 */
export function cors(req: IncomingMessage): Record<string, string> {
  const requested = req.headers["access-control-request-headers"];
  return {
    "access-control-allow-origin": typeof req.headers.origin === "string" ? req.headers.origin : "*",
    "access-control-allow-methods": "GET, POST, PUT, DELETE, OPTIONS",
    // `*` does not cover Authorization in the Fetch standard, so the requested headers are echoed.
    "access-control-allow-headers": typeof requested === "string" ? requested : "*",
    // Named as well as `*`: the wildcard does not apply to requests with credentials.
    "access-control-expose-headers": "Retry-After, *",
    "access-control-max-age": "600",
    vary: "Origin, Access-Control-Request-Headers",
  };
}

/**
 * Writes an answer: a JSON body with its type and length, or none.
 * @example
 * send(res, 200, JSON.stringify(fake.snapshot()), cors(req));
 */
export function send(
  res: ServerResponse,
  status: number,
  body: string | undefined,
  headers: Record<string, string>,
): void {
  if (body === undefined) {
    res.writeHead(status, headers).end();
    return;
  }
  res
    .writeHead(status, { ...headers, "content-type": "application/json", "content-length": Buffer.byteLength(body) })
    .end(body);
}

// What the emulator and the drift proxy share as Node HTTP servers: Node's own refusals (a head over the size
// limit, a malformed request, a timeout) answered with the API's error object, listening with a clear URL, and
// headers flattened for the checks.
import type { IncomingHttpHeaders, Server } from "node:http";
import type { Socket } from "node:net";

/**
 * Answers what Node refuses before a request exists with a 400 carrying `body(error)` (a JSON error object), then
 * closes the connection: `end()` only half-closes, so the socket is destroyed a second later, or a client that
 * ignores the close and keeps trickling bytes would hold it for good.
 */
export function answerClientErrors(server: Server, body: (error: NodeJS.ErrnoException) => object): void {
  server.on("clientError", (error: NodeJS.ErrnoException, socket: Socket) => {
    if (!socket.writable) return void socket.destroy();
    const text = JSON.stringify(body(error));
    socket.end(
      `HTTP/1.1 400 Bad Request\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(text)}\r\nconnection: close\r\n\r\n${text}`,
    );
    setTimeout(() => socket.destroy(), 1_000).unref();
  });
}

/** Listens on `host:port` (port 0: any free port); resolves with the server's URL, rejects with the listen error. */
export async function listen(server: Server, host: string, port: number): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port: actual } = server.address() as { port: number };
  return `http://${host.includes(":") ? `[${host}]` : host}:${actual}`;
}

/**
 * Request or response headers with each value one string (repeated ones joined with `, `), as checks read them.
 * @example
 * flatHeaders(req.headers)["content-type"]; // "application/json"
 */
export function flatHeaders(headers: IncomingHttpHeaders): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(headers)) out[name] = Array.isArray(value) ? value.join(", ") : value;
  return out;
}

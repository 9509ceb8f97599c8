import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { StytchFake } from "./index.js";

/** Where the fake's own controls live: outside the API's `/v1/` namespace. */
export const CONTROL_PREFIX = "/__fake/";

const CORS = {
  "access-control-allow-origin": "*",
  "access-control-allow-methods": "GET, POST, PUT, DELETE, OPTIONS",
  "access-control-allow-headers": "*",
  "access-control-expose-headers": "*",
};

/**
 * Serves a fake over HTTP on Node: each request becomes a `Request` for `fake.fetch`, its `Response` is written back.
 * Besides the API: `POST /__fake/reset` (back to the starting data) and `GET /__fake/snapshot`. CORS is open.
 */
export async function serveFake(
  fake: StytchFake,
  { host = "127.0.0.1", port = 0 }: { host?: string; port?: number } = {},
): Promise<{ url: string; server: Server; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    handle(fake, req, res).catch((error: unknown) => {
      res.writeHead(500, { "content-type": "text/plain" }).end(String(error));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, resolve);
  });
  const address = server.address() as { port: number };
  return {
    url: `http://${host}:${address.port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function handle(fake: StytchFake, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const url = new URL(req.url ?? "/", "http://fake.local");
  if (req.method === "OPTIONS") {
    res.writeHead(204, CORS).end();
    return;
  }
  if (url.pathname.startsWith(CONTROL_PREFIX)) {
    const control = url.pathname.slice(CONTROL_PREFIX.length);
    if (control === "reset" && req.method === "POST") {
      fake.reset();
      res.writeHead(200, { ...CORS, "content-type": "application/json" }).end(JSON.stringify({ reset: true }));
    } else if (control === "snapshot" && req.method === "GET") {
      res.writeHead(200, { ...CORS, "content-type": "application/json" }).end(JSON.stringify(fake.snapshot()));
    } else {
      res.writeHead(404, { ...CORS, "content-type": "text/plain" }).end("POST /__fake/reset or GET /__fake/snapshot");
    }
    return;
  }
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === "string") headers.set(name, value);
    else if (Array.isArray(value)) for (const v of value) headers.append(name, v);
  }
  const body = chunks.length > 0 && req.method !== "GET" && req.method !== "HEAD" ? Buffer.concat(chunks) : undefined;
  const response = await fake.fetch(url.href, { method: req.method, headers, body });
  const text = await response.text();
  res.writeHead(response.status, { ...CORS, "content-type": response.headers.get("content-type") ?? "application/json" });
  res.end(text);
}

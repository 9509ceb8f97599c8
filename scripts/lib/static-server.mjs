// A tiny static file server (node:http only) for the built docs.
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createServer } from "node:http";
import { extname, join, normalize, sep } from "node:path";

/** @type {Record<string, string>} */
const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".yaml": "application/yaml; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
};

/**
 * A running static server.
 * @typedef {{ url: string, close(): Promise<void> }} StaticServer
 */

/**
 * Serves `dir` on host:port (port 0 picks a free one); `/` serves index.html. Resolves with its URL and close().
 * @example const server = await serveStatic("dist/docs", { port: 4011 });
 * @param {string} dir
 * @param {{ host?: string, port?: number }} [options]
 * @returns {Promise<StaticServer>}
 */
export async function serveStatic(dir, { host = "127.0.0.1", port = 0 } = {}) {
  const base = normalize(dir + sep);
  const server = createServer(async (req, res) => {
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    } catch {
      return send(res, 400, "Bad request: the path is not validly percent-encoded"); // a hostile escape must not crash it
    }
    let file = normalize(join(base, pathname));
    if (!file.startsWith(base)) return send(res, 403, "Forbidden");
    try {
      if ((await stat(file)).isDirectory()) file = join(file, "index.html");
      await stat(file);
    } catch {
      return send(res, 404, "Not found");
    }
    res.writeHead(200, {
      "Content-Type": TYPES[extname(file)] ?? "application/octet-stream",
      "Cache-Control": "no-cache",
    });
    createReadStream(file).pipe(res);
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve(undefined));
  });
  const { port: actual } = /** @type {import("node:net").AddressInfo} */ (server.address());
  return {
    url: `http://${host}:${actual}`,
    // Every connection is ended, not only idle ones: a client that stopped reading the 3 MB docs page would
    // otherwise keep the close (and Ctrl-C) waiting.
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve(undefined));
        server.closeAllConnections();
      }),
  };
}

/**
 * @param {import("node:http").ServerResponse} res
 * @param {number} status
 * @param {string} text
 */
function send(res, status, text) {
  res.writeHead(status, { "Content-Type": "text/plain; charset=utf-8" });
  res.end(text);
}

import { createServer, request as httpRequest, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

/** A request that passed through the proxy, with Prism's verdict on it. */
export interface Passed {
  method: string;
  path: string;
  status: number;
  violations: unknown[];
  headers: IncomingMessage["headers"];
  body: string;
}

/**
 * A loopback HTTP proxy in front of the Prism mock that records every request and Prism's `sl-violations`, so
 * that a client we cannot inject a fetch into (the official Node SDK) is checked on the wire.
 */
export async function startRecordingProxy(target: string) {
  const passed: Passed[] = [];
  const upstream = new URL(target);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const out = httpRequest(
        { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
        (answer) => {
          const raw = answer.headers["sl-violations"];
          passed.push({
            method: req.method ?? "",
            path: req.url ?? "",
            status: answer.statusCode ?? 0,
            violations: typeof raw === "string" ? (JSON.parse(raw) as unknown[]) : [],
            headers: req.headers,
            body: body.toString("utf8"),
          });
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      out.on("error", (error) => {
        res.writeHead(502).end(String(error));
      });
      out.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    passed,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

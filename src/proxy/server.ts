/**
 * The drift proxy: a Node HTTP server that passes every request to the target and every answer back unchanged
 * (forward.ts), then checks the exchange against the description and adds what it finds to the report
 * (inspect.ts). It never follows a redirect; a target that hangs, resets or redirects gets the client a 502/504 in
 * the API's error object, and the proxy stays up.
 * @example
 * const proxy = await serveProxy({ spec: loadBundledSpec(), target: new URL("https://test.stytch.com") });
 * // point a client at proxy.url; proxy.report.markdown() says what drifted
 */
import { createServer, type Server } from "node:http";
import type { OpenApiDocument } from "../drift/router.js";
import { createRouter } from "../drift/router.js";
import { answerClientErrors, listen } from "../node/http-server.js";
import { createForwarder, proxyError } from "./forward.js";
import { createInspector, type RecordedExchange } from "./inspect.js";
import { createRedactor, type Redactor } from "./redact.js";
import { createReport, type Report } from "./report.js";

export type { RecordedExchange } from "./inspect.js";

/** Settings of `serveProxy`. */
export interface ProxyOptions {
  spec: OpenApiDocument;
  target: URL;
  host?: string;
  port?: number;
  /** Longest wait for the target's answer head, and for each pause in its body (default 30 s). */
  timeoutMs?: number;
  /** Largest body (either direction) copied for checking; larger ones pass through unchecked (default 1 MiB). */
  bufferBytes?: number;
  redactor?: Redactor;
  /** Called once per checked exchange, after the report was updated, with the redacted exchange. */
  onExchange?: (exchange: RecordedExchange) => void;
  /** Called after each exchange with one line for people (redacted). */
  log?: (line: string) => void;
}

/** A proxy listening on a port, with its report so far. */
export interface RunningProxy {
  url: string;
  server: Server;
  report: Report;
  redactor: Redactor;
  close(): Promise<void>;
}

/**
 * Serves a drift proxy in front of `target` on `host:port` (port 0: any free port); resolves once it listens.
 * @example
 * const proxy = await serveProxy({ spec, target: new URL("http://127.0.0.1:4010"), port: 0 });
 */
export async function serveProxy(options: ProxyOptions): Promise<RunningProxy> {
  const { target } = options;
  const cap = options.bufferBytes ?? 1024 * 1024;
  const redactor = options.redactor ?? createRedactor();
  const report = createReport(target.origin);
  const router = createRouter(options.spec);
  const inspect = createInspector({
    spec: options.spec,
    router,
    report,
    redactor,
    cap,
    log: options.log,
    onExchange: options.onExchange,
  });
  const forwarder = createForwarder({
    target,
    timeoutMs: options.timeoutMs ?? 30_000,
    cap,
    router,
    inspect,
    log: options.log,
  });

  const server = createServer({ requestTimeout: 0, headersTimeout: 20_000 }, forwarder.handle);
  answerClientErrors(server, () => proxyError(400, "invalid_argument", "The request is not valid HTTP."));
  const url = await listen(server, options.host ?? "127.0.0.1", options.port ?? 0);
  return {
    url,
    server,
    report,
    redactor,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        forwarder.destroy();
      }),
  };
}

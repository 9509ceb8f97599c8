/**
 * The drift proxy: a Node HTTP server that passes every request to the target and every answer back unchanged
 * (bodies streamed; a bounded copy kept), then checks the exchange against the description and adds what it finds
 * to the report. It never follows a redirect; a target that hangs, resets or redirects gets the client a 502/504 in
 * the API's error object, and the proxy stays up.
 * @example
 * const proxy = await serveProxy({ spec: loadBundledSpec(), target: new URL("https://test.stytch.com") });
 * // point a client at proxy.url; proxy.report.markdown() says what drifted
 */
import { createServer, request as httpRequest, Agent as HttpAgent, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { request as httpsRequest, Agent as HttpsAgent } from "node:https";
import type { Socket } from "node:net";
import { brotliDecompressSync, gunzipSync, inflateSync } from "node:zlib";
import type { OpenApiDocument } from "../drift/router.js";
import { createRouter } from "../drift/router.js";
import { answerClientErrors, listen } from "../node/http-server.js";
import { createExchangeCheck } from "./check.js";
import { createRedactor, type Redactor } from "./redact.js";
import { createReport, type Report } from "./report.js";

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

/** One exchange as the record keeps it: redacted. */
export interface RecordedExchange {
  operationId?: string;
  method: string;
  /** The concrete path and query, redacted. */
  url: string;
  request: { headers: Record<string, string>; body?: unknown };
  response: { status: number; headers: Record<string, string>; body?: unknown };
  findings: number;
}

export interface RunningProxy {
  url: string;
  server: Server;
  report: Report;
  redactor: Redactor;
  close(): Promise<void>;
}

/** RFC 9110 §7.6.1: hop-by-hop headers, never forwarded; plus the ones Connection names. */
const HOP_BY_HOP = new Set(["connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade"]);

export async function serveProxy(options: ProxyOptions): Promise<RunningProxy> {
  const { target } = options;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const cap = options.bufferBytes ?? 1024 * 1024;
  const redactor = options.redactor ?? createRedactor();
  const report = createReport(target.origin);
  const check = createExchangeCheck(options.spec);
  const router = createRouter(options.spec);
  const secure = target.protocol === "https:";
  const agent = secure ? new HttpsAgent({ keepAlive: true }) : new HttpAgent({ keepAlive: true });
  const send = secure ? httpsRequest : httpRequest;
  const prefix = target.pathname.replace(/\/+$/, "");

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const url = req.url ?? "/";
    const method = req.method ?? "GET";
    if (!url.startsWith("/")) return fail(res, 400, "invalid_argument", "The request target must be a path starting with /: this proxy forwards only to its --target.");
    const requestCopy = tap(req, cap);
    const upstream = send({ protocol: target.protocol, hostname: target.hostname, port: target.port, method, path: prefix + url, headers: forwardHeaders(req.headers, target.host), agent });
    let done = false;
    const timer = setTimeout(() => upstream.destroy(Object.assign(new Error("timeout"), { code: "PROXY_TIMEOUT" })), timeoutMs);
    res.once("close", () => {
      clearTimeout(timer);
      if (!res.writableFinished) upstream.destroy();
    });
    upstream.on("error", (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      if (done) return;
      done = true;
      if (res.headersSent) return void res.destroy();
      if (error.code === "PROXY_TIMEOUT") fail(res, 504, "upstream_timeout", `The target ${target.origin} did not answer within ${timeoutMs} ms.`);
      else fail(res, 502, "upstream_unreachable", `The target ${target.origin} could not be reached or dropped the connection (${error.code ?? "error"}).`);
      options.log?.(`${method} ${shown(router, method, url)} -> ${res.statusCode} (proxy: ${error.code ?? "error"})`);
    });
    // A 101 with Upgrade is handed to this listener, not to "response": without one the client would wait forever.
    upstream.on("upgrade", (answer: IncomingMessage, socket: Socket) => {
      socket.destroy();
      done = true;
      clearTimeout(timer);
      fail(res, 502, "upstream_invalid", `The target ${target.origin} answered with status ${answer.statusCode ?? 101}, not a final HTTP status.`);
    });
    upstream.on("response", (answer) => {
      const status = answer.statusCode ?? 502;
      if (status >= 300 && status < 400) {
        done = true;
        clearTimeout(timer);
        answer.resume();
        upstream.destroy();
        fail(res, 502, "upstream_redirect", `The target ${target.origin} answered ${status} (a redirect); the proxy does not follow redirects: point --target at the API itself.`);
        return;
      }
      if (status < 200 || status > 599) {
        // Not a final HTTP status (`099` would make writeHead throw and end the process).
        done = true;
        clearTimeout(timer);
        upstream.destroy();
        fail(res, 502, "upstream_invalid", `The target ${target.origin} answered with status ${status}, not a final HTTP status.`);
        return;
      }
      timer.refresh();
      res.writeHead(status, answer.statusMessage, withoutHopByHop(answer.headers));
      const responseCopy = tap(answer, cap);
      answer.on("data", () => timer.refresh());
      answer.pipe(res);
      answer.once("end", () => {
        clearTimeout(timer);
        done = true;
        setImmediate(() => inspect({ method, url, req, answer, status, requestCopy: requestCopy(), responseCopy: responseCopy() }));
      });
      answer.once("error", () => res.destroy());
    });
    req.pipe(upstream);
    req.once("error", () => upstream.destroy());
  };

  const inspect = (x: { method: string; url: string; req: IncomingMessage; answer: IncomingMessage; status: number; requestCopy: Buffer | undefined; responseCopy: Buffer | undefined }) => {
    const segments = segmentsOf(x.url);
    const op = segments && router.route(x.method, segments);
    const requestHeaders = flat(x.req.headers);
    const responseHeaders = flat(x.answer.headers);
    const requestBody = parse(x.requestCopy);
    const responseText = x.responseCopy && decode(x.responseCopy, responseHeaders["content-encoding"], cap * 8);
    const responseBody = parse(responseText);
    const checked = op !== undefined && x.requestCopy !== undefined && responseText !== undefined;
    report.saw(op !== undefined, checked);
    let count = 0;
    if (op && checked) {
      const query = new URLSearchParams(x.url.includes("?") ? x.url.slice(x.url.indexOf("?") + 1) : "");
      const found = check({ op, query, requestHeaders, requestBody: requestBody.value, status: x.status, responseHeaders, responseBody: responseBody.value, responseNotJson: responseBody.notJson });
      const requestId = typeof (responseBody.value as { request_id?: unknown } | undefined)?.request_id === "string" ? (responseBody.value as { request_id: string }).request_id : undefined;
      const place = { operationId: op.operationId, method: op.method, path: op.path };
      for (const [direction, list] of [["request", found.request], ["response", found.response]] as const) {
        for (const drift of list) {
          count++;
          const key = drift.pointer.split("/").filter((p) => !/^\d+$/.test(p)).at(-1);
          report.add({ ...place, direction }, drift, { status: x.status, request_id: requestId, pointer: drift.pointer, ...(drift.value !== undefined ? { value: redactor.json(drift.value, key) } : {}) });
        }
      }
    }
    options.log?.(`${x.method} ${op?.path ?? shown(router, x.method, x.url)} -> ${x.status}${op ? "" : " (outside the description)"}${count > 0 ? ` drift: ${count}` : ""}`);
    options.onExchange?.({
      operationId: op?.operationId,
      method: x.method,
      url: redactor.text(x.url),
      request: { headers: redactor.headers(requestHeaders), ...(requestBody.value !== undefined ? { body: redactor.json(requestBody.value) } : {}) },
      response: { status: x.status, headers: redactor.headers(responseHeaders), ...(responseBody.value !== undefined ? { body: redactor.json(responseBody.value) } : {}) },
      findings: count,
    });
  };

  const server = createServer({ requestTimeout: 0, headersTimeout: 20_000 }, handle);
  answerClientErrors(server, () => errorBody(400, "invalid_argument", "The request is not valid HTTP."));
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
        agent.destroy();
      }),
  };
}

/** The incoming headers for the target: hop-by-hop ones (and those Connection names) dropped, Host the target's. */
function forwardHeaders(headers: IncomingHttpHeaders, host: string): Record<string, string | string[]> {
  return { ...withoutHopByHop(headers), host };
}

function withoutHopByHop(headers: IncomingHttpHeaders): Record<string, string | string[]> {
  const named = new Set(String(headers.connection ?? "").toLowerCase().split(",").map((s) => s.trim()));
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || HOP_BY_HOP.has(name) || named.has(name) || name === "host") continue;
    out[name] = value;
  }
  return out;
}

/** Keeps a copy of a stream's bytes up to `cap`; the getter gives undefined when it went over. */
function tap(stream: IncomingMessage, cap: number): () => Buffer | undefined {
  const chunks: Buffer[] = [];
  let size = 0;
  stream.on("data", (chunk: Buffer) => {
    size += chunk.length;
    if (size <= cap) chunks.push(chunk);
    else chunks.length = 0;
  });
  return () => (size <= cap ? Buffer.concat(chunks) : undefined);
}

function decode(bytes: Buffer, encoding: string | undefined, max: number): string | undefined {
  try {
    const e = (encoding ?? "").trim().toLowerCase();
    const raw = e === "gzip" || e === "x-gzip" ? gunzipSync(bytes, { maxOutputLength: max }) : e === "deflate" ? inflateSync(bytes, { maxOutputLength: max }) : e === "br" ? brotliDecompressSync(bytes, { maxOutputLength: max }) : e === "" || e === "identity" ? bytes : undefined;
    return raw?.toString("utf8");
  } catch {
    return undefined;
  }
}

function parse(text: Buffer | string | undefined): { value: unknown; notJson: boolean } {
  const s = text === undefined ? "" : text.toString();
  if (s.trim() === "") return { value: undefined, notJson: false };
  try {
    return { value: JSON.parse(s), notJson: false };
  } catch {
    return { value: undefined, notJson: true };
  }
}

function flat(headers: IncomingHttpHeaders): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(headers)) out[name] = Array.isArray(value) ? value.join(", ") : value;
  return out;
}

/** Path segments, each decoded once; undefined for a malformed escape (the exchange still passes through). */
function segmentsOf(url: string): string[] | undefined {
  const path = url.split("?")[0]!;
  try {
    return path.slice(1).split("/").map((s) => decodeURIComponent(s));
  } catch {
    return undefined;
  }
}

/** The template of a routed path, or the first segments of an unrouted one (never ids, tokens or queries). */
function shown(router: ReturnType<typeof createRouter>, method: string, url: string): string {
  const segments = segmentsOf(url);
  const op = segments && router.route(method, segments);
  if (op) return op.path;
  const first = url.split("/")[1] ?? "";
  return /^v\d+$/.test(first) ? `/${first}/…` : "/…";
}

function errorBody(status: number, errorType: string, message: string) {
  return { status_code: status, request_id: `request-id-proxy-${Date.now().toString(36)}`, error_type: errorType, error_message: message, error_url: `https://stytch.com/docs/api/errors/${status}` };
}

function fail(res: ServerResponse, status: number, errorType: string, message: string): void {
  if (res.headersSent) return void res.destroy();
  const body = JSON.stringify(errorBody(status, errorType, message));
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(body), "x-stytch-openapi-proxy": "refused" }).end(body);
}

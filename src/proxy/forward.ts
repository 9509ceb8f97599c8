/**
 * Passing one request to the target and its answer back unchanged (bodies streamed, a bounded copy kept for the
 * inspector). Never a redirect followed: a target that hangs, resets, redirects or answers something that is not a
 * final HTTP status gets the client a 502/504 in the API's error object, and the proxy stays up.
 * @example
 * const forwarder = createForwarder({ target, timeoutMs: 30_000, cap: 1 << 20, router, inspect });
 * createServer(forwarder.handle); // … on close: forwarder.destroy();
 */
import { request as httpRequest, Agent as HttpAgent, type IncomingMessage, type ServerResponse } from "node:http";
import { request as httpsRequest, Agent as HttpsAgent } from "node:https";
import type { Socket } from "node:net";
import type { Router } from "../drift/router.js";
import { FakeError } from "../fake/context.js";
import { shown, type Exchange } from "./inspect.js";
import { forwardHeaders, tap, withoutHopByHop } from "./wire.js";

/** What a forwarder needs: where to, how long to wait, how much to copy, and who inspects the exchange. */
export interface ForwarderOptions {
  target: URL;
  /** Longest wait for the target's answer head, and for each pause in its body. */
  timeoutMs: number;
  /** Largest body (either direction) copied for checking. */
  cap: number;
  router: Router;
  /** Called on a later turn of the event loop once an answer has been passed on in full. */
  inspect: (exchange: Exchange) => void;
  log?: (line: string) => void;
}

/**
 * The forwarding handler of a proxy, and `destroy` to end its connections to the target.
 * @example
 * const { handle, destroy } = createForwarder(options);
 */
export function createForwarder(options: ForwarderOptions): {
  handle(req: IncomingMessage, res: ServerResponse): void;
  destroy(): void;
} {
  const { target, timeoutMs, cap, router } = options;
  const secure = target.protocol === "https:";
  const agent = secure ? new HttpsAgent({ keepAlive: true }) : new HttpAgent({ keepAlive: true });
  const send = secure ? httpsRequest : httpRequest;
  const prefix = target.pathname.replace(/\/+$/, "");

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const url = req.url ?? "/";
    const method = req.method ?? "GET";
    if (!url.startsWith("/"))
      return fail(
        res,
        400,
        "invalid_argument",
        "The request target must be a path starting with /: this proxy forwards only to its --target.",
      );
    const requestCopy = tap(req, cap);
    const upstream = send({
      protocol: target.protocol,
      hostname: target.hostname,
      port: target.port,
      method,
      path: prefix + url,
      headers: forwardHeaders(req.headers, target.host),
      agent,
    });
    let done = false;
    const timer = setTimeout(
      () => upstream.destroy(Object.assign(new Error("timeout"), { code: "PROXY_TIMEOUT" })),
      timeoutMs,
    );
    res.once("close", () => {
      clearTimeout(timer);
      if (!res.writableFinished) upstream.destroy();
    });
    upstream.on("error", (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      if (done) return;
      done = true;
      if (res.headersSent) return void res.destroy();
      if (error.code === "PROXY_TIMEOUT")
        fail(res, 504, "upstream_timeout", `The target ${target.origin} did not answer within ${timeoutMs} ms.`);
      else
        fail(
          res,
          502,
          "upstream_unreachable",
          `The target ${target.origin} could not be reached or dropped the connection (${error.code ?? "error"}).`,
        );
      options.log?.(`${method} ${shown(router, method, url)} -> ${res.statusCode} (proxy: ${error.code ?? "error"})`);
    });
    // A 101 with Upgrade is handed to this listener, not to "response": without one the client would wait forever.
    upstream.on("upgrade", (answer: IncomingMessage, socket: Socket) => {
      socket.destroy();
      done = true;
      clearTimeout(timer);
      fail(
        res,
        502,
        "upstream_invalid",
        `The target ${target.origin} answered with status ${answer.statusCode ?? 101}, not a final HTTP status.`,
      );
    });
    upstream.on("response", (answer) => {
      const status = answer.statusCode ?? 502;
      if (status >= 300 && status < 400) {
        done = true;
        clearTimeout(timer);
        answer.resume();
        upstream.destroy();
        fail(
          res,
          502,
          "upstream_redirect",
          `The target ${target.origin} answered ${status} (a redirect); the proxy does not follow redirects: point --target at the API itself.`,
        );
        return;
      }
      if (status < 200 || status > 599) {
        // Not a final HTTP status (`099` would make writeHead throw and end the process).
        done = true;
        clearTimeout(timer);
        upstream.destroy();
        fail(
          res,
          502,
          "upstream_invalid",
          `The target ${target.origin} answered with status ${status}, not a final HTTP status.`,
        );
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
        setImmediate(() =>
          options.inspect({
            method,
            url,
            req,
            answer,
            status,
            requestCopy: requestCopy(),
            responseCopy: responseCopy(),
          }),
        );
      });
      answer.once("error", () => res.destroy());
    });
    req.pipe(upstream);
    req.once("error", () => upstream.destroy());
  };

  return { handle, destroy: () => agent.destroy() };
}

/**
 * The proxy's own error object: the fake's builder, with a request id that says the proxy answered, not the API.
 * @example
 * proxyError(502, "upstream_unreachable", "The target could not be reached.");
 */
export function proxyError(status: number, errorType: string, message: string): object {
  return new FakeError(status, errorType, message).body(`request-id-proxy-${Date.now().toString(36)}`);
}

/** Answers the client with the proxy's error (marked `x-stytch-openapi-proxy: refused`), or drops a started answer. */
function fail(res: ServerResponse, status: number, errorType: string, message: string): void {
  if (res.headersSent) return void res.destroy();
  const body = JSON.stringify(proxyError(status, errorType, message));
  res
    .writeHead(status, {
      "content-type": "application/json",
      "content-length": Buffer.byteLength(body),
      "x-stytch-openapi-proxy": "refused",
    })
    .end(body);
}

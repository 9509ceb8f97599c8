/**
 * What the drift proxy does with an exchange once the answer is out: routes it, checks it against the description,
 * adds the drift to the report (values redacted), prints one line and hands the redacted exchange to the record.
 * @example
 * const inspect = createInspector({ spec, router, report, redactor, cap, log: console.error });
 * answer.once("end", () => setImmediate(() => inspect(exchange)));
 */
import type { IncomingMessage } from "node:http";
import type { OpenApiDocument, Router } from "../drift/router.js";
import { flatHeaders } from "../node/http-server.js";
import { createExchangeCheck } from "./check.js";
import type { Redactor } from "./redact.js";
import type { Report } from "./report.js";
import { decode, parseJson, segmentsOf } from "./wire.js";

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

/** An exchange that passed through: the messages and the bounded copies of their bodies (undefined: over the cap). */
export interface Exchange {
  method: string;
  url: string;
  req: IncomingMessage;
  answer: IncomingMessage;
  status: number;
  requestCopy: Buffer | undefined;
  responseCopy: Buffer | undefined;
}

/** What an inspector needs: the description, where findings go, and how values are redacted. */
export interface InspectorOptions {
  spec: OpenApiDocument;
  router: Router;
  report: Report;
  redactor: Redactor;
  /** The largest body copied; a compressed answer may inflate to eight times as much. */
  cap: number;
  log?: (line: string) => void;
  onExchange?: (exchange: RecordedExchange) => void;
}

/**
 * The inspector of a proxy: call it once per exchange that passed through.
 * @example
 * const inspect = createInspector({ spec, router: createRouter(spec), report, redactor: createRedactor(), cap: 1 << 20 });
 */
export function createInspector(options: InspectorOptions): (exchange: Exchange) => void {
  const { router, report, redactor, cap } = options;
  const check = createExchangeCheck(options.spec);
  return (x) => {
    const segments = segmentsOf(x.url);
    const op = segments && router.route(x.method, segments);
    const requestHeaders = flatHeaders(x.req.headers);
    const responseHeaders = flatHeaders(x.answer.headers);
    const requestBody = parseJson(x.requestCopy);
    const responseText = x.responseCopy && decode(x.responseCopy, responseHeaders["content-encoding"], cap * 8);
    const responseBody = parseJson(responseText);
    const checked = op !== undefined && x.requestCopy !== undefined && responseText !== undefined;
    report.saw(op !== undefined, checked);
    let count = 0;
    if (op && checked) {
      const query = new URLSearchParams(x.url.includes("?") ? x.url.slice(x.url.indexOf("?") + 1) : "");
      const found = check({
        op,
        query,
        requestHeaders,
        requestBody: requestBody.value,
        status: x.status,
        responseHeaders,
        responseBody: responseBody.value,
        responseNotJson: responseBody.notJson,
      });
      const requestId =
        typeof (responseBody.value as { request_id?: unknown } | undefined)?.request_id === "string"
          ? (responseBody.value as { request_id: string }).request_id
          : undefined;
      const place = { operationId: op.operationId, method: op.method, path: op.path };
      for (const [direction, list] of [
        ["request", found.request],
        ["response", found.response],
      ] as const) {
        for (const drift of list) {
          count++;
          const key = drift.pointer
            .split("/")
            .filter((p) => !/^\d+$/.test(p))
            .at(-1);
          report.add({ ...place, direction }, drift, {
            status: x.status,
            request_id: requestId,
            pointer: drift.pointer,
            ...(drift.value !== undefined ? { value: redactor.json(drift.value, key) } : {}),
          });
        }
      }
    }
    options.log?.(
      `${x.method} ${op?.path ?? shown(router, x.method, x.url)} -> ${x.status}${op ? "" : " (outside the description)"}${count > 0 ? ` drift: ${count}` : ""}`,
    );
    options.onExchange?.({
      operationId: op?.operationId,
      method: x.method,
      url: redactor.text(x.url),
      request: {
        headers: redactor.headers(requestHeaders),
        ...(requestBody.value !== undefined ? { body: redactor.json(requestBody.value) } : {}),
      },
      response: {
        status: x.status,
        headers: redactor.headers(responseHeaders),
        ...(responseBody.value !== undefined ? { body: redactor.json(responseBody.value) } : {}),
      },
      findings: count,
    });
  };
}

/**
 * The template of a routed path, or the first segments of an unrouted one (never ids, tokens or queries).
 * @example
 * shown(router, "GET", req.url); // the operation's template, or "/v2/…", or "/…"
 */
export function shown(router: Router, method: string, url: string): string {
  const segments = segmentsOf(url);
  const op = segments && router.route(method, segments);
  if (op) return op.path;
  const first = url.split("/")[1] ?? "";
  return /^v\d+$/.test(first) ? `/${first}/…` : "/…";
}

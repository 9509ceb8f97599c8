/**
 * One exchange against the description: the request with the emulator's validator (every violation), the answer
 * with its response schema (the same validator), the fields it does not name, its status, error type and headers.
 * @example
 * const check = createExchangeCheck(spec);
 * const { request, response } = check(exchange);
 */
import { answerDrift, jsonSchemaOf, describedResponse, unknownFields, type Drift } from "../drift/findings.js";
import { createRouter, type OpenApiDocument, type RoutedOperation } from "../drift/router.js";
import { createValidator, type Violation } from "stytch-openapi/emulator";

/** What the proxy saw of one exchange (bodies parsed; `undefined` when absent, not JSON, or over the limit). */
export interface Seen {
  op: RoutedOperation;
  query: URLSearchParams;
  requestHeaders: Record<string, string | undefined>;
  requestBody: unknown;
  status: number;
  responseHeaders: Record<string, string | undefined>;
  responseBody: unknown;
  /** The answer had a body that is not JSON. */
  responseNotJson: boolean;
}

export type ExchangeCheck = (seen: Seen) => { request: Drift[]; response: Drift[] };

export function createExchangeCheck(spec: OpenApiDocument) {
  const validator = createValidator(spec, { allErrors: true });
  const router = createRouter(spec);
  const check: ExchangeCheck = (seen) => {
    const { op } = seen;
    const entry = router.entry(op.operationId)!;
    const request = validator
      .requestViolations(op, {
        params: op.params,
        query: seen.query,
        headers: seen.requestHeaders,
        body: seen.requestBody,
      })
      .map((v) =>
        fromViolation(v, {
          path: op.params,
          query: Object.fromEntries(seen.query),
          headers: seen.requestHeaders,
          body: seen.requestBody,
        }),
      );
    const answer = answerDrift(spec, entry, seen.status, (name) => seen.responseHeaders[name], seen.responseBody);
    if (answer.some((d) => d.kind === "undescribed_status")) return { request, response: answer };
    const schema = jsonSchemaOf(describedResponse(spec, entry, seen.status).response);
    if (schema === undefined) return { request, response: answer };
    if (seen.responseNotJson)
      return { request, response: [...answer, { kind: "not_json", pointer: "/body", message: "is not JSON" }] };
    const response = [
      ...answer,
      ...validator
        .checkResponse(op, seen.status, seen.responseBody)
        .filter((v) => v.kind !== "undescribed_status")
        .map((v) => fromViolation(v, { body: seen.responseBody })),
      ...unknownFields(spec, schema, seen.responseBody, ["body"]),
    ];
    return { request, response };
  };
  return check;
}

/** A violation as drift: `body.name.first_name` → `/body/name/first_name`, with the value found there. */
function fromViolation(v: Violation, parts: Record<string, unknown>): Drift {
  const [part = "body"] = v.location.split(".");
  const where = part === "header" ? "headers" : part;
  const pointer = `/${where}${v.pointer ?? ""}`;
  return {
    kind: v.kind ?? "wrong_type_or_format",
    pointer,
    message: v.message,
    value:
      v.kind === "missing_required_field"
        ? undefined
        : at(parts[where === "headers" ? "headers" : part], v.pointer ?? ""),
  };
}

function at(value: unknown, pointer: string): unknown {
  let node = value;
  for (const raw of pointer.split("/").slice(1)) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[raw.replace(/~1/g, "/").replace(/~0/g, "~")];
  }
  return node;
}

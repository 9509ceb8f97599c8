/**
 * `stytch-openapi/validate`: opt-in checks of each answer against the description, for a service that wants to learn
 * of a change in Stytch's API before its users do. Wraps the `fetch` the client is given; off unless used, and
 * nothing of it is in the client's bundle. Runtime-neutral (Node, Bun, Deno, workerd, browsers): it uses
 * @cfworker/json-schema, which interprets schemas, because Ajv compiles them with `new Function`, which workerd and
 * strict CSPs forbid. Drift reports carry kinds and JSON pointers, never values (they are your users' data).
 * @example
 * import spec from "stytch-openapi/openapi.json" with { type: "json" };
 * import { withValidation } from "stytch-openapi/validate";
 * const stytch = createStytchClient({ projectId, secret, fetch: withValidation(fetch, { spec, mode: "warn", onDrift: (d) => metrics.drift(d) }) });
 */
import { dereference, validate, type OutputUnit, type Schema } from "@cfworker/json-schema";
import {
  answerDrift,
  describedResponse,
  jsonSchemaOf,
  kindOf,
  unknownFields,
  type Drift,
  type DriftKind,
} from "../drift/findings.js";
import { createRouter, type OpenApiDocument } from "../drift/router.js";

export type { Drift, DriftKind, OpenApiDocument };

/** One answer that drifted from the description. */
export interface DriftReport {
  operationId: string;
  method: string;
  /** The path template (never the concrete URL). */
  path: string;
  status: number;
  /** Kind, JSON pointer and message of each finding; no values. */
  drift: Omit<Drift, "value">[];
}

export interface ValidationOptions {
  /** The bundled description (`stytch-openapi/openapi.json`). */
  spec: OpenApiDocument;
  /** `off`: the fetch as given. `warn` (default): report. `throw`: report, then reject with a `StytchDriftError`. */
  mode?: "off" | "warn" | "throw";
  /** Called for each answer that drifted; without it, `warn` writes one line with console.warn. */
  onDrift?: (report: DriftReport) => void;
  /** Share of answers checked, 0 to 1 (default 1). */
  sample?: number;
}

/** A `fetch`-shaped function: `(url, init) => Promise<Response>`. */
export type FetchFn = (input: string, init?: RequestInit) => Promise<Response>;

/** Thrown in `throw` mode: the answer does not match the description. */
export class StytchDriftError extends Error {
  override name = "StytchDriftError";
  constructor(readonly report: DriftReport) {
    super(
      `${report.operationId} answered ${report.status} with drift from the description: ${report.drift.map((d) => `${d.kind} ${d.pointer}`).join(", ")}`,
    );
  }
}

const SPEC_ID = "https://stytch-openapi.local/openapi.json";

/** Wraps `fetch` so that each answer is checked against the description (see the module's example). */
export function withValidation(fetch: FetchFn, options: ValidationOptions): FetchFn {
  const mode = options.mode ?? "warn";
  if (mode === "off") return fetch;
  const check = createAnswerCheck(options.spec);
  const sample = options.sample ?? 1;
  return async (input, init) => {
    const response = await fetch(input, init);
    if (sample < 1 && Math.random() >= sample) return response;
    const report = await check(init?.method ?? "GET", input, response.clone());
    if (!report) return response;
    if (options.onDrift) options.onDrift(report);
    else console.warn(`stytch-openapi: ${new StytchDriftError(report).message}`);
    if (mode === "throw") throw new StytchDriftError(report);
    return response;
  };
}

/** Checks one answer; undefined when it matches (or is outside the description). */
export function createAnswerCheck(
  spec: OpenApiDocument,
): (method: string, url: string, response: Response) => Promise<DriftReport | undefined> {
  const router = createRouter(spec);
  const lookup = dereference({ ...spec, $id: SPEC_ID } as unknown as Schema);
  return async (method, url, response) => {
    const path = new URL(url, "http://base.invalid").pathname;
    let segments: string[];
    try {
      segments = path
        .slice(1)
        .split("/")
        .map((s) => decodeURIComponent(s));
    } catch {
      return undefined;
    }
    const op = router.route(method.toUpperCase(), segments);
    if (!op) return undefined;
    const entry = router.entry(op.operationId)!;
    const text = await response.text();
    let body: unknown;
    let notJson = false;
    try {
      body = text === "" ? undefined : JSON.parse(text);
    } catch {
      notJson = true;
    }
    const drift: Drift[] = answerDrift(spec, entry, response.status, (name) => response.headers.get(name), body);
    const schema = jsonSchemaOf(describedResponse(spec, entry, response.status).response);
    if (!drift.some((d) => d.kind === "undescribed_status") && schema !== undefined) {
      if (notJson) drift.push({ kind: "not_json", pointer: "/body", message: "is not JSON" });
      else {
        const rooted = JSON.parse(JSON.stringify(schema).replace(/"\$ref":"#\//g, `"$ref":"${SPEC_ID}#/`)) as Schema;
        drift.push(
          ...leafErrors(validate(body, rooted, "2020-12", lookup, false).errors),
          ...unknownFields(spec, schema, body, ["body"]),
        );
      }
    }
    if (drift.length === 0) return undefined;
    return {
      operationId: op.operationId,
      method: op.method,
      path: op.path,
      status: response.status,
      drift: drift.map(({ value: _v, ...d }) => d),
    };
  };
}

const WRAPPERS = new Set([
  "$ref",
  "allOf",
  "properties",
  "items",
  "prefixItems",
  "additionalProperties",
  "unevaluatedProperties",
  "if",
  "then",
  "else",
  "dependentSchemas",
  "contains",
  "$dynamicRef",
  "propertyNames",
]);

/** The validator's errors that say what is wrong (not the ones that say a subschema had errors). */
function leafErrors(errors: OutputUnit[]): Drift[] {
  const unions = errors
    .filter((e) => e.keyword === "oneOf" || e.keyword === "anyOf")
    .map((e) => `${e.keywordLocation}/`);
  return errors
    .filter((e) => !WRAPPERS.has(e.keyword))
    .filter((e) => !unions.some((u) => e.keywordLocation.startsWith(u)))
    .map((e) => {
      const at = e.instanceLocation.replace(/^#/, "");
      const missing = e.keyword === "required" ? /"([^"]+)"/.exec(e.error)?.[1] : undefined;
      const pointer = `/body${at}${missing ? `/${missing.replace(/~/g, "~0").replace(/\//g, "~1")}` : ""}`;
      return { kind: kindOf(e.keyword) as DriftKind, pointer, message: missing ? "is required" : e.error };
    });
}

/**
 * Request and response validation against the bundled OpenAPI 3.1 description, in-process, with Ajv (JSON Schema
 * 2020-12, the dialect the spec declares) and ajv-formats. Each operation's validators are compiled on first use,
 * so a server is ready in milliseconds and pays ~10 ms once per operation it is asked for.
 * @example
 * const validator = createValidator(spec);
 * const op = validator.route("GET", ["v1", "users", "user-test-1"]);
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

/** The parts of an OpenAPI document the validator reads. */
export interface OpenApiDocument {
  paths: Record<string, Record<string, unknown>>;
  components?: Record<string, unknown>;
}

interface Parameter {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required?: boolean;
  schema?: object;
}

interface Operation {
  operationId: string;
  parameters?: (Parameter | { $ref: string })[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: object }> } | { $ref: string };
  responses: Record<string, unknown>;
}

/** One operation of the spec, as a request was routed to it. */
export interface RoutedOperation {
  operationId: string;
  method: string;
  /** The path template, e.g. `/v1/users/{user_id}`. */
  path: string;
  /** Path parameters, decoded. */
  params: Record<string, string>;
}

/** What is checked of a request: its decoded path ids, query, headers (lower-case names) and parsed JSON body. */
export interface RequestParts {
  params: Record<string, string>;
  query: URLSearchParams;
  headers: Record<string, string | undefined>;
  /** `undefined` when the request had no body. */
  body: unknown;
}

/** A violation of the spec: where (`path.user_id`, `body.email`, `query.limit`) and what. */
export interface Violation {
  location: string;
  message: string;
}

export interface Validator {
  /** The operation of a method and decoded path segments (`["v1", "users", "u-1"]`), or undefined. */
  route(method: string, segments: string[]): RoutedOperation | undefined;
  /** The first violation of the request, or undefined when the spec accepts it. */
  checkRequest(op: RoutedOperation, request: RequestParts): Violation | undefined;
  /** Every violation of an answer against the operation's response of that status (an undescribed status is one). */
  checkResponse(op: RoutedOperation, status: number, body: unknown): Violation[];
  /** Every operation of the spec: id, method and path template. */
  readonly operations: readonly { operationId: string; method: string; path: string }[];
}

const METHODS = ["get", "put", "post", "delete", "patch"];
const SPEC_ID = "https://stytch-openapi.local/openapi.json";

interface Compiled {
  params: ValidateFunction;
  body?: { required: boolean; validate: ValidateFunction };
  responses: Map<string, ValidateFunction | null>;
}

interface Entry {
  operationId: string;
  method: string;
  path: string;
  segments: string[];
  literals: number;
  operation: Operation;
  pathItem: Record<string, unknown>;
  compiled?: Compiled;
}

/** Builds a validator over an OpenAPI 3.1 document (the bundled spec, `dist/openapi.json`). */
export function createValidator(spec: OpenApiDocument): Validator {
  // strict: false because the spec carries OpenAPI keywords Ajv does not know (`example`, `x-…`, `deprecated` in
  // places); allErrors: false, the first violation is what the API names in its error.
  const bodies = new Ajv2020({ strict: false, allErrors: false, validateFormats: true });
  // Parameters arrive as strings: coerce them as OpenAPI's `form`/`simple` styles do (`true` → true, `10` → 10).
  const params = new Ajv2020({ strict: false, allErrors: false, coerceTypes: true, validateFormats: true });
  const responses = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  for (const ajv of [bodies, params, responses]) {
    addFormats.default(ajv);
    ajv.addSchema({ ...spec, $id: SPEC_ID } as object);
  }

  const entries: Entry[] = [];
  for (const [path, pathItem] of Object.entries(spec.paths)) {
    for (const method of METHODS) {
      const operation = pathItem[method] as Operation | undefined;
      if (!operation) continue;
      const segments = path.split("/").slice(1);
      entries.push({
        operationId: operation.operationId,
        method: method.toUpperCase(),
        path,
        segments,
        literals: segments.filter((s) => !s.startsWith("{")).length,
        operation,
        pathItem,
      });
    }
  }
  // Literal segments win over ids: `/v1/users/totps/{totp_id}` before `/v1/users/{user_id}/external_id`.
  entries.sort((a, b) => b.literals - a.literals);
  const byId = new Map(entries.map((e) => [e.operationId, e]));

  const resolve = <T>(value: T | { $ref: string }): T => {
    if (!value || typeof value !== "object" || !("$ref" in value)) return value as T;
    let node: unknown = spec;
    for (const part of value.$ref.replace(/^#\//, "").split("/")) node = (node as Record<string, unknown>)[part.replace(/~1/g, "/").replace(/~0/g, "~")];
    return node as T;
  };
  const ref = (schema: object) => JSON.parse(JSON.stringify(schema).replace(/"\$ref":"#\//g, `"$ref":"${SPEC_ID}#/`));

  const compile = (entry: Entry): Compiled => {
    if (entry.compiled) return entry.compiled;
    const all = [...((entry.pathItem.parameters as Entry["operation"]["parameters"]) ?? []), ...(entry.operation.parameters ?? [])].map(
      (p) => resolve<Parameter>(p),
    );
    const group = (where: Parameter["in"]) => {
      const list = all.filter((p) => p.in === where);
      const name = (p: Parameter) => (where === "header" ? p.name.toLowerCase() : p.name);
      return {
        type: "object",
        properties: Object.fromEntries(list.map((p) => [name(p), ref(p.schema ?? {})])),
        required: list.filter((p) => p.required).map(name),
      };
    };
    const paramsSchema = {
      type: "object",
      properties: { path: group("path"), query: group("query"), header: group("header") },
    };
    const requestBody = entry.operation.requestBody && resolve(entry.operation.requestBody);
    const bodySchema = requestBody?.content?.["application/json"]?.schema;
    entry.compiled = {
      params: params.compile(paramsSchema),
      body: bodySchema ? { required: requestBody?.required === true, validate: bodies.compile(ref(bodySchema)) } : undefined,
      responses: new Map(),
    };
    return entry.compiled;
  };

  return {
    operations: entries.map(({ operationId, method, path }) => ({ operationId, method, path })),

    route(method, segments) {
      const parts = segments.length > 1 && segments[segments.length - 1] === "" ? segments.slice(0, -1) : segments;
      for (const entry of entries) {
        if (entry.method !== method || entry.segments.length !== parts.length) continue;
        const params: Record<string, string> = {};
        let ok = true;
        for (let i = 0; i < parts.length && ok; i++) {
          const segment = entry.segments[i]!;
          const part = parts[i]!;
          if (segment.startsWith("{")) {
            if (part === "") ok = false;
            else params[segment.slice(1, -1)] = part;
          } else ok = segment === part;
        }
        if (ok) return { operationId: entry.operationId, method: entry.method, path: entry.path, params };
      }
      return undefined;
    },

    checkRequest(op, request) {
      const entry = byId.get(op.operationId)!;
      const compiled = compile(entry);
      const query: Record<string, string | string[]> = {};
      for (const key of new Set(request.query.keys())) {
        const values = request.query.getAll(key);
        query[key] = values.length === 1 ? values[0]! : values;
      }
      const header: Record<string, string> = {};
      for (const [name, value] of Object.entries(request.headers)) if (value !== undefined) header[name] = value;
      if (!compiled.params(structuredClone({ path: request.params, query, header }))) {
        return violation(compiled.params.errors, "");
      }
      if (!compiled.body) return undefined;
      // A JSON `null` where the body is optional reads as no body (as Prism and Go's encoding/json, which decodes
      // `null` into a struct as a no-op, both take it).
      if (request.body === undefined || (request.body === null && !compiled.body.required)) {
        return compiled.body.required ? { location: "body", message: "a JSON body is required" } : undefined;
      }
      if (!compiled.body.validate(request.body)) return violation(compiled.body.validate.errors, "body");
      return undefined;
    },

    checkResponse(op, status, body) {
      const entry = byId.get(op.operationId)!;
      const compiled = compile(entry);
      const key = String(status);
      if (!compiled.responses.has(key)) {
        const described = entry.operation.responses[key] ?? entry.operation.responses[`${key[0]}XX`] ?? entry.operation.responses.default;
        const schema = described && resolve<{ content?: Record<string, { schema?: object }> }>(described as { $ref: string }).content?.["application/json"]?.schema;
        compiled.responses.set(key, schema ? responses.compile(ref(schema)) : null);
      }
      const validate = compiled.responses.get(key);
      if (validate === undefined || (validate === null && !entry.operation.responses[key])) {
        return [{ location: "status", message: `${status} is not a described status of ${op.operationId}` }];
      }
      if (validate === null || validate(body)) return [];
      return (validate.errors ?? []).map((e) => toViolation(e, "body"));
    },
  };
}

function violation(errors: ErrorObject[] | null | undefined, prefix: string): Violation {
  const first = errors?.[0];
  return first ? toViolation(first, prefix) : { location: prefix || "request", message: "is invalid" };
}

/** `body/name/first_name must be string` → `{ location: "body.name.first_name", message: "must be string" }`. */
function toViolation(error: ErrorObject, prefix: string): Violation {
  const pointer = error.instancePath
    .split("/")
    .slice(1)
    .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
  if (error.keyword === "required") pointer.push((error.params as { missingProperty: string }).missingProperty);
  if (error.keyword === "additionalProperties" || error.keyword === "unevaluatedProperties") {
    const extra = (error.params as { additionalProperty?: string; unevaluatedProperty?: string });
    pointer.push(extra.additionalProperty ?? extra.unevaluatedProperty ?? "");
  }
  const location = [prefix, ...pointer].filter((p) => p !== "").join(".") || "request";
  const message =
    error.keyword === "required"
      ? "is required"
      : error.keyword === "additionalProperties" || error.keyword === "unevaluatedProperties"
        ? "is not a field of this request"
        : (error.message ?? "is invalid");
  return { location, message };
}

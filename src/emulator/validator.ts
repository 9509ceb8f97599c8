/**
 * Request and response validation against the bundled OpenAPI 3.1 description, in-process, with Ajv (JSON Schema
 * 2020-12, the dialect the spec declares) and ajv-formats. Each operation's validators are compiled on first use,
 * so a server is ready in milliseconds and pays ~10 ms once per operation it is asked for.
 * @example
 * const validator = createValidator(spec);
 * const op = validator.route(req.method, parseTarget(req.url).segments); // { operationId: "getUser", params: { user_id }, … }
 * const violation = op && validator.checkRequest(op, { params: op.params, query, headers, body });
 */
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import {
  createRouter,
  resolveRef,
  type OpenApiDocument,
  type RouteEntry,
  type RoutedOperation,
} from "../drift/router.js";
import { violations, type Violation } from "./violations.js";

export type { OpenApiDocument, RoutedOperation, Violation };

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

/** What is checked of a request: its decoded path ids, query, headers (lower-case names) and parsed JSON body. */
export interface RequestParts {
  params: Record<string, string>;
  query: URLSearchParams;
  headers: Record<string, string | undefined>;
  /** `undefined` when the request had no body. */
  body: unknown;
}

export interface Validator {
  /** The operation of a method and decoded path segments (the path split at `/`, each part decoded), or undefined. */
  route(method: string, segments: string[]): RoutedOperation | undefined;
  /** The first violation of the request, or undefined when the spec accepts it. */
  checkRequest(op: RoutedOperation, request: RequestParts): Violation | undefined;
  /** The request's violations: its parameters', then its body's (every one with `allErrors`, else the first of each). */
  requestViolations(op: RoutedOperation, request: RequestParts): Violation[];
  /** Every violation of an answer against the operation's response of that status (an undescribed status is one). */
  checkResponse(op: RoutedOperation, status: number, body: unknown): Violation[];
  /** Every operation of the spec: id, method and path template. */
  readonly operations: readonly { operationId: string; method: string; path: string }[];
}

const SPEC_ID = "https://stytch-openapi.local/openapi.json";

interface Compiled {
  params: ValidateFunction;
  body?: { required: boolean; validate: ValidateFunction };
  responses: Map<string, ValidateFunction | null>;
}

interface Entry extends RouteEntry {
  operation: Operation & RouteEntry["operation"];
  compiled?: Compiled;
}

/** Settings of `createValidator`. */
export interface ValidatorOptions {
  /** Collect every violation of a request, not only the first (the drift proxy's reports). */
  allErrors?: boolean;
}

/** Builds a validator over an OpenAPI 3.1 document (the bundled spec, `dist/openapi.json`). */
export function createValidator(spec: OpenApiDocument, options: ValidatorOptions = {}): Validator {
  // strict: false because the spec carries OpenAPI keywords Ajv does not know (`example`, `x-…`, `deprecated` in
  // places); allErrors: false, the first violation is what the API names in its error.
  const allErrors = options.allErrors === true;
  const bodies = new Ajv2020({ strict: false, allErrors, validateFormats: true });
  // Parameters arrive as strings: coerce them as OpenAPI's `form`/`simple` styles do (`true` → true, `10` → 10).
  const params = new Ajv2020({ strict: false, allErrors, coerceTypes: true, validateFormats: true });
  const responses = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  for (const ajv of [bodies, params, responses]) {
    addFormats.default(ajv);
    ajv.addSchema({ ...spec, $id: SPEC_ID } as object);
  }

  const router = createRouter(spec);
  const entries = router.entries as Entry[];
  const byId = new Map(entries.map((e) => [e.operationId, e]));
  const resolve = <T>(value: T | { $ref: string }): T => resolveRef(spec, value);
  const ref = (schema: object) => JSON.parse(JSON.stringify(schema).replace(/"\$ref":"#\//g, `"$ref":"${SPEC_ID}#/`));

  const compile = (entry: Entry): Compiled => {
    if (entry.compiled) return entry.compiled;
    const all = [
      ...((entry.pathItem.parameters as Entry["operation"]["parameters"]) ?? []),
      ...(entry.operation.parameters ?? []),
    ].map((p) => resolve<Parameter>(p));
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
      body: bodySchema
        ? { required: requestBody?.required === true, validate: bodies.compile(ref(bodySchema)) }
        : undefined,
      responses: new Map(),
    };
    return entry.compiled;
  };

  const validator: Validator = {
    operations: entries.map(({ operationId, method, path }) => ({ operationId, method, path })),

    route: router.route,

    checkRequest(op, request) {
      return validator.requestViolations(op, request)[0];
    },

    requestViolations(op, request) {
      const entry = byId.get(op.operationId)!;
      const compiled = compile(entry);
      const query: Record<string, string | string[]> = {};
      for (const key of new Set(request.query.keys())) {
        const values = request.query.getAll(key);
        query[key] = values.length === 1 ? values[0]! : values;
      }
      const header: Record<string, string> = {};
      for (const [name, value] of Object.entries(request.headers)) if (value !== undefined) header[name] = value;
      const found: Violation[] = [];
      if (!compiled.params(structuredClone({ path: request.params, query, header })))
        found.push(...violations(compiled.params.errors, ""));
      if (!compiled.body || (found.length > 0 && !allErrors)) return found;
      // A JSON `null` where the body is optional reads as no body (as Prism and Go's encoding/json, which decodes
      // `null` into a struct as a no-op, both take it).
      if (request.body === undefined || (request.body === null && !compiled.body.required)) {
        if (compiled.body.required)
          found.push({
            location: "body",
            message: "a JSON body is required",
            kind: "missing_required_field",
            pointer: "",
          });
        return found;
      }
      if (!compiled.body.validate(request.body)) found.push(...violations(compiled.body.validate.errors, "body"));
      return found;
    },

    checkResponse(op, status, body) {
      const entry = byId.get(op.operationId)!;
      const compiled = compile(entry);
      const key = String(status);
      if (!compiled.responses.has(key)) {
        const described =
          entry.operation.responses[key] ??
          entry.operation.responses[`${key[0]}XX`] ??
          entry.operation.responses.default;
        const schema =
          described &&
          resolve<{ content?: Record<string, { schema?: object }> }>(described as { $ref: string }).content?.[
            "application/json"
          ]?.schema;
        compiled.responses.set(key, schema ? responses.compile(ref(schema)) : null);
      }
      const validate = compiled.responses.get(key);
      if (validate === undefined || (validate === null && !entry.operation.responses[key])) {
        return [
          {
            location: "status",
            message: `${status} is not a described status of ${op.operationId}`,
            kind: "undescribed_status",
            pointer: "",
          },
        ];
      }
      if (validate === null || validate(body)) return [];
      return violations(validate.errors, "body");
    },
  };
  return validator;
}

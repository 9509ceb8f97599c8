/**
 * What counts as drift between an answer (or a request) and the description, beyond what a JSON Schema validator
 * says: fields the description does not name (its response schemas stay open, so a validator lets them through),
 * error types it does not name, headers the client reads that it does not describe. Runtime-neutral: the drift
 * proxy and `stytch-openapi/validate` share it.
 * @example
 * const drift = unknownFields(spec, schema, body); // [{ kind: "unknown_field", pointer: "/user/nickname", … }]
 */
import { resolveRef, type OpenApiDocument, type RouteEntry } from "./router.js";

/** The kinds of drift, one word each. */
export type DriftKind =
  | "unknown_field"
  | "missing_required_field"
  | "wrong_type_or_format"
  | "undescribed_enum_value"
  | "undescribed_status"
  | "undescribed_error_type"
  | "undescribed_header"
  | "not_json";

/** One place where traffic and description disagree. */
export interface Drift {
  kind: DriftKind;
  /** JSON pointer into the exchange seen as `{ status, headers, body }` (requests: `{ path, query, headers, body }`): `/body/user/emails/0/email`, `/status`, `/headers/retry-after`. */
  pointer: string;
  message: string;
  /** The offending value, when there is one (whoever writes it down redacts it first). */
  value?: unknown;
}

/** The kind of a JSON Schema keyword's failure (Ajv and @cfworker/json-schema name keywords alike). */
export function kindOf(keyword: string): DriftKind {
  if (keyword === "required") return "missing_required_field";
  if (keyword === "additionalProperties" || keyword === "unevaluatedProperties") return "unknown_field";
  if (keyword === "enum" || keyword === "const") return "undescribed_enum_value";
  return "wrong_type_or_format";
}

/** `["user", "emails", 0]` → `/user/emails/0` (RFC 6901). */
export function toPointer(segments: readonly (string | number)[]): string {
  return segments.map((s) => `/${String(s).replace(/~/g, "~0").replace(/\//g, "~1")}`).join("");
}

type Schema = Record<string, unknown>;

/** Every field of `value` that no `properties` of the (open) schema names, as `unknown_field` drift (pointers under `prefix`). */
export function unknownFields(spec: OpenApiDocument, schema: unknown, value: unknown, prefix: string[] = []): Drift[] {
  const out: Drift[] = [];
  walk(spec, [schema], value, prefix, out, 0);
  return out;
}

/** The schema and its `$ref`, `allOf`, `oneOf` and `anyOf` branches, flattened. */
function flatten(spec: OpenApiDocument, schemas: unknown[], depth = 0): Schema[] {
  const out: Schema[] = [];
  for (const raw of schemas) {
    const schema = resolveRef<Schema>(spec, raw as Schema);
    if (!schema || typeof schema !== "object") continue;
    out.push(schema);
    if (depth > 32) continue;
    for (const key of ["allOf", "oneOf", "anyOf"]) {
      if (Array.isArray(schema[key])) out.push(...flatten(spec, schema[key] as unknown[], depth + 1));
    }
    if (typeof schema.$ref === "string") out.push(...flatten(spec, [{ $ref: schema.$ref }], depth + 1));
  }
  return out;
}

function walk(
  spec: OpenApiDocument,
  schemas: unknown[],
  value: unknown,
  at: (string | number)[],
  out: Drift[],
  depth: number,
): void {
  if (depth > 64 || value === null || typeof value !== "object") return;
  const flat = flatten(spec, schemas);
  if (Array.isArray(value)) {
    const items = flat.map((s) => s.items).filter((s) => s !== undefined && typeof s === "object");
    if (items.length > 0) {
      for (const [i, item] of value.entries()) walk(spec, items, item, [...at, i], out, depth + 1);
    }
    return;
  }
  const named = flat.filter((s) => s.properties && typeof s.properties === "object");
  const extra = flat.map((s) => s.additionalProperties).filter((s) => s !== undefined && s !== false);
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    const known = named.map((s) => (s.properties as Schema)[key]).filter((s) => s !== undefined);
    if (known.length > 0) walk(spec, known, child, [...at, key], out, depth + 1);
    else if (extra.length > 0)
      walk(
        spec,
        extra.filter((s) => typeof s === "object"),
        child,
        [...at, key],
        out,
        depth + 1,
      );
    // A free-form object (metadata: no `properties` anywhere) is open by design.
    else if (named.length > 0)
      out.push({
        kind: "unknown_field",
        pointer: toPointer([...at, key]),
        message: "is not a field of this answer in the description",
        value: child,
      });
  }
}

/** The response object the description gives for a status: exact, then `4XX`, then `default`. */
export function describedResponse(
  spec: OpenApiDocument,
  entry: RouteEntry,
  status: number,
): { exact: boolean; response?: Schema } {
  const responses = entry.operation.responses;
  const key = String(status);
  const raw = responses[key] ?? responses[`${key[0]}XX`] ?? responses.default;
  return { exact: responses[key] !== undefined, response: raw ? resolveRef<Schema>(spec, raw as Schema) : undefined };
}

/** The JSON schema of a described response, if it has one. */
export function jsonSchemaOf(response: Schema | undefined): unknown {
  const content = response?.content as Record<string, { schema?: unknown }> | undefined;
  return content?.["application/json"]?.schema;
}

/** The `error_type` values the description's examples name for a response, or undefined when it names none. */
export function describedErrorTypes(response: Schema | undefined): Set<string> | undefined {
  const media = (
    response?.content as
      | Record<string, { example?: unknown; examples?: Record<string, { value?: unknown }> }>
      | undefined
  )?.["application/json"];
  if (!media) return undefined;
  const values = [media.example, ...Object.values(media.examples ?? {}).map((e) => e?.value)];
  const types = values
    .map((v) => (v as { error_type?: unknown } | undefined)?.error_type)
    .filter((t): t is string => typeof t === "string");
  return types.length > 0 ? new Set(types) : undefined;
}

/** Response headers the client reads: Content-Type (to parse JSON) and Retry-After (to pace its retries). */
export const RELIED_ON_HEADERS = ["content-type", "retry-after"] as const;

/**
 * Drift of an answer beyond its body's schema: an undescribed status, an error type no example names, a header the
 * client reads that the description does not give. `header` reads a response header by lower-case name.
 */
export function answerDrift(
  spec: OpenApiDocument,
  entry: RouteEntry,
  status: number,
  header: (name: string) => string | null | undefined,
  body: unknown,
): Drift[] {
  const { exact, response } = describedResponse(spec, entry, status);
  if (!response || (!exact && !jsonSchemaOf(response))) {
    return [
      {
        kind: "undescribed_status",
        pointer: "/status",
        message: `${status} is not a described status of ${entry.operationId}`,
        value: status,
      },
    ];
  }
  const out: Drift[] = [];
  const headers = (response.headers ?? {}) as Record<string, unknown>;
  const describedHeader = (name: string) => Object.keys(headers).some((h) => h.toLowerCase() === name);
  const type = header("content-type");
  if (jsonSchemaOf(response) !== undefined && type && !/^application\/(.+\+)?json\b/i.test(type)) {
    out.push({
      kind: "undescribed_header",
      pointer: "/headers/content-type",
      message: "is not application/json, which the description gives",
      value: type,
    });
  }
  if (header("retry-after") != null && !describedHeader("retry-after")) {
    out.push({
      kind: "undescribed_header",
      pointer: "/headers/retry-after",
      message: "is sent (the client's retries read it) but not described",
      value: header("retry-after"),
    });
  }
  const errorType = status >= 400 ? (body as { error_type?: unknown } | null)?.error_type : undefined;
  const described = describedErrorTypes(response);
  if (typeof errorType === "string" && described && !described.has(errorType)) {
    out.push({
      kind: "undescribed_error_type",
      pointer: "/body/error_type",
      message: `is not an error type the description gives for ${status} (${[...described].join(", ")})`,
      value: errorType,
    });
  }
  return out;
}

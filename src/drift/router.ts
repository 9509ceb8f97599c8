/**
 * Routing a method and path onto the operations of an OpenAPI document: literal segments win over ids (the path
 * of `deleteUserTotp` is tried before that of `deleteUserExternalId`, which has an id where it has `totps`).
 * Runtime-neutral; shared by the emulator's validator, the drift proxy and `stytch-openapi/validate`.
 * @example
 * const router = createRouter(spec);
 * const op = router.route(method, pathname.slice(1).split("/").map(decodeURIComponent));
 * // { operationId: "getUser", path: operations.getUser.path, params: { user_id: "user-test-1" }, … }
 */

/** The parts of an OpenAPI document that routing and validation read. */
export interface OpenApiDocument {
  paths: Record<string, Record<string, unknown>>;
  components?: Record<string, unknown>;
}

/** One operation of the spec, as a request was routed to it. */
export interface RoutedOperation {
  operationId: string;
  method: string;
  /** The path template as the spec writes it (`operations.getUser.path` of src/generated/operations.ts). */
  path: string;
  /** Path parameters, decoded. */
  params: Record<string, string>;
}

/** An operation of the document with the objects it was read from. */
export interface RouteEntry {
  operationId: string;
  method: string;
  path: string;
  segments: string[];
  literals: number;
  operation: { operationId: string; responses: Record<string, unknown>; [key: string]: unknown };
  pathItem: Record<string, unknown>;
}

const METHODS = ["get", "put", "post", "delete", "patch"];

export interface Router {
  /** Every operation, literal-heavy paths first. */
  readonly entries: readonly RouteEntry[];
  /** The operation of a method and decoded path segments (the path split at `/`, each part decoded), or undefined. */
  route(method: string, segments: string[]): RoutedOperation | undefined;
  entry(operationId: string): RouteEntry | undefined;
}

/** Builds the router of an OpenAPI document's `paths`. */
export function createRouter(spec: OpenApiDocument): Router {
  const entries: RouteEntry[] = [];
  for (const [path, pathItem] of Object.entries(spec.paths)) {
    for (const method of METHODS) {
      const operation = pathItem[method] as RouteEntry["operation"] | undefined;
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
  entries.sort((a, b) => b.literals - a.literals);
  const byId = new Map(entries.map((e) => [e.operationId, e]));
  return {
    entries,
    entry: (operationId) => byId.get(operationId),
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
  };
}

/** Resolves a local `$ref` (`#/components/…`) of the document; anything else is returned as is. */
export function resolveRef<T>(spec: OpenApiDocument, value: T | { $ref: string }): T {
  if (!value || typeof value !== "object" || !("$ref" in value) || typeof value.$ref !== "string") return value as T;
  let node: unknown = spec;
  for (const part of value.$ref.replace(/^#\//, "").split("/"))
    node = (node as Record<string, unknown> | undefined)?.[part.replace(/~1/g, "/").replace(/~0/g, "~")];
  return node as T;
}

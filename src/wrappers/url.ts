import { createQuerySerializer } from "openapi-fetch";

const PATH_PARAM = /\{([^{}]+)\}/g;

/**
 * Serializes a path template with its ids, for this API's paths: each parameter is a plain string id (checked by
 * `assertPathId`) in "simple" style, so each template is split once and then joined with the encoded ids. The
 * output is that of openapi-fetch's `defaultPathSerializer` for such ids (a test compares them); the default
 * re-parses the template for styles this API does not use on every call.
 * @example
 * createPathSerializer()(operations.getUser.path, { user_id: "a/b" }); // the path with "a%2Fb" for {user_id}
 */
export function createPathSerializer(): (pathname: string, params: Record<string, unknown>) => string {
  const compiled = new Map<string, string[]>();
  return (pathname, params) => {
    let parts = compiled.get(pathname);
    if (parts === undefined) {
      // Even indices: literal text; odd indices: parameter names.
      parts = pathname.split(PATH_PARAM);
      compiled.set(pathname, parts);
    }
    let url = parts[0]!;
    for (let i = 1; i < parts.length; i += 2) url += encodeURIComponent(params[parts[i]!] as string) + parts[i + 1];
    return url;
  };
}

// Built once: a template's split parts are cached, and the query serializer is the same for every call.
const serializePath = createPathSerializer();
const serializeQuery = createQuerySerializer();

/**
 * The URL of one call: the base URL, the template with its ids encoded, and the query (nils and empty arrays left
 * out, arrays as repeated keys), as openapi-fetch writes it. Throws on a query value it cannot write (a nested
 * object, a lone surrogate).
 * @example
 * buildUrl("https://test.stytch.com", operations.getUser.path, { user_id: "a/b" }); // ".../users/a%2Fb"
 */
export function buildUrl(
  baseUrl: string,
  template: string,
  pathParams: Record<string, string>,
  query?: Record<string, unknown>,
): string {
  const url = baseUrl + serializePath(template, pathParams);
  if (query === undefined) return url;
  let search = serializeQuery(query);
  // As openapi-fetch's createFinalURL: a leading "?" (a query key that starts with one) is not doubled.
  if (search.startsWith("?")) search = search.slice(1);
  return search === "" ? url : `${url}?${search}`;
}

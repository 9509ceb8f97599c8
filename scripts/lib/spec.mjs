// Reads the bundled spec and lists its operations with their parameters and named examples resolved.
import { readFile } from "node:fs/promises";
import { parse } from "yaml";

export const METHODS = ["get", "put", "post", "delete", "patch", "options", "head", "trace"];

/** Parses a bundled (single-file) OpenAPI document. */
export async function loadSpec(file) {
  return parse(await readFile(file, "utf8"));
}

/** Follows local `$ref`s (`#/components/...`) until it reaches a real object. */
export function deref(spec, node) {
  let current = node;
  for (let hops = 0; current && typeof current.$ref === "string"; hops++) {
    if (!current.$ref.startsWith("#/") || hops > 20) throw new Error(`cannot resolve ${current.$ref}`);
    current = current.$ref
      .slice(2)
      .split("/")
      .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
      .reduce((obj, key) => obj?.[key], spec);
  }
  return current;
}

/**
 * Every operation of the spec in document order: method, path, the operation object, its parameters (path-level
 * ones merged in, $refs resolved), the named JSON request examples and the named JSON examples of each response.
 */
export function operations(spec) {
  const list = [];
  for (const [path, rawItem] of Object.entries(spec.paths ?? {})) {
    const item = deref(spec, rawItem);
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const params = new Map();
      for (const p of [...(item.parameters ?? []), ...(op.parameters ?? [])].map((p) => deref(spec, p))) {
        params.set(`${p.in}:${p.name}`, p);
      }
      const body = deref(spec, op.requestBody)?.content?.["application/json"];
      const responses = {};
      for (const [status, response] of Object.entries(op.responses ?? {})) {
        responses[status] = namedExamples(spec, deref(spec, response)?.content?.["application/json"]);
      }
      list.push({
        method,
        path,
        op,
        operationId: op.operationId,
        tag: op.tags?.[0] ?? "Other",
        parameters: [...params.values()],
        requestExamples: namedExamples(spec, body),
        responses,
      });
    }
  }
  return list;
}

/** The `examples` map of a media type as [name, value] pairs; a lone `example` is called "default". */
function namedExamples(spec, media) {
  if (!media) return [];
  if (media.examples) {
    return Object.entries(media.examples).map(([name, ex]) => [name, deref(spec, ex)?.value, deref(spec, ex)?.summary]);
  }
  return media.example === undefined ? [] : [["default", media.example]];
}

/** A parameter's example value: `example`, the first of `examples`, then the schema's; undefined if none. */
export function parameterExample(spec, param) {
  if (param.example !== undefined) return param.example;
  const named = Object.values(param.examples ?? {})[0];
  if (named) return deref(spec, named)?.value;
  const schema = deref(spec, param.schema) ?? {};
  return schema.examples?.[0] ?? schema.example ?? schema.default;
}

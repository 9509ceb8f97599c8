// Reads the bundled spec and lists its operations with their parameters and named examples resolved.
import { readFile } from "node:fs/promises";
import { parse } from "yaml";

/**
 * A parsed OpenAPI document, or a node of one. Its shape is OpenAPI's, which `npm run lint` checks (ours) or the
 * comparison tolerates (Stytch's 3.0), so the scripts read it as loose JSON instead of re-declaring OpenAPI here.
 * @typedef {Record<string, any>} Spec
 */

/**
 * A named JSON example: [name, value, summary?].
 * @typedef {[name: string, value: unknown, summary?: string]} NamedExample
 */

/**
 * One operation of a bundled spec, with what the docs and the samples need resolved.
 * @typedef {object} SpecOperation
 * @property {string} method  lower case
 * @property {string} path  the template, e.g. "/v1/users/{user_id}"
 * @property {Spec} op  the operation object
 * @property {string} operationId
 * @property {string} tag  its first tag, "Other" without one
 * @property {({ name: string, in: string, required?: boolean } & Spec)[]} parameters  path-level ones merged in
 * @property {NamedExample[]} requestExamples  of the JSON request body
 * @property {Record<string, NamedExample[]>} responses  per status, of its JSON body
 */

/**
 * The HTTP methods an OpenAPI path item may hold, in the order the scripts visit them.
 * @example for (const method of METHODS) if (item[method]) visit(item[method]);
 */
export const METHODS = ["get", "put", "post", "delete", "patch", "options", "head", "trace"];

/**
 * Parses a bundled (single-file) OpenAPI document, YAML or JSON.
 * @example const spec = await loadSpec(BUNDLED_SPEC);
 * @param {string} file
 * @returns {Promise<Spec>}
 */
export async function loadSpec(file) {
  return parse(await readFile(file, "utf8"));
}

/**
 * Follows local `$ref`s (`#/components/...`) until it reaches a real object.
 * @example const body = deref(spec, op.requestBody)?.content?.["application/json"];
 * @template T
 * @param {Spec} spec
 * @param {T} node
 * @returns {T}
 */
export function deref(spec, node) {
  /** @type {any} */
  let current = node;
  for (let hops = 0; current && typeof current.$ref === "string"; hops++) {
    if (!current.$ref.startsWith("#/") || hops > 20) throw new Error(`cannot resolve ${current.$ref}`);
    current = current.$ref
      .slice(2)
      .split("/")
      .map((/** @type {string} */ part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
      .reduce((/** @type {any} */ obj, /** @type {string} */ key) => obj?.[key], spec);
  }
  return current;
}

/**
 * Every operation of the spec in document order: method, path, the operation object, its parameters (path-level
 * ones merged in, $refs resolved), the named JSON request examples and the named JSON examples of each response.
 * @example for (const { method, path, operationId } of operations(spec)) console.log(method, path, operationId);
 * @param {Spec} spec
 * @returns {SpecOperation[]}
 */
export function operations(spec) {
  /** @type {SpecOperation[]} */
  const list = [];
  for (const [path, rawItem] of Object.entries(spec.paths ?? {})) {
    const item = deref(spec, rawItem);
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const params = new Map();
      for (const p of [...(item.parameters ?? []), ...(op.parameters ?? [])].map((/** @type {Spec} */ p) =>
        deref(spec, p),
      )) {
        params.set(`${p.in}:${p.name}`, p);
      }
      const body = deref(spec, op.requestBody)?.content?.["application/json"];
      /** @type {Record<string, NamedExample[]>} */
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

/**
 * The `examples` map of a media type as [name, value, summary] triples; a lone `example` is called "default".
 * @param {Spec} spec
 * @param {Spec | undefined} media
 * @returns {NamedExample[]}
 */
function namedExamples(spec, media) {
  if (!media) return [];
  if (media.examples) {
    return Object.entries(media.examples).map(([name, /** @type {Spec} */ ex]) => [
      name,
      deref(spec, ex)?.value,
      deref(spec, ex)?.summary,
    ]);
  }
  return media.example === undefined ? [] : [["default", media.example]];
}

/**
 * A parameter's example value: `example`, the first of `examples`, then the schema's; undefined if none.
 * @example parameterExample(spec, { name: "user_id", in: "path", example: "user-test-1" }) // "user-test-1"
 * @param {Spec} spec
 * @param {Spec} param
 * @returns {unknown}
 */
export function parameterExample(spec, param) {
  if (param.example !== undefined) return param.example;
  const named = Object.values(param.examples ?? {})[0];
  if (named) return deref(spec, named)?.value;
  const schema = deref(spec, param.schema) ?? {};
  return schema.examples?.[0] ?? schema.example ?? schema.default;
}

// Builds the code samples shown next to each operation in the docs (Redoc's `x-codeSamples`): one TypeScript
// sample that uses our client and one curl sample against the mock, both derived from the spec's examples.
import { parameterExample } from "./spec.mjs";

/** @import { ClientCall } from "./operation-table.mjs" */
/** @import { Spec, SpecOperation } from "./spec.mjs" */

/**
 * The concrete pieces of one call.
 * @typedef {object} ExampleCall
 * @property {Record<string, unknown>} pathParams
 * @property {Record<string, unknown>} query
 * @property {Record<string, unknown>} body
 * @property {string} path  the path with the example ids filled in
 * @property {string} [responseExample]  name of the first named 200 example
 */

/**
 * A language of the docs' picker: Redoc's highlighter name and the label shown.
 * @typedef {{ lang: string, label: string }} Language
 */

/**
 * Placeholder project id: the mock accepts any Basic auth.
 * @example `curl -u "${PROJECT_ID}:${SECRET}" ${url}`
 */
export const PROJECT_ID = "project-test-11111111-1111-1111-1111-111111111111";
/**
 * Placeholder secret, with PROJECT_ID.
 * @example createStytchClient({ projectId: PROJECT_ID, secret: SECRET, baseUrl: mockUrl })
 */
export const SECRET = "secret-test-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";
const SESSION_HEADER = "X-Stytch-Member-Session";

/**
 * The sample languages, in the order of the docs' language picker (Redoc's `codeSamples.languages` option). A
 * sample is shown under the language whose label matches its own; TypeScript is highlighted as JavaScript, which
 * Redoc's highlighter knows. "Payload" is Redoc's own view of the request body.
 * @example stringify({ openapi: { codeSamples: { languages: LANGUAGES } } })
 * @type {[typescript: Language, curl: Language, payload: Language]}
 */
export const LANGUAGES = [
  { lang: "javascript", label: "TypeScript" },
  { lang: "curl", label: "curl" },
  { lang: "payload", label: "Payload" },
];

/**
 * The concrete pieces of one call: path with ids filled in, query, body, and the first named examples.
 * @example const { path, query } = exampleCall(spec, operation);
 * @param {Spec} spec
 * @param {SpecOperation} operation
 * @returns {ExampleCall}
 */
export function exampleCall(spec, operation) {
  const inputs = (/** @type {string} */ where) => operation.parameters.filter((p) => p.in === where);
  const pathParams = Object.fromEntries(
    inputs("path").map((p) => [p.name, parameterExample(spec, p) ?? `<${p.name}>`]),
  );
  const queryParams = inputs("query");
  // Required query parameters, or, when none is required, the first one (e.g. member_id of "get a member").
  const chosen = queryParams.some((p) => p.required) ? queryParams.filter((p) => p.required) : queryParams.slice(0, 1);
  const query = Object.fromEntries(
    chosen.map((p) => [p.name, parameterExample(spec, p)]).filter(([, value]) => value !== undefined),
  );
  const [, bodyExample = {}] = operation.requestExamples[0] ?? [];
  const body =
    operation.method === "get" || operation.method === "delete"
      ? {}
      : /** @type {Record<string, unknown>} */ (bodyExample);
  const path = operation.path.replace(/\{([^}]+)\}/g, (_, /** @type {string} */ name) =>
    encodeURIComponent(String(pathParams[name])),
  );
  const [responseExample] = operation.responses["200"]?.[0] ?? [];
  return { pathParams, query, body, path, responseExample };
}

/**
 * The `x-codeSamples` list of one operation. `method` is our client's method, e.g. { call: "stytch.users.get" }.
 * @example operation.op["x-codeSamples"] = codeSamples(spec, operation, calls.get(key), "http://127.0.0.1:4010");
 * @param {Spec} spec
 * @param {SpecOperation} operation
 * @param {ClientCall | undefined} method  none: a curl sample only
 * @param {string} mockUrl
 * @returns {{ lang: string, label: string, source: string }[]}
 */
export function codeSamples(spec, operation, method, mockUrl) {
  const call = exampleCall(spec, operation);
  const samples = [];
  if (method) samples.push({ ...LANGUAGES[0], source: typescriptSample(operation, method, call, mockUrl) });
  samples.push({ ...LANGUAGES[1], source: curlSample(operation, call, mockUrl) });
  return samples;
}

/**
 * @param {SpecOperation} operation
 * @param {ClientCall} method
 * @param {ExampleCall} call
 * @param {string} mockUrl
 */
function typescriptSample(operation, method, call, mockUrl) {
  const args = { ...call.pathParams, ...call.query, ...call.body };
  const argText = Object.keys(args).length === 0 ? "" : tsLiteral(args);
  const result = method.searchAll ? "page" : "result";
  const lines = [
    `import { createStytchClient } from "stytch-openapi";`,
    ``,
    `// The local mock (npm start); without baseUrl: test.stytch.com`,
    `const stytch = createStytchClient({`,
    `  projectId: process.env.STYTCH_PROJECT_ID!,`,
    `  secret: process.env.STYTCH_SECRET!, // server-side only`,
    `  baseUrl: "${mockUrl}",`,
    `});`,
    ``,
    `const ${result} = await ${method.call}(${argText});`,
  ];
  if (operation.parameters.some((p) => p.in === "header" && p.name === SESSION_HEADER)) {
    lines.push(`// To check the call against a member's RBAC permissions, pass a second argument:`);
    lines.push(`// { authorization: { session_token } } or { authorization: { session_jwt } }`);
  }
  if (method.searchAll) {
    lines.push(``, `// Or every item of every page, following next_cursor:`);
    lines.push(`for await (const item of ${method.searchAll}(${argText})) console.log(item);`);
  }
  return lines.join("\n");
}

/**
 * @param {SpecOperation} operation
 * @param {ExampleCall} call
 * @param {string} mockUrl
 */
function curlSample(operation, call, mockUrl) {
  const query = new URLSearchParams(Object.entries(call.query).map(([k, v]) => [k, String(v)])).toString();
  const url = `${mockUrl}${call.path}${query ? `?${query}` : ""}`;
  const lines = [`curl -X ${operation.method.toUpperCase()} "${url}"`, `  -u "${PROJECT_ID}:${SECRET}"`];
  if (call.responseExample) lines.push(`  -H "Prefer: example=${call.responseExample}"`);
  const hasBody = !(operation.method === "get" || operation.method === "delete") && operation.op.requestBody;
  if (hasBody) {
    lines.push(`  -H "Content-Type: application/json"`);
    lines.push(`  -d '${JSON.stringify(call.body, null, 2).replace(/'/g, "'\\''")}'`);
  }
  return lines.join(" \\\n");
}

/** JSON, pretty-printed, with identifier-like keys unquoted: reads like a hand-written TypeScript object. */
/** @param {unknown} value */
function tsLiteral(value) {
  return JSON.stringify(value, null, 2).replace(/^(\s*)"([A-Za-z_$][\w$]*)":/gm, "$1$2:");
}

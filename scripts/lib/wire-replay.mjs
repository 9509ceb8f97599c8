// Replays the HTTP requests the official Ruby, Python and Go SDKs sent (test/fixtures/sdk-wire/*.jsonl) against
// a Prism mock, byte for byte, and reports Prism's verdict on each: used by the replay contract test and by
// `npm run wire:replay`, which sums the verdicts up per SDK (scripts/lib/sdk-wire-result.mjs).
import { readFile } from "node:fs/promises";
import { request } from "node:http";
import { root } from "./run.mjs";
import { operations } from "./spec.mjs";

/** @import { Spec } from "./spec.mjs" */

/**
 * One recorded request (a line of test/fixtures/sdk-wire/<sdk>.jsonl), with its file and line number.
 * @typedef {object} Recording
 * @property {string} sdk  "ruby", "python" or "go" ("node" for the live calls of `npm run wire:replay`)
 * @property {string} sdk_version
 * @property {string} operation  the SDK's method, e.g. "organizations.members.reactivate"
 * @property {"minimal" | "full"} variant  required arguments only, or every optional one too
 * @property {string} method  upper case, as sent
 * @property {string} path  percent-encoded, as sent
 * @property {string} query  without the `?`; "" for none
 * @property {Record<string, string>} headers
 * @property {string | null} body  the exact bytes as text; null when no body was sent
 * @property {string} file
 * @property {number} line
 */

/**
 * An operation of a spec: lower-case method, path template and operationId.
 * @typedef {{ method: string, path: string, operationId: string }} Route
 */

/**
 * One of Prism's `sl-violations`.
 * @typedef {{ path?: string[], code?: string, message?: string }} Violation
 */

/**
 * Prism's answer to one request: status, violations and the body parsed as JSON (undefined when it is not JSON).
 * @typedef {{ status: number, violations: Violation[], json: unknown }} Answer
 */

/**
 * Which call a result is about: the recording's identity, enough to sum results up per SDK and operation.
 * @typedef {Pick<Recording, "sdk" | "sdk_version" | "operation" | "variant" | "method" | "path">} CallRef
 */

/**
 * Prism's verdict on one call: `route` undefined when the spec does not describe it (then nothing was sent).
 * @typedef {{ recording: CallRef, route: undefined }
 *   | { recording: CallRef, route: Route, status: number, violations: Violation[], accepted: boolean,
 *       badTimestamps: string[], timestamps: number }} CallResult
 */

/**
 * The folder of the recordings, one `<sdk>.jsonl` per SDK.
 * @example await readFile(`${SDK_WIRE_DIR}go.jsonl`, "utf8");
 */
export const SDK_WIRE_DIR = `${root}test/fixtures/sdk-wire/`;
/**
 * The SDKs whose requests were recorded (the Node SDK is called live instead).
 * @example await loadRecordings(RECORDED_SDKS);
 */
export const RECORDED_SDKS = ["ruby", "python", "go"];

/** Basic auth for the mock, which accepts any credentials; the recordings leave the real header out. */
const AUTHORIZATION = `Basic ${Buffer.from("project-test-11111111-1111-1111-1111-111111111111:secret-test-replay").toString("base64")}`;

/**
 * Every recorded request of the given SDKs, in file order, with its file and line number.
 * @example const recordings = await loadRecordings(["go"]);
 * @param {string[]} [sdks]
 * @param {string} [dir]  with a trailing slash
 * @returns {Promise<Recording[]>}
 */
export async function loadRecordings(sdks = RECORDED_SDKS, dir = SDK_WIRE_DIR) {
  /** @type {Recording[]} */
  const all = [];
  for (const sdk of sdks) {
    const text = await readFile(`${dir}${sdk}.jsonl`, "utf8");
    const lines = text.split("\n").filter((line) => line.trim() !== "");
    for (const [i, line] of lines.entries()) all.push({ ...JSON.parse(line), file: `${sdk}.jsonl`, line: i + 1 });
  }
  return all;
}

/**
 * The routes of a bundled spec: method, path template and operationId of every operation.
 * @example const routes = specRoutes(await loadSpec(BUNDLED_SPEC));
 * @param {Spec} spec
 * @returns {Route[]}
 */
export function specRoutes(spec) {
  return operations(spec).map(({ method, path, operationId }) => ({ method, path, operationId }));
}

/**
 * The spec's route for a concrete method and path (percent-encoding kept), or undefined when the spec does not
 * describe it. Where templates overlap, the one with more literal segments wins, as in every router.
 * @example routeFor(routes, "GET", "/v1/users/user-test-1")?.operationId // "getUser"
 * @param {Route[]} routes
 * @param {string} method  any case
 * @param {string} pathname
 * @returns {Route | undefined}
 */
export function routeFor(routes, method, pathname) {
  const got = pathname.split("/");
  const matches = routes.filter((route) => {
    if (route.method !== method.toLowerCase()) return false;
    const want = route.path.split("/");
    return want.length === got.length && want.every((s, i) => (/^\{[^}]+\}$/.test(s) ? got[i] !== "" : s === got[i]));
  });
  const literals = (/** @type {Route} */ route) => route.path.split("/").filter((s) => !s.startsWith("{")).length;
  return matches.sort((a, b) => literals(b) - literals(a))[0];
}

/**
 * Sends one recorded request to `baseUrl` exactly as recorded (method, path, query, headers, body bytes; a
 * `null` body sends no bytes and no length) plus Basic auth and an optional `Prefer`. Resolves with the status,
 * Prism's parsed `sl-violations` and the answer parsed as JSON (undefined when it is not JSON).
 * @example const { status, violations } = await send(prismUrl, recording, { prefer: "code=404" });
 * @param {string} baseUrl
 * @param {Pick<Recording, "method" | "path" | "query" | "headers" | "body">} recording
 * @param {{ prefer?: string }} [options]
 * @returns {Promise<Answer>}
 */
export function send(baseUrl, recording, { prefer } = {}) {
  const url = new URL(baseUrl);
  /** @type {Record<string, string>} */
  const headers = { ...recording.headers, authorization: AUTHORIZATION };
  if (prefer) headers.prefer = prefer;
  const path = recording.query === "" ? recording.path : `${recording.path}?${recording.query}`;
  return new Promise((resolve, reject) => {
    const out = request({ host: url.hostname, port: url.port, method: recording.method, path, headers }, (answer) => {
      /** @type {Buffer[]} */
      const chunks = [];
      answer.on("data", (c) => chunks.push(c));
      answer.on("end", () => {
        const raw = answer.headers["sl-violations"];
        const text = Buffer.concat(chunks).toString("utf8");
        let json;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: answer.statusCode ?? 0, violations: typeof raw === "string" ? JSON.parse(raw) : [], json });
      });
    });
    out.on("error", reject);
    if (recording.body !== null) out.write(recording.body, "utf8");
    out.end();
  });
}

// RFC 3339 date-time: what the Python SDK's pydantic models and the Go SDK's time.Time decode.
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/**
 * The timestamps in an answer, by JSON path, with whether each is RFC 3339: every string under a key ending in
 * `_at` (`created_at`, `lock_expires_at`, …), which is how every Stytch timestamp is named.
 * @example timestamps({ created_at: "2021-12-06" }) // [{ path: "$.created_at", rfc3339: false }]
 * @param {unknown} value
 * @param {string} [path]
 * @returns {{ path: string, rfc3339: boolean }[]}
 */
export function timestamps(value, path = "$") {
  if (Array.isArray(value)) return value.flatMap((v, i) => timestamps(v, `${path}[${i}]`));
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([key, v]) =>
    key.endsWith("_at") && typeof v === "string"
      ? [{ path: `${path}.${key}`, rfc3339: RFC3339.test(v) }]
      : timestamps(v, `${path}.${key}`),
  );
}

/**
 * JSON paths of the timestamps in an answer that are not RFC 3339 (see `timestamps`).
 * @example badTimestamps({ user: { created_at: "string" } }) // ["$.user.created_at"]
 * @param {unknown} value
 * @returns {string[]}
 */
export function badTimestamps(value) {
  return timestamps(value)
    .filter((t) => !t.rfc3339)
    .map((t) => t.path);
}

/**
 * Replays `recordings` against the mock at `baseUrl` serving `spec` (parsed). Lines whose route the spec does not
 * describe are not sent (`route: undefined`). A line is accepted when it gets a 2xx with no `sl-violations`.
 * @example const results = await replay(spec, prism.url, await loadRecordings());
 * @param {Spec} spec
 * @param {string} baseUrl
 * @param {Recording[]} recordings
 * @returns {Promise<CallResult[]>}
 */
export async function replay(spec, baseUrl, recordings) {
  const routes = specRoutes(spec);
  /** @type {CallResult[]} */
  const results = [];
  for (const recording of recordings) {
    const route = routeFor(routes, recording.method, recording.path);
    if (!route) {
      results.push({ recording, route });
      continue;
    }
    const answer = await send(baseUrl, recording);
    results.push({
      recording,
      route,
      status: answer.status,
      violations: answer.violations,
      accepted: answer.status >= 200 && answer.status < 300 && answer.violations.length === 0,
      badTimestamps: badTimestamps(answer.json),
      timestamps: timestamps(answer.json).length,
    });
  }
  return results;
}

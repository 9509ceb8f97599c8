// Replays the HTTP requests the official Ruby, Python and Go SDKs sent (test/fixtures/sdk-wire/*.jsonl) against
// a Prism mock, byte for byte, and reports Prism's verdict on each: used by the replay contract test and by
// `npm run wire:replay`, which prints the README's "Proven against" table.
import { readFile } from "node:fs/promises";
import { request } from "node:http";
import { root } from "./run.mjs";
import { operations } from "./spec.mjs";

export const SDK_WIRE_DIR = `${root}test/fixtures/sdk-wire/`;
export const RECORDED_SDKS = ["ruby", "python", "go"];

/** Basic auth for the mock, which accepts any credentials; the recordings leave the real header out. */
const AUTHORIZATION = `Basic ${Buffer.from("project-test-11111111-1111-1111-1111-111111111111:secret-test-replay").toString("base64")}`;

/** Every recorded request of the given SDKs, in file order, with its file and line number. */
export async function loadRecordings(sdks = RECORDED_SDKS, dir = SDK_WIRE_DIR) {
  const all = [];
  for (const sdk of sdks) {
    const text = await readFile(`${dir}${sdk}.jsonl`, "utf8");
    text
      .split("\n")
      .filter((line) => line.trim() !== "")
      .forEach((line, i) => all.push({ ...JSON.parse(line), file: `${sdk}.jsonl`, line: i + 1 }));
  }
  return all;
}

/** The routes of a bundled spec: method, path template and operationId of every operation. */
export function specRoutes(spec) {
  return operations(spec).map(({ method, path, operationId }) => ({ method, path, operationId }));
}

/**
 * The spec's route for a concrete method and path (percent-encoding kept), or undefined when the spec does not
 * describe it. Where templates overlap, the one with more literal segments wins, as in every router.
 */
export function routeFor(routes, method, pathname) {
  const got = pathname.split("/");
  const matches = routes.filter((route) => {
    if (route.method !== method.toLowerCase()) return false;
    const want = route.path.split("/");
    return want.length === got.length && want.every((s, i) => (/^\{[^}]+\}$/.test(s) ? got[i] !== "" : s === got[i]));
  });
  const literals = (route) => route.path.split("/").filter((s) => !s.startsWith("{")).length;
  return matches.sort((a, b) => literals(b) - literals(a))[0];
}

/**
 * Sends one recorded request to `baseUrl` exactly as recorded (method, path, query, headers, body bytes; a
 * `null` body sends no bytes and no length) plus Basic auth and an optional `Prefer`. Resolves with the status,
 * Prism's parsed `sl-violations` and the answer parsed as JSON (undefined when it is not JSON).
 */
export function send(baseUrl, recording, { prefer } = {}) {
  const url = new URL(baseUrl);
  const headers = { ...recording.headers, authorization: AUTHORIZATION };
  if (prefer) headers.prefer = prefer;
  const path = recording.query === "" ? recording.path : `${recording.path}?${recording.query}`;
  return new Promise((resolve, reject) => {
    const out = request({ host: url.hostname, port: url.port, method: recording.method, path, headers }, (answer) => {
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

/** JSON paths of the timestamps in an answer that are not RFC 3339 (see `timestamps`). */
export function badTimestamps(value) {
  return timestamps(value)
    .filter((t) => !t.rfc3339)
    .map((t) => t.path);
}

/**
 * Replays `recordings` against the mock at `baseUrl` serving `spec` (parsed). Lines whose route the spec does not
 * describe are not sent (`route: undefined`). A line is accepted when it gets a 2xx with no `sl-violations`.
 */
export async function replay(spec, baseUrl, recordings) {
  const routes = specRoutes(spec);
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

/**
 * Per SDK: the operations (by the recordings' names) the spec describes, those whose every recorded line was
 * accepted, those refused (with the first reason), those not described, and the answers carrying a timestamp
 * that is not RFC 3339.
 */
export function summarize(results) {
  const bySdk = new Map();
  for (const r of results) {
    const sdk = r.recording.sdk;
    if (!bySdk.has(sdk)) {
      bySdk.set(sdk, { sdk, version: r.recording.sdk_version, ops: new Map(), answers: 0, timestampAnswers: 0, badTimestampAnswers: 0 });
    }
    const s = bySdk.get(sdk);
    const name = r.recording.operation;
    const op = s.ops.get(name) ?? { name, described: Boolean(r.route), accepted: true, reasons: [], badTimestamps: false };
    s.ops.set(name, op);
    if (!r.route) continue;
    s.answers++;
    if (r.timestamps > 0) s.timestampAnswers++;
    if (r.badTimestamps.length > 0) {
      s.badTimestampAnswers++;
      op.badTimestamps = true;
    }
    if (!r.accepted) {
      op.accepted = false;
      op.reasons.push(`${r.recording.variant}: ${r.status} ${reason(r.violations)}`);
    }
  }
  return [...bySdk.values()].map((s) => {
    const ops = [...s.ops.values()];
    const described = ops.filter((o) => o.described);
    return {
      sdk: s.sdk,
      version: s.version,
      described: described.map((o) => o.name),
      accepted: described.filter((o) => o.accepted).map((o) => o.name),
      refused: described.filter((o) => !o.accepted).map((o) => ({ name: o.name, reasons: o.reasons })),
      notDescribed: ops.filter((o) => !o.described).map((o) => o.name),
      answers: s.answers,
      timestampAnswers: s.timestampAnswers,
      badTimestampAnswers: s.badTimestampAnswers,
      badTimestampOperations: described.filter((o) => o.badTimestamps).map((o) => o.name),
    };
  });
}

function reason(violations) {
  const first = violations[0];
  if (!first) return "";
  const where = Array.isArray(first.path) ? first.path.join(".") : "";
  return `${where} ${first.message ?? ""}`.trim();
}

// The result of `npm run wire:replay`: per official SDK, the operations a Prism mock of this description (and of
// Stytch's) accepted. It is committed as openapi/sdk-wire.json, beside openapi/UPSTREAM.md and NOTES-sdk-wire.md:
// like them it is a measurement of the description (not an input of the tests, as the fixtures are), and
// `npm run spec:upstream` reads its figures from there. The "Proven against" table is rendered from it.
import { readFile, writeFile } from "node:fs/promises";
import { root } from "./run.mjs";

/** @import { CallResult, Violation } from "./wire-replay.mjs" */

/**
 * One SDK's calls against one description, summed up per operation (the SDK's method name).
 * @typedef {object} SdkSummary
 * @property {string} sdk  "node", "ruby", "python" or "go"
 * @property {string} version  the SDK's version
 * @property {string[]} described  the operations the description has a route for
 * @property {string[]} accepted  those whose every call got a 2xx with no `sl-violations`
 * @property {{ name: string, reasons: string[] }[]} refused  the others, with Prism's first violation per call
 * @property {string[]} notDescribed  operations the description has no route for (not sent)
 * @property {number} answers  calls sent
 * @property {number} timestampAnswers  answers carrying a timestamp (`*_at`)
 * @property {number} badTimestampAnswers  of those, answers with a timestamp that is not RFC 3339
 * @property {string[]} badTimestampOperations  operations with such an answer
 */

/**
 * What openapi/sdk-wire.json holds: every SDK against our description and, when it was measured, Stytch's.
 * @typedef {{ note: string, ours: SdkSummary[], upstream?: SdkSummary[] }} WireResult
 */

/**
 * The committed result.
 * @example const result = await readWireResult(SDK_WIRE_RESULT);
 */
export const SDK_WIRE_RESULT = `${root}openapi/sdk-wire.json`;

/**
 * The page that holds the "proven-against" block, the table rendered from the result.
 * @example await writeBlock(PROVEN_AGAINST_FILE, "proven-against", provenTable(result));
 */
export const PROVEN_AGAINST_FILE = `${root}docs/upstream.md`;

const NOTE = "Written by `npm run wire:replay -- --update-readme`; do not edit by hand.";
const NAMES = { node: "Node `stytch`", ruby: "Ruby gem `stytch`", python: "Python `stytch`", go: "Go `stytch-go/v18`" };
/** @type {(keyof typeof NAMES)[]} */
const ORDER = ["node", "ruby", "python", "go"];

/**
 * Per SDK: the operations (by the recordings' names) the spec describes, those whose every recorded line was
 * accepted, those refused (with the first reason), those not described, and the answers carrying a timestamp
 * that is not RFC 3339; in the order the results come.
 * @example const ours = summarize([...nodeResults, ...(await replay(spec, url, recordings))]);
 * @param {CallResult[]} results
 * @returns {SdkSummary[]}
 */
export function summarize(results) {
  /** @typedef {{ name: string, described: boolean, accepted: boolean, reasons: string[], badTimestamps: boolean }} Op */
  /** @type {Map<string, { sdk: string, version: string, ops: Map<string, Op>, answers: number, timestampAnswers: number, badTimestampAnswers: number }>} */
  const bySdk = new Map();
  for (const r of results) {
    const sdk = r.recording.sdk;
    const s = bySdk.get(sdk) ?? {
      sdk,
      version: r.recording.sdk_version,
      ops: new Map(),
      answers: 0,
      timestampAnswers: 0,
      badTimestampAnswers: 0,
    };
    bySdk.set(sdk, s);
    const name = r.recording.operation;
    const op = s.ops.get(name) ?? {
      name,
      described: Boolean(r.route),
      accepted: true,
      reasons: [],
      badTimestamps: false,
    };
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

/**
 * Prism's first violation of a call, as "where message".
 * @param {Violation[]} violations
 */
function reason(violations) {
  const first = violations[0];
  if (!first) return "";
  const where = Array.isArray(first.path) ? first.path.join(".") : "";
  return `${where} ${first.message ?? ""}`.trim();
}

/**
 * Reads the committed result.
 * @example const { ours } = await readWireResult();
 * @param {string} [file]
 * @returns {Promise<WireResult>}
 */
export async function readWireResult(file = SDK_WIRE_RESULT) {
  return JSON.parse(await readFile(file, "utf8"));
}

/**
 * Writes the result (`upstream` left out when Stytch's description was not measured), as stable, diffable JSON.
 * @example await writeWireResult({ ours, upstream });
 * @param {{ ours: SdkSummary[], upstream?: SdkSummary[] }} result
 * @param {string} [file]
 * @returns {Promise<void>}
 */
export async function writeWireResult({ ours, upstream }, file = SDK_WIRE_RESULT) {
  /** @type {WireResult} */
  const result = { note: NOTE, ours, ...(upstream ? { upstream } : {}) };
  await writeFile(file, `${JSON.stringify(result, null, 2)}\n`);
}

/**
 * Per SDK, in the table's order: its name, and "accepted/described" on our description and on Stytch's, counted on
 * the operations ours describes so that both count the same calls (undefined when Stytch's was not measured).
 * @example acceptedCounts(result)[0] // { sdk: "node", name: "Node `stytch`", ours: "55/55", upstream: "37/55", … }
 * @param {{ ours: SdkSummary[], upstream?: SdkSummary[] }} result
 */
export function acceptedCounts({ ours, upstream }) {
  return ORDER.map((sdk) => {
    const o = ours.find((s) => s.sdk === sdk);
    if (!o) throw new Error(`the wire:replay result has no ${sdk} SDK`);
    const u = upstream?.find((s) => s.sdk === sdk);
    if (upstream && !u) throw new Error(`the wire:replay result has no ${sdk} SDK for Stytch's description`);
    const accepted = (/** @type {string[]} */ names) => u?.accepted.filter((name) => names.includes(name)).length;
    const extra = u?.described.filter((name) => !o.described.includes(name)) ?? [];
    return {
      sdk,
      name: NAMES[sdk],
      ours: o,
      upstream: u,
      oursCell: `${o.accepted.length}/${o.described.length}`,
      upstreamCell: u && `${accepted(o.described)}/${o.described.length}`,
      upstreamOtherCell: u && (extra.length ? `${accepted(extra)}/${extra.length}` : "not recorded"),
    };
  });
}

/** "bad of with": answers whose timestamps are not all RFC 3339, of the answers carrying a timestamp. */
const stamps = (/** @type {SdkSummary} */ s) => `${s.badTimestampAnswers} of ${s.timestampAnswers}`;

/**
 * The "Proven against" table (markdown): a row per SDK, with Stytch's description's columns when it was measured.
 * @example await writeBlock(PROVEN_AGAINST_FILE, "proven-against", provenTable(await readWireResult()));
 * @param {{ ours: SdkSummary[], upstream?: SdkSummary[] }} result
 * @returns {string}
 */
export function provenTable(result) {
  const n = result.ours[0]?.described.length;
  const rows = acceptedCounts(result).map((c) => {
    const cells = [`${c.name} ${c.ours.version}`, c.oursCell];
    if (c.upstream) cells.push(`${c.upstreamCell}`, `${c.upstreamOtherCell}`);
    cells.push(stamps(c.ours));
    if (c.upstream) cells.push(stamps(c.upstream));
    return `| ${cells.join(" | ")} |`;
  });
  const head = result.upstream
    ? [
        `| official SDK | operations accepted: this description | Stytch's description, the same ${n} operations | Stytch's description, its other recorded operations | answers with a non-RFC 3339 timestamp, of those carrying one: this description | the same, Stytch's description |`,
        "|---|---|---|---|---|---|",
      ]
    : [
        "| official SDK | operations accepted: this description | answers with a non-RFC 3339 timestamp, of those carrying one |",
        "|---|---|---|",
      ];
  return [...head, ...rows].join("\n");
}

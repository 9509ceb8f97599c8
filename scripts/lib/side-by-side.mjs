// The README's side-by-side table of `npm run spec:upstream -- --update-readme`: our description and Stytch's on our
// operations, each figure measured here (field recall vs the Node SDK's types, error schemas, 429, examples,
// `redocly lint` with the recommended rules) or read from `npm run wire:replay`'s result (openapi/sdk-wire.json).
import { execFile } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { errorResponses, operationsByRoute, pathNames, requestFields, responseFields } from "./operation-fields.mjs";
import { root } from "./run.mjs";
import { SDK_TYPES, sdkFields } from "./sdk-types.mjs";
import { acceptedCounts, readWireResult } from "./sdk-wire-result.mjs";
import { deref } from "./spec.mjs";

/** @import { RouteEntry } from "./operation-fields.mjs" */
/** @import { Spec } from "./spec.mjs" */

/**
 * Named or inline JSON examples of an operation: its request body and every response.
 * @param {Spec} doc
 * @param {Spec} op
 */
function examplesOf(doc, op) {
  const count = (/** @type {Spec | undefined} */ media) =>
    media?.examples ? Object.keys(media.examples).length : media?.example !== undefined ? 1 : 0;
  let n = count(deref(doc, op.requestBody)?.content?.["application/json"]);
  for (const r of Object.values(op.responses ?? {})) n += count(deref(doc, r)?.content?.["application/json"]);
  return n;
}

/**
 * `redocly lint` with the recommended rules only (not our stricter redocly.yaml), as errors and warnings.
 * @param {string} file
 * @param {string} work
 */
async function lintRecommended(file, work) {
  const config = join(work, "redocly.yaml");
  await writeFile(config, "extends:\n  - recommended\n");
  /** @type {string} */
  const out = await new Promise((resolve) => {
    execFile(
      `${root}node_modules/.bin/redocly`,
      ["lint", file, "--config", config, "--format", "json"],
      { cwd: work, maxBuffer: 64 << 20 },
      (_, stdout) => resolve(stdout),
    );
  });
  const { totals } = JSON.parse(out);
  return `${totals.errors} error${totals.errors === 1 ? "" : "s"}, ${totals.warnings} warning${totals.warnings === 1 ? "" : "s"}`;
}

/**
 * The "official SDK calls accepted by a Prism mock" cells, ours then Stytch's: "Node 55/55, Ruby 55/55, …".
 * @returns {Promise<[ours: string, theirs: string]>}
 */
async function acceptedCells() {
  const result = await readWireResult();
  if (!result.upstream)
    throw new Error(
      "openapi/sdk-wire.json has no result for Stytch's description: run `npm run wire:replay -- --update-readme` with it",
    );
  const counts = acceptedCounts(result);
  const cells = (/** @type {(c: (typeof counts)[number]) => string | undefined} */ cell) =>
    counts.map((c) => `${c.name.split(" ")[0]} ${cell(c)}`).join(", ");
  return [cells((c) => c.oursCell), cells((c) => c.upstreamCell)];
}

/**
 * The README's side-by-side table, on our operations.
 * @example await writeBlock(file, "side-by-side", await sideBySide(oursDoc, theirsDoc, upstreamFile, work));
 * @param {Spec} oursDoc  bundled
 * @param {Spec} theirsDoc
 * @param {string} upstreamFile  Stytch's description, for `redocly lint`
 * @param {string} work  a scratch folder holding our bundle as `ours.yaml`
 * @returns {Promise<string>}
 */
export async function sideBySide(oursDoc, theirsDoc, upstreamFile, work) {
  const ours = operationsByRoute(oursDoc);
  const theirs = operationsByRoute(theirsDoc);
  const n = ours.size;
  const matched = [...ours.keys()].filter((k) => theirs.has(k));
  /**
   * @template T
   * @param {Spec} doc
   * @param {Map<string, RouteEntry>} routes
   * @param {(doc: Spec, entry: RouteEntry) => T} fn
   */
  const per = (doc, routes, fn) =>
    [...ours.keys()].map((k) => {
      const entry = routes.get(k);
      return entry ? fn(doc, entry) : undefined;
    });
  // Field recall: of the SDK's request and response fields (flattened, nested), how many each description has.
  let sdkTotal = 0;
  const found = [0, 0];
  for (const [key, o] of ours) {
    const [req, res] = SDK_TYPES[o.op.operationId] ?? [];
    if (!req || !res) throw new Error(`scripts/lib/sdk-types.mjs has no SDK types for ${o.op.operationId}`);
    /** @type {[Spec, RouteEntry | undefined][]} */
    const sides = [
      [oursDoc, o],
      [theirsDoc, theirs.get(key)],
    ];
    for (const [type, flatten] of /** @type {const} */ ([
      [req, requestFields],
      [res, responseFields],
    ])) {
      const sdk = [...sdkFields(type).keys()].filter((k) => !k.includes("(any filter_name)"));
      sdkTotal += sdk.length;
      sides.forEach(([doc, entry], i) => {
        if (!entry) return;
        const have = flatten(doc, entry, i === 1 ? pathNames(entry.path, o.path) : undefined);
        found[i] = (found[i] ?? 0) + sdk.filter((k) => have.has(k)).length;
      });
    }
  }
  const pct = (/** @type {number} */ x) => `${((100 * x) / sdkTotal).toFixed(1)} % (${x} of ${sdkTotal})`;
  const errorSchemas = (/** @type {Spec} */ doc, /** @type {Map<string, RouteEntry>} */ routes) =>
    per(doc, routes, (d, e) => {
      const errs = [...errorResponses(d, e).values()];
      return errs.length > 0 && errs.every((x) => x.schema);
    }).filter(Boolean).length;
  const with429 = (/** @type {Spec} */ doc, /** @type {Map<string, RouteEntry>} */ routes) => {
    const list = per(doc, routes, (d, e) => errorResponses(d, e).get("429")).filter((x) => x !== undefined);
    return `${list.length}/${n}, ${list.filter((r) => r.schema).length} with a schema`;
  };
  const examples = (/** @type {Spec} */ doc, /** @type {Map<string, RouteEntry>} */ routes) => {
    const list = per(doc, routes, (d, e) => examplesOf(d, e.op)).filter((x) => x !== undefined);
    return `${(list.reduce((a, b) => a + b, 0) / list.length).toFixed(1)} (${Math.min(...list)}–${Math.max(...list)})`;
  };
  const prism = await acceptedCells();
  const rows = [
    ["OpenAPI version", oursDoc.openapi, theirsDoc.openapi, "`npm run spec:upstream`"],
    [
      `operations covered (of our ${n})`,
      `${n}/${n}`,
      `${matched.length}/${n} (${theirs.size} in all)`,
      "`npm run spec:upstream`",
    ],
    ["official SDK calls accepted by a Prism mock", prism[0], prism[1], "`npm run wire:replay` (table above)"],
    [
      "field recall vs the Node SDK's types (request + response fields, nested)",
      pct(found[0] ?? 0),
      pct(found[1] ?? 0),
      "`npm run spec:upstream`",
    ],
    [
      "operations whose every error response has a schema",
      `${errorSchemas(oursDoc, ours)}/${n}`,
      `${errorSchemas(theirsDoc, theirs)}/${n}`,
      "`npm run spec:upstream`",
    ],
    [
      "operations declaring 429 (rate limit)",
      with429(oursDoc, ours),
      with429(theirsDoc, theirs),
      "`npm run spec:upstream`",
    ],
    [
      "`redocly lint`, recommended rules",
      await lintRecommended(`${work}/ours.yaml`, work),
      await lintRecommended(upstreamFile, work),
      "`npm run spec:upstream` (ours: `npm run lint`, recommended-strict + house rules: 0 errors, 0 warnings)",
    ],
    [
      "JSON examples per operation (request + responses), mean (min–max)",
      examples(oursDoc, ours),
      examples(theirsDoc, theirs),
      "`npm run spec:upstream`",
    ],
  ];
  return [
    `| on our ${n} operations | this description | Stytch's description | measured by |`,
    "|---|---|---|---|",
    ...rows.map((r) => `| ${r.join(" | ")} |`),
  ].join("\n");
}

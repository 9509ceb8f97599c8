// `npm run spec:upstream`: our description vs Stytch's own (vendor/stytch-openapi/openapi.yml), operation by
// operation for every operation we describe, with the side the official Node SDK agrees with; writes
// openapi/UPSTREAM.md.
//   npm run spec:upstream                 writes openapi/UPSTREAM.md
//   npm run spec:upstream -- --check      fails when openapi/UPSTREAM.md is stale, or when Stytch's description and
//                                         the SDK agree against ours on a difference not listed in KEPT below
//   npm run spec:upstream -- --upstream FILE   another copy of Stytch's description
//   npm run spec:upstream -- --update-readme   also measures both descriptions side by side (field recall vs the
//                                         SDK, error schemas, 429, examples, `redocly lint` with the recommended
//                                         rules) and writes the README's comparison table; the Prism row is read
//                                         from the README's "Proven against" table (`npm run wire:replay`)
// Offline: both descriptions and the SDK (node_modules/stytch) are on disk.
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bundleSpec } from "./lib/bundle.mjs";
import { root } from "./lib/run.mjs";
import { SDK_TYPES, sdkFields, sdkSendsBody } from "./lib/sdk-types.mjs";
import { errorResponses, operationsByRoute, pathNames, requestFields, responseFields } from "./lib/spec-fields.mjs";
import { deref, loadSpec } from "./lib/spec.mjs";
import { compareDescriptions } from "./lib/upstream-diff.mjs";

const OUT = `${root}openapi/UPSTREAM.md`;
const UPSTREAM = `${root}vendor/stytch-openapi/openapi.yml`;

/**
 * Differences where Stytch's description and the SDK agree against ours, kept on purpose: each with the evidence
 * that outweighs the two. Matched on operation, place and kind; an entry that matches nothing fails --check.
 */
export const KEPT = [
  {
    operations: ["searchUsers", "searchMembers", "searchOrganizations", "searchConnectedAppClients"],
    at: "response .results_metadata.next_cursor",
    kind: "required",
    reason: "always sent, `null` on the last page: required and nullable in our ResultsMetadata (NOTES-users, NOTES-connected-apps); the SDK marks it optional",
  },
  {
    operations: ["getOrganizationConnectedApp"],
    at: "response .request_id",
    kind: "presence",
    reason: "every answer carries a request_id and the Python SDK's model requires it; the Node SDK's type lacks it (NOTES-organizations)",
  },
];

const argv = process.argv.slice(2);
const option = (name) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);

/** Both descriptions bundled/parsed and compared, with the Node SDK's verdicts. */
async function compare(upstreamFile) {
  const work = await mkdtemp(join(tmpdir(), "stytch-spec-upstream-"));
  try {
    const oursDoc = await loadSpec(await bundleSpec(join(work, "ours.yaml")));
    const theirsDoc = await loadSpec(upstreamFile);
    const errorFields = [...sdkFields("StytchErrorJSON").keys()].filter((k) => !k.slice(1).includes(".")).map((k) => k.slice(1));
    const sdk = { types: SDK_TYPES, fields: sdkFields, sendsBody: sdkSendsBody(), errorFields };
    const result = compareDescriptions(oursDoc, theirsDoc, sdk);
    if (argv.includes("--update-readme")) result.table = await sideBySide(oursDoc, theirsDoc, upstreamFile, work);
    return result;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}


/** Named or inline JSON examples of an operation: its request body and every response. */
function examplesOf(doc, op) {
  const count = (media) => (media?.examples ? Object.keys(media.examples).length : media?.example !== undefined ? 1 : 0);
  let n = count(deref(doc, op.requestBody)?.content?.["application/json"]);
  for (const r of Object.values(op.responses ?? {})) n += count(deref(doc, r)?.content?.["application/json"]);
  return n;
}

/** `redocly lint` with the recommended rules only (not our stricter redocly.yaml), as errors and warnings. */
async function lintRecommended(file, work) {
  const config = join(work, "redocly.yaml");
  await writeFile(config, "extends:\n  - recommended\n");
  const out = await new Promise((resolve) => {
    execFile(`${root}node_modules/.bin/redocly`, ["lint", file, "--config", config, "--format", "json"], { cwd: work, maxBuffer: 64 << 20 }, (_, stdout) => resolve(stdout));
  });
  const { totals } = JSON.parse(out);
  return `${totals.errors} error${totals.errors === 1 ? "" : "s"}, ${totals.warnings} warning${totals.warnings === 1 ? "" : "s"}`;
}

/** The README's side-by-side table, on our operations; every figure measured here or read from `npm run wire:replay`'s table. */
async function sideBySide(oursDoc, theirsDoc, upstreamFile, work) {
  const ours = operationsByRoute(oursDoc);
  const theirs = operationsByRoute(theirsDoc);
  const n = ours.size;
  const matched = [...ours.keys()].filter((k) => theirs.has(k));
  const per = (doc, routes, fn) => [...ours.keys()].map((k) => (routes.has(k) ? fn(doc, routes.get(k), k) : undefined));
  // Field recall: of the SDK's request and response fields (flattened, nested), how many each description has.
  let sdkTotal = 0;
  const found = [0, 0];
  for (const [key, o] of ours) {
    const [req, res] = SDK_TYPES[o.op.operationId];
    const sides = [[oursDoc, o], [theirsDoc, theirs.get(key)]];
    for (const [type, flatten] of [[req, requestFields], [res, responseFields]]) {
      const sdk = [...sdkFields(type).keys()].filter((k) => !k.includes("(any filter_name)"));
      sdkTotal += sdk.length;
      sides.forEach(([doc, entry], i) => {
        if (!entry) return;
        const have = flatten(doc, entry, i === 1 ? pathNames(entry.path, o.path) : undefined);
        found[i] += sdk.filter((k) => have.has(k)).length;
      });
    }
  }
  const pct = (x) => `${((100 * x) / sdkTotal).toFixed(1)} % (${x} of ${sdkTotal})`;
  const errorSchemas = (doc, routes) => per(doc, routes, (d, e) => {
    const errs = [...errorResponses(d, e).values()];
    return errs.length > 0 && errs.every((x) => x.schema);
  }).filter(Boolean).length;
  const with429 = (doc, routes) => {
    const list = per(doc, routes, (d, e) => errorResponses(d, e).get("429")).filter(Boolean);
    return `${list.length}/${n}, ${list.filter((r) => r.schema).length} with a schema`;
  };
  const examples = (doc, routes) => {
    const list = per(doc, routes, (d, e) => examplesOf(d, e.op)).filter((x) => x !== undefined);
    return `${(list.reduce((a, b) => a + b, 0) / list.length).toFixed(1)} (${Math.min(...list)}–${Math.max(...list)})`;
  };
  const readme = await readFile(`${root}docs/upstream.md`, "utf8");
  const proven = readme.slice(readme.indexOf("<!-- BEGIN proven-against -->"), readme.indexOf("<!-- END proven-against -->"));
  const prism = [1, 2].map((col) =>
    proven
      .split("\n")
      .filter((l) => /^\| (Node|Ruby|Python|Go) /.test(l))
      .map((l) => `${l.split("|")[1].trim().split(" ")[0]} ${l.split("|")[1 + col].trim()}`)
      .join(", "),
  );
  const rows = [
    ["OpenAPI version", oursDoc.openapi, theirsDoc.openapi, "`npm run spec:upstream`"],
    ["operations covered (of our " + n + ")", `${n}/${n}`, `${matched.length}/${n} (${theirs.size} in all)`, "`npm run spec:upstream`"],
    ["official SDK calls accepted by a Prism mock", prism[0], prism[1], "`npm run wire:replay` (table above)"],
    ["field recall vs the Node SDK's types (request + response fields, nested)", pct(found[0]), pct(found[1]), "`npm run spec:upstream`"],
    ["operations whose every error response has a schema", `${errorSchemas(oursDoc, ours)}/${n}`, `${errorSchemas(theirsDoc, theirs)}/${n}`, "`npm run spec:upstream`"],
    ["operations declaring 429 (rate limit)", with429(oursDoc, ours), with429(theirsDoc, theirs), "`npm run spec:upstream`"],
    ["`redocly lint`, recommended rules", await lintRecommended(`${work}/ours.yaml`, work), await lintRecommended(upstreamFile, work), "`npm run spec:upstream` (ours: `npm run lint`, recommended-strict + house rules: 0 errors, 0 warnings)"],
    ["JSON examples per operation (request + responses), mean (min–max)", examples(oursDoc, ours), examples(theirsDoc, theirs), "`npm run spec:upstream`"],
  ];
  return [
    `| on our ${n} operations | this description | Stytch's description | measured by |`,
    "|---|---|---|---|",
    ...rows.map((r) => `| ${r.join(" | ")} |`),
  ].join("\n");
}

const kept = (operationId, row) => KEPT.find((k) => k.operations.includes(operationId) && k.at === row.at && k.kind === row.kind);

function render({ operations, upstreamCount }, sdkVersion) {
  const all = operations.flatMap((o) => o.rows.map((r) => ({ ...r, id: o.id })));
  const kinds = ["presence", "type", "required", "nullable", "enum", "request body", "error response"];
  const names = { presence: "field on one side only", type: "type", required: "required-ness", nullable: "nullability", enum: "enum / const", "request body": "request body declared or not", "error response": "error response (status, schema)" };
  const sides = ["ours", "Stytch's", "both", "neither", "silent"];
  const lines = [
    "# Our description vs Stytch's own",
    "",
    "<!-- Generated by `npm run spec:upstream`; do not edit by hand. `npm test` fails when it is stale. -->",
    "",
    `Every operation of ours (\`openapi/\`, bundled) against Stytch's official description (\`vendor/stytch-openapi/openapi.yml\`,`,
    `${upstreamCount} operations, OpenAPI 3.0.3; see its README for the commit), matched on method and path whatever the parameter names.`,
    `For each difference, the last column says which side the official Node SDK (npm \`stytch\` ${sdkVersion}) agrees with:`,
    "its TypeScript types for fields (the reading shared with `test/vendor/sdk-types.test.ts`, `scripts/lib/sdk-types.mjs`),",
    "its compiled calls for request bodies, its `StytchErrorJSON` for error bodies. \"silent\": the SDK does not say",
    "(an optional field says nothing about `null`, an open `string` nothing about allowed values, a field the SDK",
    "does not have nothing about its type). \"neither\": the SDK disagrees with both.",
    "",
    "What is compared: the request (JSON body + path and query parameters, as the SDK's request type has them; header",
    "parameters are the SDK's options) and the 200 answer, field by field and nested; `integer` and `number` are one kind,",
    "as in TypeScript. A field on one side only is listed once, with the number of fields nested under it. Formats,",
    "patterns and limits are not compared (`npm run wire:replay` shows what Stytch's timestamps without `format` do).",
    "",
    "## Summary",
    "",
    `| difference | count | SDK agrees with ours | with Stytch's | with both | with neither | SDK silent |`,
    "|---|---|---|---|---|---|---|",
  ];
  for (const kind of kinds) {
    const rows = all.filter((r) => r.kind === kind);
    lines.push(`| ${names[kind]} | ${rows.length} | ${sides.map((s) => rows.filter((r) => r.side === s).length).join(" | ")} |`);
  }
  lines.push(`| **all** | **${all.length}** | ${sides.map((s) => `**${all.filter((r) => r.side === s).length}**`).join(" | ")} |`);
  const against = all.filter((r) => r.side === "Stytch's");
  lines.push("", "## Where Stytch's description and the SDK agree against ours", "");
  lines.push("Each of these would be a bug in our description; those listed are kept on purpose, with the evidence (`KEPT` in `scripts/spec-upstream.mjs`).", "");
  if (against.length === 0) lines.push("None.");
  for (const r of against) {
    const k = kept(r.id, r);
    lines.push(`- \`${r.id}\` ${r.at} (${r.kind}): ours ${r.ours}, Stytch's ${r.theirs}, SDK ${r.sdk}. ${k ? `Kept: ${k.reason}.` : "**Not explained: fix ours.**"}`);
  }
  const missing = operations.filter((o) => !o.upstreamId);
  lines.push("", "## Operations", "");
  if (missing.length) lines.push(`Not in Stytch's description: ${missing.map((o) => `\`${o.id}\``).join(", ")}.`, "");
  for (const o of operations) {
    if (!o.upstreamId) continue;
    lines.push(`### \`${o.id}\` — \`${o.key.split(" ")[0]} ${o.path}\``, "", `Stytch's operationId: \`${o.upstreamId}\`. ${o.rows.length} difference(s).`, "");
    if (o.rows.length === 0) continue;
    lines.push("| where | difference | ours | Stytch's | the SDK | agrees with |", "|---|---|---|---|---|---|");
    for (const r of o.rows) lines.push(`| \`${r.at}\` | ${names[r.kind]} | ${r.ours} | ${r.theirs} | ${r.sdk} | ${r.side} |`);
    lines.push("");
  }
  return { text: `${lines.join("\n").trimEnd()}\n`, against, all };
}

async function main() {
  const upstreamFile = option("--upstream") ?? UPSTREAM;
  const { version } = JSON.parse(await readFile(`${root}node_modules/stytch/package.json`, "utf8"));
  const result = await compare(upstreamFile);
  const { text, against, all } = render(result, version);
  const unexplained = against.filter((r) => !kept(r.id, r));
  const staleKept = KEPT.flatMap((k) => k.operations.filter((id) => !against.some((r) => r.id === id && r.at === k.at && r.kind === k.kind)).map((id) => `${id} ${k.at} ${k.kind}`));
  const problems = [
    ...unexplained.map((r) => `Stytch's description and the SDK agree against ours: ${r.id} ${r.at} (${r.kind}) — fix openapi/ or add it to KEPT with the evidence`),
    ...staleKept.map((k) => `KEPT entry matches nothing (remove it): ${k}`),
  ];
  if (argv.includes("--check")) {
    const current = await readFile(OUT, "utf8").catch(() => "");
    if (current !== text) problems.unshift("openapi/UPSTREAM.md is stale: run `npm run spec:upstream` and commit it");
  } else {
    await writeFile(OUT, text);
    console.error(`openapi/UPSTREAM.md: ${all.length} differences on ${result.operations.length} operations, ${against.length} where Stytch's description and the SDK agree against ours`);
  }
  if (result.table) {
    const file = `${root}docs/upstream.md`;
    const readme = await readFile(file, "utf8");
    const [begin, end] = ["<!-- BEGIN side-by-side -->", "<!-- END side-by-side -->"];
    const a = readme.indexOf(begin);
    const b = readme.indexOf(end);
    if (a < 0 || b < a) throw new Error(`README.md: markers ${begin} … ${end} not found`);
    await writeFile(file, `${readme.slice(0, a + begin.length)}\n${result.table}\n${readme.slice(b)}`);
    console.log(result.table);
    console.error("README.md updated");
  }
  for (const p of problems) console.error(p);
  if (problems.length) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 2;
});

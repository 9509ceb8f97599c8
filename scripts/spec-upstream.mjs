// `npm run spec:upstream`: our description vs Stytch's own (vendor/stytch-openapi/openapi.yml), operation by
// operation for every operation we describe, with the side the official Node SDK agrees with; writes
// openapi/UPSTREAM.md.
//   npm run spec:upstream                 writes openapi/UPSTREAM.md
//   npm run spec:upstream -- --check      fails when openapi/UPSTREAM.md is stale, or when Stytch's description and
//                                         the SDK agree against ours on a difference not listed in KEPT below
//   npm run spec:upstream -- --upstream FILE   another copy of Stytch's description
//   npm run spec:upstream -- --update-readme   also measures both descriptions side by side (field recall vs the
//                                         SDK, error schemas, 429, examples, `redocly lint` with the recommended
//                                         rules) and writes the comparison table of docs/upstream.md; the Prism row is read
//                                         from `npm run wire:replay`'s result, openapi/sdk-wire.json
// Offline: both descriptions and the SDK (node_modules/stytch) are on disk.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeBlock } from "./lib/blocks.mjs";
import { bundleSpec } from "./lib/bundle.mjs";
import { root } from "./lib/run.mjs";
import { sdkSendsBody } from "./lib/sdk-calls.mjs";
import { SDK_TYPES, sdkFields } from "./lib/sdk-types.mjs";
import { sideBySide } from "./lib/side-by-side.mjs";
import { loadSpec } from "./lib/spec.mjs";
import { compareDescriptions } from "./lib/upstream-diff.mjs";
import { keptFor, renderUpstream } from "./lib/upstream-md.mjs";

/** @import { Kept } from "./lib/upstream-md.mjs" */

const OUT = `${root}openapi/UPSTREAM.md`;
const UPSTREAM = `${root}vendor/stytch-openapi/openapi.yml`;
/** The page that holds the "side-by-side" block (`--update-readme`). */
const SIDE_BY_SIDE_FILE = `${root}docs/upstream.md`;

/**
 * Differences where Stytch's description and the SDK agree against ours, kept on purpose: each with the evidence
 * that outweighs the two. Matched on operation, place and kind; an entry that matches nothing fails --check.
 * @example keptFor(KEPT, "searchUsers", { at: "response .results_metadata.next_cursor", kind: "required" })
 * @type {Kept[]}
 */
export const KEPT = [
  {
    operations: ["searchUsers", "searchMembers", "searchOrganizations", "searchConnectedAppClients"],
    at: "response .results_metadata.next_cursor",
    kind: "required",
    reason:
      "always sent, `null` on the last page: required and nullable in our ResultsMetadata (NOTES-users, NOTES-connected-apps); the SDK marks it optional",
  },
  {
    operations: ["getOrganizationConnectedApp"],
    at: "response .request_id",
    kind: "presence",
    reason:
      "every answer carries a request_id and the Python SDK's model requires it; the Node SDK's type lacks it (NOTES-organizations)",
  },
];

const argv = process.argv.slice(2);
const option = (/** @type {string} */ name) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);

/**
 * Both descriptions bundled/parsed and compared, with the Node SDK's verdicts; with `--update-readme`, also the
 * side-by-side table of docs/upstream.md.
 * @param {string} upstreamFile
 */
async function compare(upstreamFile) {
  const work = await mkdtemp(join(tmpdir(), "stytch-spec-upstream-"));
  try {
    const oursDoc = await loadSpec(await bundleSpec(join(work, "ours.yaml")));
    const theirsDoc = await loadSpec(upstreamFile);
    const errorFields = [...sdkFields("StytchErrorJSON").keys()]
      .filter((k) => !k.slice(1).includes("."))
      .map((k) => k.slice(1));
    const sdk = { types: SDK_TYPES, fields: sdkFields, sendsBody: sdkSendsBody(), errorFields };
    const result = compareDescriptions(oursDoc, theirsDoc, sdk);
    const table = argv.includes("--update-readme")
      ? await sideBySide(oursDoc, theirsDoc, upstreamFile, work)
      : undefined;
    return { ...result, table };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function main() {
  const upstreamFile = option("--upstream") ?? UPSTREAM;
  const { version } = JSON.parse(await readFile(`${root}node_modules/stytch/package.json`, "utf8"));
  const result = await compare(upstreamFile);
  const { text, against, all } = renderUpstream(result, version, KEPT);
  const unexplained = against.filter((r) => !keptFor(KEPT, r.id, r));
  const staleKept = KEPT.flatMap((k) =>
    k.operations
      .filter((id) => !against.some((r) => r.id === id && r.at === k.at && r.kind === k.kind))
      .map((id) => `${id} ${k.at} ${k.kind}`),
  );
  const problems = [
    ...unexplained.map(
      (r) =>
        `Stytch's description and the SDK agree against ours: ${r.id} ${r.at} (${r.kind}) — fix openapi/ or add it to KEPT with the evidence`,
    ),
    ...staleKept.map((k) => `KEPT entry matches nothing (remove it): ${k}`),
  ];
  if (argv.includes("--check")) {
    const current = await readFile(OUT, "utf8").catch(() => "");
    if (current !== text) problems.unshift("openapi/UPSTREAM.md is stale: run `npm run spec:upstream` and commit it");
  } else {
    await writeFile(OUT, text);
    console.error(
      `openapi/UPSTREAM.md: ${all.length} differences on ${result.operations.length} operations, ${against.length} where Stytch's description and the SDK agree against ours`,
    );
  }
  if (result.table) {
    await writeBlock(SIDE_BY_SIDE_FILE, "side-by-side", result.table);
    console.log(result.table);
    console.error(`${SIDE_BY_SIDE_FILE.slice(root.length)} updated`);
  }
  for (const p of problems) console.error(p);
  if (problems.length) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 2;
});

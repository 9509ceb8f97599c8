// `npm run wire:replay`: how many operations each official Stytch SDK's calls are accepted on, by a Prism mock of
// this description and of Stytch's own description, printed as the "Proven against" table of docs/upstream.md.
//   node scripts/wire-replay.mjs                   our working tree, plus Stytch's description when it is present
//   node scripts/wire-replay.mjs --ref main        our description as committed at a git ref (e.g. before a change)
//   node scripts/wire-replay.mjs --upstream FILE   Stytch's description (default: vendor/stytch-openapi/openapi.yml,
//                                                  then ../shared/upstream/…); --no-upstream skips it
//   node scripts/wire-replay.mjs --details         also lists every refused operation with Prism's first reason
//   node scripts/wire-replay.mjs --update-readme   writes the result to openapi/sdk-wire.json (which
//                                                  `npm run spec:upstream` reads) and the table rendered from it into
//                                                  docs/upstream.md, between the proven-against markers
// Ruby, Python and Go: the recorded requests in test/fixtures/sdk-wire/ are sent byte for byte. Node: the official
// SDK (npm `stytch`) is called live with the vendor test's cases (test/vendor/vendor.cases.ts), through a proxy.
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeBlock } from "./lib/blocks.mjs";
import { bundleRef, bundleSpec } from "./lib/bundle.mjs";
import { freePort } from "./lib/ports.mjs";
import { spawnPrism } from "./lib/prism.mjs";
import { root } from "./lib/run.mjs";
import {
  PROVEN_AGAINST_FILE,
  provenTable,
  SDK_WIRE_RESULT,
  summarize,
  writeWireResult,
} from "./lib/sdk-wire-result.mjs";
import { loadSpec } from "./lib/spec.mjs";
import { replayNode } from "./lib/wire-node.mjs";
import { loadRecordings, replay } from "./lib/wire-replay.mjs";

/** @import { SdkSummary } from "./lib/sdk-wire-result.mjs" */

// The project keeps shared material beside its checkout (../shared, or ../../shared from a worktree under wt/).
const UPSTREAM_CANDIDATES = [
  `${root}vendor/stytch-openapi/openapi.yml`,
  `${root}../shared/upstream/stytch-openapi/openapi.yml`,
  `${root}../../shared/upstream/stytch-openapi/openapi.yml`,
];

/** @param {string} name */
function option(name) {
  const argv = process.argv.slice(2);
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}
const flag = (/** @type {string} */ name) => process.argv.slice(2).includes(name);

/**
 * Bundles our description: the working tree, or the `openapi/` folder as committed at a git ref.
 * @param {string | undefined} ref
 * @param {string} work
 */
const bundleOurs = (ref, work) => (ref ? bundleRef(ref, work) : bundleSpec());

/**
 * Serves `file` with Prism on a free port while `fn` runs.
 * @template T
 * @param {string} file
 * @param {(url: string) => Promise<T>} fn
 * @returns {Promise<T>}
 */
async function withPrism(file, fn) {
  const prism = spawnPrism({ spec: file, port: await freePort(), quiet: true });
  try {
    await prism.ready;
    return await fn(prism.url);
  } finally {
    await prism.stop();
  }
}

/**
 * Every SDK's calls against one description: Node live, the others from the recordings.
 * @param {string} file
 * @param {string} work
 */
async function measure(file, work) {
  const spec = await loadSpec(file);
  const recordings = await loadRecordings();
  return withPrism(file, async (url) => {
    const node = await replayNode(spec, url, work);
    const recorded = await replay(spec, url, recordings);
    return summarize([...node, ...recorded]);
  });
}

/**
 * The `--details` listing of one description: per SDK, the refused operations with their first reason.
 * @param {string} label
 * @param {SdkSummary[]} summary
 */
function details(label, summary) {
  const lines = [`\n${label}`];
  for (const s of summary) {
    lines.push(`  ${s.sdk} ${s.version}: ${s.accepted.length}/${s.described.length} operations accepted`);
    for (const r of s.refused) lines.push(`    refused ${r.name}: ${r.reasons[0]}`);
    if (s.notDescribed.length) lines.push(`    not described (skipped): ${s.notDescribed.join(", ")}`);
    if (s.badTimestampOperations.length) {
      lines.push(`    answers with a non-RFC 3339 timestamp on: ${s.badTimestampOperations.join(", ")}`);
    }
  }
  return lines.join("\n");
}

async function main() {
  const work = await mkdtemp(join(tmpdir(), "stytch-wire-replay-"));
  try {
    const ref = option("--ref");
    const ours = await measure(await bundleOurs(ref, work), work);
    const upstreamFile = flag("--no-upstream")
      ? undefined
      : (option("--upstream") ?? UPSTREAM_CANDIDATES.find((f) => existsSync(f)));
    const upstream = upstreamFile ? await measure(upstreamFile, work) : undefined;
    const md = provenTable({ ours, upstream });
    console.log(md);
    if (flag("--details")) {
      console.log(details(`this description (${ref ?? "working tree"})`, ours));
      if (upstream) console.log(details(`Stytch's description (${upstreamFile})`, upstream));
    }
    if (flag("--update-readme")) {
      await writeWireResult({ ours, upstream });
      await writeBlock(PROVEN_AGAINST_FILE, "proven-against", md);
      console.error(`${SDK_WIRE_RESULT.slice(root.length)} and ${PROVEN_AGAINST_FILE.slice(root.length)} updated`);
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});

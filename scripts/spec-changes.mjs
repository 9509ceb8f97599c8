// `npm run spec:changes`: what the spec edits since a git ref do to client users, each change classified breaking
// or not (scripts/lib/spec-diff.mjs says how). Exits 1 when a change is breaking, unless --allow-breaking.
//   npm run spec:changes                          since the last release tag (v*), or HEAD when there is none
//   npm run spec:changes -- --base <ref>          since any git ref (a commit, a branch, a tag)
//   npm run spec:changes -- --head <ref>          compare with a ref instead of the working tree
//   npm run spec:changes -- --all                 also list documentation changes (descriptions, examples)
//   npm run spec:changes -- --json                the changes as JSON, one object per change
//   npm run spec:changes -- --changelog           a CHANGELOG.md draft (bullets) instead of the report
//   npm run spec:changes -- --allow-breaking      exit 0 even when a change is breaking
// Both sides are bundled from git's objects and the working tree with Redocly, offline, in a temporary folder.
import { execFileSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bundleRef, bundleSpec } from "./lib/bundle.mjs";
import { root } from "./lib/run.mjs";
import { loadSpec } from "./lib/spec.mjs";
import { changelogDraft, formatChanges } from "./lib/spec-diff-report.mjs";
import { specChanges } from "./lib/spec-diff.mjs";

const argv = process.argv.slice(2);
const option = (/** @type {string} */ name) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
const flag = (/** @type {string} */ name) => argv.includes(name);

/** The newest release tag reachable from HEAD (`v0.3.0`), or undefined when there is none yet. */
function lastReleaseTag() {
  try {
    return execFileSync("git", ["describe", "--tags", "--abbrev=0", "--match", "v*"], {
      cwd: root,
      stdio: ["ignore", "pipe", "ignore"],
    })
      .toString()
      .trim();
  } catch {
    return undefined;
  }
}

async function main() {
  const base = option("--base") ?? lastReleaseTag() ?? "HEAD";
  const head = option("--head");
  const work = await mkdtemp(join(tmpdir(), "stytch-spec-changes-"));
  try {
    const before = await loadSpec(await bundleRef(base, work, "base"));
    const after = await loadSpec(
      head ? await bundleRef(head, work, "head") : await bundleSpec(join(work, "working-tree.yaml")),
    );
    const changes = specChanges(before, after);
    if (flag("--json")) console.log(JSON.stringify(changes, null, 2));
    else if (flag("--changelog")) console.log(changelogDraft(changes));
    else {
      console.error(`spec changes from ${base} to ${head ?? "the working tree"}:`);
      console.log(formatChanges(changes, { all: flag("--all") }));
    }
    const breaking = changes.filter((c) => c.breaking).length;
    if (breaking && !flag("--allow-breaking")) {
      console.error(
        `${breaking} breaking change(s): a release with them moves the minor version while 0.x (see README, "Releases"). Pass --allow-breaking to exit 0.`,
      );
      process.exitCode = 1;
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 2;
});

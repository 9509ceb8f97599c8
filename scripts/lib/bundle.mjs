// Bundles the multi-file spec (openapi/openapi.yaml) into one file, dist/openapi.yaml, as `npm run bundle` does;
// or the `openapi/` folder as committed at a git ref, from git's own objects (no network, no checkout).
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { root, runBin } from "./run.mjs";

/**
 * Where `npm run bundle` writes the bundled spec, which Prism serves.
 * @example const spec = flag("--no-bundle") ? BUNDLED_SPEC : await bundleSpec();
 */
export const BUNDLED_SPEC = `${root}dist/openapi.yaml`;

/**
 * Runs `redocly bundle` on the working tree; resolves with the path of the bundled spec (default dist/openapi.yaml).
 * @example const file = await bundleSpec(join(work, "ours.yaml"));
 * @param {string} [out]
 * @returns {Promise<string>}
 */
export async function bundleSpec(out = BUNDLED_SPEC) {
  await runBin("redocly", ["bundle", "openapi/openapi.yaml", "-o", out]);
  return out;
}

/**
 * Extracts `openapi/` as committed at `ref` into `work/<name>/` (`git archive`) and bundles it to `work/<name>.yaml`;
 * resolves with that file. Throws when the ref does not exist.
 * @example const before = await loadSpec(await bundleRef("v0.2.0", work, "base"));
 * @param {string} ref
 * @param {string} work  a scratch folder
 * @param {string} [name]
 * @returns {Promise<string>}
 */
export async function bundleRef(ref, work, name = "ref") {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  execFileSync("sh", ["-c", 'git archive "$1" openapi | tar -x -C "$2"', "sh", ref, dir], {
    cwd: root,
    stdio: ["ignore", "ignore", "pipe"],
  });
  const out = join(work, `${name}.yaml`);
  await runBin("redocly", ["bundle", join(dir, "openapi/openapi.yaml"), "-o", out]);
  return out;
}

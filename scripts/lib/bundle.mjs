// Bundles the multi-file spec (openapi/openapi.yaml) into one file, dist/openapi.yaml, as `npm run bundle` does;
// or the `openapi/` folder as committed at a git ref, from git's own objects (no network, no checkout).
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { root, runBin } from "./run.mjs";

export const BUNDLED_SPEC = `${root}dist/openapi.yaml`;

/** Runs `redocly bundle` on the working tree; resolves with the path of the bundled spec (default dist/openapi.yaml). */
export async function bundleSpec(out = BUNDLED_SPEC) {
  await runBin("redocly", ["bundle", "openapi/openapi.yaml", "-o", out]);
  return out;
}

/**
 * Extracts `openapi/` as committed at `ref` into `work/<name>/` (`git archive`) and bundles it to `work/<name>.yaml`;
 * resolves with that file. Throws when the ref does not exist.
 */
export async function bundleRef(ref, work, name = "ref") {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  execFileSync("sh", ["-c", 'git archive "$1" openapi | tar -x -C "$2"', "sh", ref, dir], { cwd: root, stdio: ["ignore", "ignore", "pipe"] });
  const out = join(work, `${name}.yaml`);
  await runBin("redocly", ["bundle", join(dir, "openapi/openapi.yaml"), "-o", out]);
  return out;
}

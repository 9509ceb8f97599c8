// Bundles the multi-file spec (openapi/openapi.yaml) into one file, dist/openapi.yaml, as `npm run bundle` does.
import { root, runBin } from "./run.mjs";

export const BUNDLED_SPEC = `${root}dist/openapi.yaml`;

/** Runs `redocly bundle`; resolves with the path of the bundled spec. */
export async function bundleSpec() {
  await runBin("redocly", ["bundle", "openapi/openapi.yaml", "-o", "dist/openapi.yaml"]);
  return BUNDLED_SPEC;
}

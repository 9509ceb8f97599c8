import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { bundleSpec } from "../../scripts/lib/bundle.mjs";
import { acquire, release } from "./run-shared.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** A private copy of dist/openapi.yaml for the Prism processes of this run (see `bundledSpec`). */
    bundledSpec: string;
  }
}

let acquired = false;

/**
 * Bundles the spec to dist/openapi.yaml, once per run, and keeps a private copy of it for Prism to serve: Prism
 * restarts when the file it serves changes, so `npm start` or another test run re-bundling dist/openapi.yaml must
 * not pull a mock away from under this run. The copy is removed when the last project that asked is done.
 *
 * @example const served = await bundledSpec(); // "/tmp/stytch-openapi-bundle-Xy12/openapi.yaml"
 */
export function bundledSpec(): Promise<string> {
  return acquire(
    "bundle",
    async () => {
      const bundled = await bundleSpec();
      const served = join(mkdtempSync(join(tmpdir(), "stytch-openapi-bundle-")), "openapi.yaml");
      copyFileSync(bundled, served);
      return served;
    },
    (served) => rmSync(join(served, ".."), { recursive: true, force: true }),
  );
}

/** Vitest global setup for the projects whose files read dist/openapi.yaml or start a Prism of their own. */
export async function setup(project: TestProject): Promise<void> {
  acquired = true;
  project.provide("bundledSpec", await bundledSpec());
}

export async function teardown(): Promise<void> {
  if (acquired) await release("bundle");
}

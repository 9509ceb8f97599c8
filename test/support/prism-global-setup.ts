import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { bundleSpec } from "../../scripts/lib/bundle.mjs";
import { startPrism, type RunningPrism } from "./prism.js";

declare module "vitest" {
  export interface ProvidedContext {
    prismUrl: string;
  }
}

let prism: RunningPrism | undefined;
let privateDir: string | undefined;

/**
 * Bundles the spec to dist/openapi.yaml (which tests read) and serves a private copy of it with one Prism mock
 * for the whole run: Prism restarts when the file it serves changes, so `npm start` or another test run
 * re-bundling dist/openapi.yaml must not pull the mock away from under this run. Stopped afterwards.
 */
export async function setup(project: TestProject): Promise<void> {
  const bundled = await bundleSpec();
  privateDir = mkdtempSync(join(tmpdir(), "stytch-openapi-prism-"));
  const served = join(privateDir, "openapi.yaml");
  copyFileSync(bundled, served);
  prism = await startPrism(served);
  project.provide("prismUrl", prism.url);
}

export async function teardown(): Promise<void> {
  await prism?.stop();
  if (privateDir) rmSync(privateDir, { recursive: true, force: true });
}

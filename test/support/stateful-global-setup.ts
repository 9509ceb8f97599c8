import { copyFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { BUNDLED_SPEC } from "../../scripts/lib/bundle.mjs";
import { startStateful, type RunningStateful } from "../../scripts/lib/stateful.mjs";
import { freePort } from "./prism.js";

declare module "vitest" {
  export interface ProvidedContext {
    statefulUrl: string;
    /** The fake itself, without Prism: for bulk set-up only (2,500 users), never for what a test proves. */
    statefulUpstreamUrl: string;
  }
}

let stateful: RunningStateful | undefined;
let privateDir: string | undefined;

/**
 * One stateful mock for the whole run, as `npm run mock -- --stateful --data test/fixtures/fake/data.json` serves
 * it: the fake behind `prism proxy --errors` on a private copy of the bundle (prism-global-setup bundles it first).
 * Tests that share it create their own records; the records of data.json belong to test/fake/every-operation.
 */
export async function setup(project: TestProject): Promise<void> {
  privateDir = mkdtempSync(join(tmpdir(), "stytch-openapi-stateful-"));
  const served = join(privateDir, "openapi.yaml");
  copyFileSync(BUNDLED_SPEC, served);
  const data = JSON.parse(readFileSync(new URL("../fixtures/fake/data.json", import.meta.url), "utf8"));
  stateful = await startStateful({ spec: served, port: await freePort(), data, quiet: true });
  await stateful.ready;
  project.provide("statefulUrl", stateful.url);
  project.provide("statefulUpstreamUrl", stateful.upstreamUrl);
}

export async function teardown(): Promise<void> {
  await stateful?.stop();
  if (privateDir) rmSync(privateDir, { recursive: true, force: true });
}

import type { TestProject } from "vitest/node";
import { bundledSpec } from "./bundle-global-setup.js";
import { startPrism, type RunningPrism } from "./prism.js";
import { acquire, release } from "./run-shared.js";

declare module "vitest" {
  export interface ProvidedContext {
    prismUrl: string;
  }
}

/** What this project's setup has acquired, in order (vitest tears down even a setup that failed half-way). */
const held: string[] = [];

/**
 * One Prism mock of the bundled spec (a private copy, see bundle-global-setup.ts) for the whole run, shared by every
 * project that lists this setup: it answers from the spec's examples and keeps no state, so files cannot see each
 * other through it. Stopped after the last of them.
 */
export async function setup(project: TestProject): Promise<void> {
  held.push("bundle");
  const served = await bundledSpec();
  held.push("prism");
  const prism = await acquire<RunningPrism>(
    "prism",
    () => startPrism(served),
    (p) => p.stop(),
  );
  project.provide("bundledSpec", served);
  project.provide("prismUrl", prism.url);
}

export async function teardown(): Promise<void> {
  for (const name of held.reverse()) await release(name);
}

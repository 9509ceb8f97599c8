import type { TestProject } from "vitest/node";
import { run, startPrism, type RunningPrism } from "./prism.js";

declare module "vitest" {
  export interface ProvidedContext {
    prismUrl: string;
  }
}

let prism: RunningPrism | undefined;

/** Bundles the spec and serves it with one Prism mock for all contract tests; stops it afterwards. */
export async function setup(project: TestProject): Promise<void> {
  await run("redocly", ["bundle", "openapi/openapi.yaml", "-o", "dist/openapi.yaml"]);
  prism = await startPrism("dist/openapi.yaml");
  project.provide("prismUrl", prism.url);
}

export async function teardown(): Promise<void> {
  await prism?.stop();
}

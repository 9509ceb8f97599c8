import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { acquire, release } from "./run-shared.js";

declare module "vitest" {
  export interface ProvidedContext {
    packageRunDir: string;
  }
}

let acquired = false;

/**
 * A directory private to this test run where test/package/setup.ts packs and installs the tarball, on first use
 * only: runs without the package tests pay nothing. One for the whole run, so that the package and command-line
 * projects share one tarball. Removed afterwards.
 */
export async function setup(project: TestProject): Promise<void> {
  acquired = true;
  const dir = await acquire(
    "package",
    async () => mkdtempSync(join(tmpdir(), "stytch-openapi-package-")),
    (made) => rmSync(made, { recursive: true, force: true }),
  );
  project.provide("packageRunDir", dir);
}

export async function teardown(): Promise<void> {
  if (acquired) await release("package");
}

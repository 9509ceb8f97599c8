import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    packageRunDir: string;
  }
}

let dir: string | undefined;

/**
 * A directory private to this test run where test/package/setup.ts packs and installs the tarball, on first use
 * only: runs without the package tests pay nothing. Removed afterwards.
 */
export function setup(project: TestProject): void {
  dir = mkdtempSync(join(tmpdir(), "stytch-openapi-package-"));
  project.provide("packageRunDir", dir);
}

export function teardown(): void {
  if (dir) rmSync(dir, { recursive: true, force: true });
}

import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "stytch-generate-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (...args: string[]) =>
  spawnSync(process.execPath, ["scripts/generate.mjs", ...args], { cwd: root, encoding: "utf8" });

describe("scripts/generate.mjs (npm run generate / check:generated)", () => {
  it("writes the types that are committed and the bundle that `redocly bundle` writes, byte for byte", () => {
    const types = join(dir, "stytch.ts");
    const bundle = join(dir, "openapi.yaml");
    expect(run("--types", types, "--bundle", bundle).status).toBe(0);
    expect(readFileSync(types, "utf8")).toBe(readFileSync(join(root, "src/generated/stytch.ts"), "utf8"));

    const cliBundle = join(dir, "cli.yaml");
    execFileSync(join(root, "node_modules/.bin/redocly"), ["bundle", "openapi/openapi.yaml", "-o", cliBundle], {
      cwd: root,
      stdio: "ignore",
    });
    expect(readFileSync(bundle, "utf8")).toBe(readFileSync(cliBundle, "utf8"));
  }, 60_000);

  it("--check passes on a fresh file and fails on a stale one", () => {
    const fresh = join(dir, "fresh.ts");
    const stale = join(dir, "stale.ts");
    const committed = readFileSync(join(root, "src/generated/stytch.ts"), "utf8");
    writeFileSync(fresh, committed);
    writeFileSync(
      stale,
      committed.replace("export interface paths {", 'export interface paths {\n    "/v1/gone": never;'),
    );
    expect(run("--check", "--types", fresh).status).toBe(0);
    const result = run("--check", "--types", stale);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/not up to date/);
  }, 60_000);
});

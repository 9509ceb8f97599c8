import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));

describe("README", () => {
  it("lists the mock's named examples exactly as the bundled spec has them (run `node scripts/docs.mjs --update-readme`)", () => {
    const generated = execFileSync(process.execPath, ["scripts/docs.mjs", "--examples-md", "--no-bundle"], {
      cwd: root,
      encoding: "utf8",
    }).trim();
    const readme = readFileSync(`${root}README.md`, "utf8");
    const section = readme.slice(readme.indexOf("<!-- BEGIN mock-and-docs -->"), readme.indexOf("<!-- END mock-and-docs -->"));
    expect(generated.length).toBeGreaterThan(1000);
    expect(section).toContain(generated);
  });

  it("states the test command that .ci/run runs", () => {
    const readme = readFileSync(`${root}README.md`, "utf8");
    const ci = readFileSync(`${root}.ci/run`, "utf8");
    const command = "npm ci && npm test";
    expect(readme).toContain(command);
    expect(ci.split("\n")).toContain(command);
  });
});

// `stytch-openapi export` from source, in-process: usage errors exit 2 before anything is sent or written, and the
// help and the version.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ENV, runCli, temporaryFolders } from "./support.js";

const tmp = temporaryFolders();
describe("usage errors exit 2 before anything is written", () => {
  it("missing credentials: a clear message, no file", async () => {
    const out = join(tmp(), "users.ndjson");
    const run = await runCli(["export", "users", "--out", out], {});
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("STYTCH_PROJECT_ID and STYTCH_SECRET must be set");
    expect(existsSync(out)).toBe(false);
  });

  it.each([
    [["export", "users", "--bogus"], /unknown option '--bogus'/],
    [["export", "people"], /invalid for argument 'kind'/],
    [["export", "users", "--query", "{not json"], /--query <json>' argument '\{not json' is invalid\. is not JSON/],
    [["export", "users", "--query", "[1]"], /must be a JSON object/],
    [["export", "users", "--page-size", "5000"], /must be an integer from 1 to 1000/],
    [["export", "users", "--resume"], /--resume needs --out FILE/],
    [["export", "members"], /needs --organization-id ID \(repeatable\) or --all-organizations/],
    [["export", "users", "--organization-id", "organization-test-x"], /apply to export members only/],
    [
      ["export", "users", "--rpm", "0.000001"],
      /--rpm <n>' argument '0.000001' is invalid\. must be a number from 1 to 1000000/,
    ],
    [["export", "users", "--rpm", "0"], /must be a number from 1 to 1000000/],
    [["export", "users", "--fields", "user_id,nope"], /--fields: users have no field "nope"/],
    [
      ["export", "users", "--fields", "user_id,nope.deeper"],
      /--fields: users have no field "nope" \(in nope\.deeper\)/,
    ],
    [["export", "users", "--base-url", "http://api.example.com"], /--base-url: baseUrl must use https/],
    [["export", "users", "--base-url", "not a url"], /--base-url: baseUrl is not a URL/],
    [
      ["export", "users", "--out", "/nonexistent-folder-stytch/users.ndjson"],
      /the folder of --out does not exist: \/nonexistent-folder-stytch/,
    ],
    [["export", "users", "--out", "x.ndjson", "--resume", "--force"], /--resume and --force exclude each other/],
  ])("%j", async (args, message) => {
    const run = await runCli(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe("");
  });

  it.each([
    ["empty", ""],
    ["blank", "  "],
    ["plain http off loopback", "http://api.example.com"],
  ])("STYTCH_BASE_URL %s: exit 2, nothing written", async (_name, value) => {
    const out = join(tmp(), "users.ndjson");
    const run = await runCli(["export", "users", "--out", out], { ...ENV, STYTCH_BASE_URL: value });
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toMatch(/STYTCH_BASE_URL/);
    expect(existsSync(out)).toBe(false);
  });

  it("--resume without a checkpoint refuses instead of starting over", async () => {
    const out = join(tmp(), "users.ndjson");
    const run = await runCli(["export", "users", "--out", out, "--resume"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("has no checkpoint to resume from");
  });

  it("--help documents every option, and --version prints the package's version", async () => {
    const help = await runCli(["export", "--help"]);
    expect(help.code).toBe(0);
    for (const option of [
      "--out",
      "--format",
      "--query",
      "--fields",
      "--page-size",
      "--rpm",
      "--resume",
      "--base-url",
      "--organization-id",
      "--all-organizations",
      "STYTCH_PROJECT_ID",
      "STYTCH_SECRET",
    ]) {
      expect(help.stdout).toContain(option);
    }
    const version = await runCli(["--version"]);
    expect(version.stdout.trim()).toBe(
      JSON.parse(readFileSync(join(import.meta.dirname, "../../package.json"), "utf8")).version,
    );
  });
});

import { execFile, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";
import { beforeEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { changelogDraft } from "../../scripts/lib/spec-diff-report.mjs";
import { specChanges, type SpecChange } from "../../scripts/lib/spec-diff.mjs";

/**
 * `npm run spec:changes` classification, on a small fixture spec (test/fixtures/spec-changes/base.yaml): each test
 * changes one thing in a copy and checks what is reported and whether it is breaking for client users.
 */
// biome-ignore lint/suspicious/noExplicitAny: each test reaches into the fixture document wherever its change is.
type Doc = Record<string, any>;
const base: Doc = parse(readFileSync(new URL("../fixtures/spec-changes/base.yaml", import.meta.url), "utf8"));
const edit = (change: (d: Doc) => void) => {
  const after = structuredClone(base);
  change(after);
  return specChanges(base, after).filter((c) => c.kind !== "documentation");
};
const request = (d: Doc) => d.components.schemas.CreateThingRequest;
const thing = (d: Doc) => d.components.schemas.Thing;
const line = (c: SpecChange) => `${c.breaking ? "BREAKING" : "ok"} ${c.operation} ${c.where}${c.field}: ${c.what}`;

describe("spec:changes: each kind of breaking change is caught", () => {
  it("a removed operation", () => {
    expect(edit((d) => delete d.paths["/v1/things/{thing_id}"].delete).map(line)).toEqual([
      "BREAKING DELETE /v1/things/{thing_id} operation: operation removed",
    ]);
  });

  it("a removed response field (in every operation that returns it)", () => {
    expect(edit((d) => delete thing(d).properties.size).map(line)).toEqual([
      "BREAKING POST /v1/things response 200.size: field removed",
      "BREAKING GET /v1/things/{thing_id} response 200.size: field removed",
    ]);
  });

  it("a removed request field (request bodies are closed: a client sending it is refused)", () => {
    expect(edit((d) => delete request(d).properties.size).map(line)).toEqual([
      "BREAKING POST /v1/things request body.size: field removed",
    ]);
  });

  it("a newly required request field", () => {
    expect(edit((d) => request(d).required.push("size")).map(line)).toEqual([
      "BREAKING POST /v1/things request body.size: `size` now required",
    ]);
  });

  it("a newly required query parameter, and a new required one", () => {
    expect(
      edit((d) => (d.paths["/v1/things/{thing_id}"].get.parameters[0].required = true))
        .filter((c) => c.breaking)
        .map((c) => c.where),
    ).toEqual(["query parameter `include_deleted`"]);
    const added = edit((d) =>
      d.paths["/v1/things/{thing_id}"].get.parameters.push({
        name: "tenant",
        in: "query",
        required: true,
        schema: { type: "string" },
      }),
    );
    expect(added.filter((c) => c.breaking).map((c) => c.where)).toEqual(["query parameter `tenant`"]);
  });

  it("a type change, in a request and in a response", () => {
    expect(edit((d) => (request(d).properties.size.type = "string")).map(line)).toEqual([
      'BREAKING POST /v1/things request body.size: type "integer" → "string"',
    ]);
    expect(
      edit((d) => (thing(d).properties.size.type = "string"))
        .filter((c) => c.breaking)
        .map((c) => c.operation),
    ).toEqual(["POST /v1/things", "GET /v1/things/{thing_id}"]);
  });

  it("an enum value removed from a request", () => {
    expect(edit((d) => (request(d).properties.color.enum = ["red"])).map(line)).toEqual([
      'BREAKING POST /v1/things request body.color: enum value "green" removed',
    ]);
  });

  it("nullability removed from a request field (3.1 type array), and added to a response field", () => {
    expect(edit((d) => (request(d).properties.note.type = "string")).map(line)).toEqual([
      "BREAKING POST /v1/things request body.note: no longer nullable",
    ]);
    const nowNullable = edit((d) => (thing(d).properties.name.type = ["string", "null"]));
    expect(nowNullable.map((c) => [c.breaking, c.what])).toEqual([
      [true, "now nullable"],
      [true, "now nullable"],
    ]);
  });
});

describe("spec:changes: what is not breaking is not flagged", () => {
  it("an added optional field, in a request and in a response", () => {
    const added = edit((d) => {
      request(d).properties.shape = { type: "string" };
      thing(d).properties.shape = { type: "string" };
    });
    expect(added.map(line)).toEqual([
      "ok POST /v1/things request body.shape: field added",
      "ok POST /v1/things response 200.shape: field added",
      "ok GET /v1/things/{thing_id} response 200.shape: field added",
    ]);
  });

  it("a request made more lenient: a field no longer required, nullable, an enum value added", () => {
    const lenient = edit((d) => {
      request(d).required = [];
      request(d).properties.size.type = ["integer", "null"];
      request(d).properties.color.enum.push("blue");
    });
    expect(lenient.length).toBe(3);
    expect(lenient.filter((c) => c.breaking).map(line)).toEqual([]);
  });

  it("a response made stricter: no longer nullable, an enum value fewer", () => {
    const stricter = edit((d) => {
      thing(d).properties.archived_at.type = "string";
      thing(d).properties.color.enum = ["red"];
    });
    expect(stricter.length).toBe(4);
    expect(stricter.filter((c) => c.breaking).map(line)).toEqual([]);
  });

  it("a description or example edit is documentation only, and no change at all is no change", () => {
    const after = structuredClone(base);
    after.components.schemas.CreateThingRequest.properties.name.description = "The thing's name.";
    expect(specChanges(base, after).map((c) => [c.kind, c.breaking])).toEqual([["documentation", false]]);
    expect(specChanges(base, structuredClone(base))).toEqual([]);
  });

  it("drafts CHANGELOG bullets, breaking ones first", () => {
    const changes = edit((d) => {
      thing(d).properties.shape = { type: "string" };
      delete d.paths["/v1/things/{thing_id}"].delete;
    });
    expect(changelogDraft(changes).split("\n")[0]).toBe(
      "- **Breaking:** `DELETE /v1/things/{thing_id}`: operation removed.",
    );
  });
});

describe("npm run spec:changes (the command)", () => {
  const run = (args: string[]) =>
    promisify(execFile)(process.execPath, ["scripts/spec-changes.mjs", ...args], {
      cwd: new URL("../..", import.meta.url),
    }).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
  // Two fixed commits on main: going from the later back to the earlier removes the path ids that the
  // Python and Go SDKs repeat in bodies (NOTES-sdk-wire), a breaking change.
  const LATER = "7e73a92";
  const EARLIER = "0d0551b";
  // A shallow clone lacks these commits: then the command cannot be shown on them, and these tests say so.
  const missing = [LATER, EARLIER].filter(
    (ref) =>
      spawnSync("git", ["cat-file", "-e", `${ref}^{commit}`], { cwd: new URL("../..", import.meta.url) }).status !== 0,
  );
  beforeEach((ctx) => {
    if (missing.length > 0) {
      console.warn(
        `SKIPPED: commits ${missing.join(", ")} are not in this clone (shallow?); spec:changes is not run on them`,
      );
      ctx.skip();
    }
  });

  it("exits 1 on a breaking change and 0 with --allow-breaking; bundles both refs offline", async () => {
    const strict = await run(["--base", LATER, "--head", EARLIER]);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain("Breaking for client users");
    expect(strict.stdout).toMatch(/request body \.organization_id: field removed/);
    const allowed = await run(["--base", LATER, "--head", EARLIER, "--allow-breaking"]);
    expect(allowed.code).toBe(0);
  }, 60_000);

  it("exits 0 and says so when nothing changed", async () => {
    const same = await run(["--base", LATER, "--head", LATER]);
    expect(same).toMatchObject({ code: 0, stdout: "No change for client users.\n" });
  }, 60_000);
});

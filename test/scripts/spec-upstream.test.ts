import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { SdkField } from "../../scripts/lib/sdk-types.mjs";
import { compareDescriptions, type UpstreamRow } from "../../scripts/lib/upstream-diff.mjs";

/**
 * `npm run spec:upstream`'s comparison on two small fixture descriptions (test/fixtures/spec-upstream/) and a made-up
 * SDK, so that each kind of difference and each verdict is pinned. The real run (`--check`, in `npm test`) keeps
 * openapi/UPSTREAM.md fresh and fails when Stytch's description and the SDK agree against ours.
 */
const fixture = (name: string) =>
  parse(readFileSync(new URL(`../fixtures/spec-upstream/${name}.yaml`, import.meta.url), "utf8"));
const field = (kind: string, optional: boolean, extra: Partial<SdkField> = {}): SdkField => ({
  kind,
  optional,
  nullable: false,
  ...extra,
});
const sdkThing = new Map<string, SdkField>([
  [".thing_id", field("string", false)],
  [".name", field("string", false)],
  [".color", field("string", true, { literals: ["red", "green"] })],
  [".archived_at", field("string", true)],
  [".size", field("string", false)], // the SDK says string: Stytch's description is right, ours is wrong
  [".weight", field("number", true)],
]);
const sdk = {
  types: { getThing: ["GetThingRequest", "Thing"], deleteThing: ["DeleteThingRequest", "Deleted"] } as Record<
    string,
    [string, string]
  >,
  fields: (name: string) =>
    name === "Thing"
      ? sdkThing
      : name === "GetThingRequest" || name === "DeleteThingRequest"
        ? new Map([[".thing_id", field("string", false)]])
        : new Map(),
  sendsBody: new Map([["DELETE /v1/things/{}", true]]),
  errorFields: ["status_code", "error_type"],
};
const result = compareDescriptions(fixture("ours"), fixture("theirs"), sdk);
const rows = (id: string) => result.operations.find((o) => o.id === id)!.rows;
const row = (id: string, at: string, kind: UpstreamRow["kind"]) => rows(id).find((r) => r.at === at && r.kind === kind);

describe("spec:upstream: our description vs Stytch's, with the SDK's verdict", () => {
  it("matches operations on method and path whatever the parameter names, and names those Stytch lacks", () => {
    expect(result.operations.map((o) => [o.id, o.upstreamId])).toEqual([
      ["getThing", "api_thing_Get"],
      ["deleteThing", "api_thing_Delete"],
      ["listGadgets", undefined],
    ]);
  });

  it("a type difference where the SDK sides with Stytch's description (a bug of ours)", () => {
    expect(row("getThing", "response .size", "type")).toMatchObject({
      ours: "number",
      theirs: "string",
      side: "Stytch's",
    });
    expect(row("getThing", "response .size", "required")).toMatchObject({
      ours: "required",
      theirs: "optional",
      side: "ours",
    });
  });

  it("fields on one side only, once with their nested count, and the SDK's side", () => {
    expect(row("getThing", "response .shape", "presence")).toMatchObject({
      ours: "object (+2 nested)",
      theirs: "—",
      sdk: "does not have it",
      side: "Stytch's",
    });
    expect(row("getThing", "response .weight", "presence")).toMatchObject({
      ours: "—",
      theirs: "number",
      side: "Stytch's",
    });
    expect(rows("getThing").filter((r) => r.at.startsWith("response .shape."))).toEqual([]);
  });

  it("nullability in 3.1 type arrays vs 3.0 `nullable`: equal when both say null, a difference otherwise", () => {
    expect(row("getThing", "response .archived_at", "nullable")).toBeUndefined();
    expect(row("getThing", "response .name", "nullable")).toMatchObject({
      ours: "not nullable",
      theirs: "nullable",
      sdk: "non-optional, not `| null`",
      side: "ours",
    });
  });

  it("an enum only on our side, which the SDK's closed literal union confirms", () => {
    expect(row("getThing", "response .color", "enum")).toMatchObject({
      ours: "red \\| green",
      theirs: "—",
      side: "ours",
    });
  });

  it("a request body Stytch's description leaves out while the SDK sends one", () => {
    expect(row("deleteThing", "request body", "request body")).toMatchObject({
      ours: "declared",
      theirs: "none",
      sdk: "sends a JSON body",
      side: "ours",
    });
  });

  it("error responses: a schema against an example only, a status on one side only", () => {
    expect(row("getThing", "response 429", "error response")).toMatchObject({
      ours: "schema",
      theirs: "example only",
      side: "ours",
    });
    expect(row("getThing", "response 404", "error response")).toMatchObject({
      ours: "schema",
      theirs: "not declared",
      side: "silent",
    });
  });

  it("nothing else: identical fields are not reported", () => {
    expect(
      rows("getThing")
        .map((r) => `${r.at} ${r.kind}`)
        .sort(),
    ).toEqual(
      [
        "response .color enum",
        "response .name nullable",
        "response .shape presence",
        "response .size required",
        "response .size type",
        "response .weight presence",
        "response 404 error response",
        "response 429 error response",
      ].sort(),
    );
  });
});

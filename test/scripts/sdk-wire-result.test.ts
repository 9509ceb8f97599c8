import { describe, expect, it } from "vitest";
import { readBlock } from "../../scripts/lib/blocks.mjs";
import { PROVEN_AGAINST_FILE, provenTable, readWireResult, summarize } from "../../scripts/lib/sdk-wire-result.mjs";
import type { CallResult } from "../../scripts/lib/wire-replay.mjs";

/**
 * `npm run wire:replay` writes its result to openapi/sdk-wire.json, which `npm run spec:upstream` reads; the
 * "Proven against" table is rendered from it, never read back.
 */
describe("wire:replay's result", () => {
  it("the Proven against table is the rendering of openapi/sdk-wire.json (run `npm run wire:replay -- --update-readme`)", async () => {
    expect(await readBlock(PROVEN_AGAINST_FILE, "proven-against")).toBe(provenTable(await readWireResult()));
  });

  it("sums calls up per SDK and operation: accepted when every call is, refused with Prism's first violation", () => {
    const route = { method: "get", path: "/things/{id}", operationId: "getThing" };
    const call = (operation: string, variant: "minimal" | "full") => ({
      sdk: "go",
      sdk_version: "1.0.0",
      operation,
      variant,
      method: "GET",
      path: "/things/1",
    });
    const results: CallResult[] = [
      {
        recording: call("things.get", "minimal"),
        route,
        status: 200,
        violations: [],
        accepted: true,
        badTimestamps: [],
        timestamps: 1,
      },
      {
        recording: call("things.get", "full"),
        route,
        status: 400,
        violations: [{ path: ["query", "x"], message: "is unknown" }],
        accepted: false,
        badTimestamps: ["$.created_at"],
        timestamps: 1,
      },
      { recording: call("gadgets.get", "minimal"), route: undefined },
    ];
    expect(summarize(results)).toEqual([
      {
        sdk: "go",
        version: "1.0.0",
        described: ["things.get"],
        accepted: [],
        refused: [{ name: "things.get", reasons: ["full: 400 query.x is unknown"] }],
        notDescribed: ["gadgets.get"],
        answers: 2,
        timestampAnswers: 2,
        badTimestampAnswers: 1,
        badTimestampOperations: ["things.get"],
      },
    ]);
  });
});

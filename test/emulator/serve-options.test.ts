import { describe, expect, it } from "vitest";
import { parseRateLimitTable, parseScenario } from "../../src/emulator/index.js";
import { SPEC } from "./support.js";

/**
 * The checks behind `serve --rate-limits FILE` and `--scenario FILE` (serve turns their message into a usage error,
 * exit 2: test/package/serve-files.test.ts runs that through the installed command).
 */
const operations = new Set(
  Object.values(SPEC.paths ?? {}).flatMap((item) =>
    Object.values(item as object)
      .map((op) => (op as { operationId?: string }).operationId!)
      .filter(Boolean),
  ),
);

describe("--rate-limits FILE", () => {
  it.each([
    [[], /must be a JSON object/],
    [{ searchUser: { requests: 1, perSeconds: 60 } }, /searchUser: no operation has this operationId/],
    [{ searchUsers: { requests: -1, perSeconds: 60 } }, /searchUsers: needs "requests"/],
    [{ searchUsers: { requests: 1, perSeconds: 0 } }, /searchUsers: needs "requests"/],
  ])("%j is refused with a clear message", (value, message) => {
    expect(() => parseRateLimitTable(value, operations)).toThrow(message);
  });
  it("a good table is kept as given", () => {
    expect(parseRateLimitTable({ getUser: { requests: 5, perSeconds: 1 } }, operations)).toEqual({
      getUser: { requests: 5, perSeconds: 1 },
    });
  });
});

describe("--scenario FILE", () => {
  it.each([
    [[], /must be a JSON object/],
    [{ operations: { getUser: { faults: { "500": 0.7, "503": 0.6 } } } }, /add up to 1\.3, more than 1/],
    [{ operations: { getUser: { faults: { "404": 0.1 } } } }, /"404" is not one of 429, 500, 503, reset, timeout/],
    [{ operations: { "*": { latency: { min: 10, max: 60000 } } } }, /latency must be/],
    [{ operations: { getUsers: {} } }, /operations\.getUsers: no operation has this operationId/],
    [{ seed: 1, operations: {}, faults: {} }, /unknown key "faults"/],
    [{ seed: 1.5, operations: {} }, /"seed" must be an integer/],
  ])("%j is refused with a clear message", (value, message) => {
    expect(() => parseScenario(value, operations)).toThrow(message);
  });
  it("a good scenario is kept, with applyThenFail false unless asked", () => {
    expect(
      parseScenario(
        { seed: 3, operations: { searchUsers: { faults: { "503": 0.1 }, latency: { min: 0, max: 20 } } } },
        operations,
      ),
    ).toEqual({
      seed: 3,
      operations: { searchUsers: { faults: { "503": 0.1 }, latency: { min: 0, max: 20 }, applyThenFail: false } },
    });
  });
});

import { describe, expect, it } from "vitest";
import { StytchInputError } from "../../src/index.js";
import { assertHeaderValue, assertPathId, MAX_ID_LENGTH } from "../../src/wrappers/ids.js";

describe("assertPathId", () => {
  it.each([
    ["missing", undefined, /user_id is required/],
    ["null", null, /user_id is required/],
    ["a number", 42, /must be a string, got number/],
    ["an object", { id: "x" }, /must be a string, got object/],
    ["empty", "", /must not be empty/],
    ["whitespace", "  \t", /must not be empty/],
    ["dot", ".", /must not be "\." or "\.\."/],
    ["dot-dot", "..", /must not be "\." or "\.\."/],
    ["a control character", "user\nid", /control characters/],
    ["too long", "a".repeat(MAX_ID_LENGTH + 1), /at most 256/],
    ["a lone surrogate", "user-\ud800", /well-formed Unicode/],
  ])("refuses %s with a clear StytchInputError", (_, value, message) => {
    expect(() => assertPathId("user_id", value)).toThrow(StytchInputError);
    expect(() => assertPathId("user_id", value)).toThrow(message);
  });

  it.each(["user-test-16d9ba61", "ext|id.with_chars-1", "a/b", "%2e%2e", "…", "用户", "a".repeat(MAX_ID_LENGTH)])(
    "accepts %j, which the path serializer encodes",
    (value) => {
      expect(() => assertPathId("user_id", value)).not.toThrow();
    },
  );
});

describe("assertHeaderValue", () => {
  it.each(["", "a b", "tok\r\nX-Evil: 1", "tök", 5, undefined])("refuses %j", (value) => {
    expect(() => assertHeaderValue("authorization.session_token", value)).toThrow(StytchInputError);
  });

  it("accepts a token and a JWT", () => {
    expect(() => assertHeaderValue("t", "mZAYn5aLEqKUlZ_Ad9U_fWr38GaAQ1oFAhT8ds245v7Q")).not.toThrow();
    expect(() => assertHeaderValue("t", "eyJhbGciOi.eyJzdWIiOi.c2ln-_")).not.toThrow();
  });
});

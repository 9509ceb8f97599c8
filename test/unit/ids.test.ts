import fc from "fast-check";
import { defaultPathSerializer } from "openapi-fetch";
import { describe, expect, it } from "vitest";
import { StytchInputError } from "../../src/index.js";
import { assertHeaderValue, assertPathId, MAX_ID_LENGTH } from "../../src/wrappers/ids.js";
import { createPathSerializer } from "../../src/wrappers/url.js";

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

describe("createPathSerializer", () => {
  const templates = [
    "https://test.stytch.com/v1/users/{user_id}",
    "https://test.stytch.com/v1/b2b/organizations/{organization_id}/members/{member_id}",
    "http://127.0.0.1:4010/v1/b2b/organizations/{organization_id}/members/{member_id}/mfa_phone_numbers",
  ];

  it("writes the same URL as openapi-fetch's default for every id the client lets through", () => {
    const serialize = createPathSerializer();
    fc.assert(
      fc.property(
        fc.constantFrom(...templates),
        fc.string({ unit: "grapheme", maxLength: 40 }),
        fc.string(),
        (t, a, b) => {
          const ids = { user_id: a, organization_id: a, member_id: b };
          for (const id of [a, b]) {
            try {
              assertPathId("id", id);
            } catch {
              return; // refused before anything is built
            }
          }
          expect(serialize(t, ids)).toBe(defaultPathSerializer(t, ids));
        },
      ),
      { numRuns: 500 },
    );
    expect(serialize(templates[1]!, { organization_id: "a/b", member_id: "../x?y#z" })).toBe(
      "https://test.stytch.com/v1/b2b/organizations/a%2Fb/members/..%2Fx%3Fy%23z",
    );
  });
});

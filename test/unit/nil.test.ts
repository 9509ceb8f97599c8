import { describe, expect, it } from "vitest";
import { stripNils } from "../../src/wrappers/nil.js";

describe("stripNils", () => {
  it("drops top-level undefined and null", () => {
    expect(stripNils({ a: undefined, b: null, c: 1 })).toEqual({ c: 1 });
    expect(Object.keys(stripNils({ a: undefined, b: null }))).toEqual([]);
  });

  it("keeps falsy values that are not nil", () => {
    expect(stripNils({ a: 0, b: "", c: false, d: [] })).toEqual({ a: 0, b: "", c: false, d: [] });
  });

  it("leaves nested nulls alone, since a null metadata key deletes that key", () => {
    const input = { untrusted_metadata: { plan: null, nested: { x: undefined } } };
    const out = stripNils(input);
    expect(out.untrusted_metadata).toBe(input.untrusted_metadata);
    expect(JSON.stringify(out)).toBe('{"untrusted_metadata":{"plan":null,"nested":{}}}');
  });
});

import { describe, expect, it } from "vitest";
import { specOperations } from "../support/contract.js";
import { connectedAppCases } from "./connected-apps.cases.js";
import { memberCases } from "./members.cases.js";
import { userCases } from "./users.cases.js";
import { vendorCases } from "../vendor/vendor.cases.js";

describe("contract coverage", () => {
  const operations = specOperations();
  const ours = { ...userCases, ...memberCases, ...connectedAppCases };

  it("the bundled spec has the 46 operations of the user, member and connected-app APIs", () => {
    expect(operations.size).toBe(46);
  });

  it("every operation of the bundled spec has a contract test with our client, on its own route", () => {
    expect(Object.keys(ours).sort()).toEqual([...operations.keys()].sort());
    for (const [id, c] of Object.entries(ours)) expect(operations.get(id), id).toMatchObject({ method: c.method, path: c.path });
  });

  it("every operation of the bundled spec is called by the official Node SDK in the vendor test", () => {
    expect(Object.keys(vendorCases).sort()).toEqual([...operations.keys()].sort());
  });
});

import { describe, expect, it } from "vitest";
import { specOperations } from "../support/contract.js";
import { connectedAppCases } from "./connected-apps.cases.js";
import { memberCases } from "./members.cases.js";
import { organizationCases } from "./organizations.cases.js";
import { userCases } from "./users.cases.js";
import { vendorCases } from "../vendor/vendor.cases.js";

describe("contract coverage", () => {
  const operations = specOperations();
  const ours = { ...userCases, ...memberCases, ...organizationCases, ...connectedAppCases };

  it("the bundled spec has the 55 operations of the user, member, organization and connected-app APIs", () => {
    expect(operations.size).toBe(55);
  });

  it("every operation of the bundled spec has a contract test with our client, on its own route", () => {
    expect(Object.keys(ours).sort()).toEqual([...operations.keys()].sort());
    for (const [id, c] of Object.entries(ours)) expect(operations.get(id), id).toMatchObject({ method: c.method, path: c.path });
  });

  it("declares the member-session headers on exactly the operations that accept them, each documenting 403", () => {
    const withSession = [...operations].filter(([, op]) => op.headers.includes("X-Stytch-Member-Session"));
    expect(withSession.map(([id]) => id).sort()).toEqual(
      [
        "createMember",
        "searchMembers",
        "updateMember",
        "deleteMember",
        "reactivateMember",
        "deleteMemberMfaPhoneNumber",
        "deleteMemberTotp",
        "deleteMemberPassword",
        "unlinkMemberRetiredEmail",
        "startMemberEmailUpdate",
        "getMemberConnectedApps",
        "deleteMemberExternalId",
        "revokeMemberConnectedApp",
        // B2B Organizations: the SDK methods whose options take `authorization`
        "updateOrganization",
        "deleteOrganization",
        "getOrganizationConnectedApps",
        "getOrganizationConnectedApp",
        "deleteOrganizationExternalId",
      ].sort(),
    );
    for (const [id, op] of withSession) {
      expect(op.headers, id).toContain("X-Stytch-Member-SessionJWT");
      expect(op.codes, id).toContain("403");
    }
    const jwtOnly = [...operations].filter(
      ([, op]) => op.headers.includes("X-Stytch-Member-SessionJWT") !== op.headers.includes("X-Stytch-Member-Session"),
    );
    expect(jwtOnly).toEqual([]);
  });

  it("every operation of the bundled spec is called by the official Node SDK in the vendor test", () => {
    expect(Object.keys(vendorCases).sort()).toEqual([...operations.keys()].sort());
  });
});

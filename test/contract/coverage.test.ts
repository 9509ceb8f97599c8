import { describe, expect, it } from "vitest";
import { operations as table } from "../../src/generated/operations.js";
import { createStytchClient } from "../../src/index.js";
import { specOperations } from "../support/contract.js";
import { clientFunctions, discoverOperations } from "../support/operations.js";
import { connectedAppCases } from "./connected-apps.cases.js";
import { memberCases } from "./members.cases.js";
import { organizationCases } from "./organizations.cases.js";
import { userCases } from "./users.cases.js";
import { vendorCases } from "../vendor/vendor.cases.js";

describe("contract coverage", () => {
  const operations = specOperations();
  const ours = { ...userCases, ...memberCases, ...organizationCases, ...connectedAppCases };

  // The one place the number is written: the scope this project claims (every other count reads the table).
  it("the bundled spec has the 55 operations of the user, member, organization and connected-app APIs", () => {
    expect(operations.size).toBe(55);
  });

  it("the operation table (src/generated/operations.ts) has every operation of the bundled spec, on its route", () => {
    expect(Object.keys(table)).toEqual([...operations.keys()]);
    for (const [id, op] of Object.entries(table))
      expect(operations.get(id), id).toMatchObject({ method: op.method, path: op.path });
  });

  it("each operation's x-sdk-method is a client method that sends its route, and the client has no other", async () => {
    // discoverOperations throws when a method is missing or sends another route than the table's.
    const found = await discoverOperations();
    expect(found.map((o) => o.name)).toEqual(Object.values(table).map((op) => op.sdkMethod));
    const stytch = createStytchClient({
      projectId: "project-test-x",
      secret: "s",
      fetch: () => Promise.reject(new Error("unused")),
    });
    const methods = clientFunctions(stytch)
      .filter((f) => !f.iterator)
      .map((f) => f.name);
    expect(methods.sort()).toEqual(found.map((o) => o.name).sort());
  });

  it("every operation of the bundled spec has a contract test with our client", () => {
    expect(Object.keys(ours).sort()).toEqual([...operations.keys()].sort());
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

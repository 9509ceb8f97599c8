import { describe, expect, inject, it } from "vitest";
import { StytchPaginationError } from "../../src/index.js";
import { contractClient } from "../support/contract.js";

describe("the contract harness is not vacuous", () => {
  it("sees Prism's violations when a request breaks the spec", async () => {
    const { stytch, exchanges } = contractClient(inject("prismUrl"));
    // A phone number that is not E.164 and a field the API does not know: both must be reported.
    await stytch.users.create({ phone_number: "555-0100", bogus: true } as never).catch(() => undefined);
    expect(exchanges).toHaveLength(1);
    expect(exchanges[0]!.violations.length).toBeGreaterThan(0);
  });

  it("sees the 401 Prism answers when credentials are missing", async () => {
    const response = await fetch(`${inject("prismUrl")}/v1/users/user-test-1`);
    expect(response.status).toBe(401);
  });
});

describe("named examples and pagination against the mock", () => {
  it("selects a named example with Prefer: example=…", async () => {
    const h = contractClient(inject("prismUrl"));
    h.prefer("example=pending_user");
    const user = await h.stytch.users.get({ user_id: "user-test-e3795c81" });
    expect(user.status).toBe("pending");
    expect(h.exchanges[0]!.violations).toEqual([]);
  });

  it("searchAll ends on the default last page (next_cursor null)", async () => {
    const h = contractClient(inject("prismUrl"));
    const users = [];
    for await (const user of h.stytch.users.searchAll({ query: { operator: "AND", operands: [] } })) users.push(user);
    expect(users.length).toBeGreaterThan(0);
    expect(h.exchanges).toHaveLength(1);
    expect(h.exchanges.flatMap((x) => x.violations)).toEqual([]);
  });

  it.each([
    ["users", (h: ReturnType<typeof contractClient>) => h.stytch.users.searchPages({})],
    [
      "members",
      (h: ReturnType<typeof contractClient>) =>
        h.stytch.organizations.members.searchPages({ organization_ids: ["organization-test-1"] }),
    ],
    ["connected-app clients", (h: ReturnType<typeof contractClient>) => h.stytch.connectedApp.clients.searchPages({})],
  ])("%s: a mock that always answers the first page ends with StytchPaginationError, not a loop", async (_, pages) => {
    const h = contractClient(inject("prismUrl"));
    h.prefer("example=first_page");
    const run = async () => {
      for await (const _page of pages(h)) {
        /* consume */
      }
    };
    await expect(run()).rejects.toBeInstanceOf(StytchPaginationError);
    expect(h.exchanges).toHaveLength(2);
    expect(h.exchanges.flatMap((x) => x.violations)).toEqual([]);
  });
});

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

  it.each([
    ["a member-only operand", { filter_name: "member_ids", filter_value: ["member-test-1"] }],
    ["an unknown filter name", { filter_name: "organization_colour", filter_value: "blue" }],
    ["a fuzzy filter under three characters", { filter_name: "organization_name_fuzzy", filter_value: "ac" }],
  ])("sees Prism's violations when an organization search sends %s", async (_, operand) => {
    const { stytch, exchanges } = contractClient(inject("prismUrl"));
    await stytch.organizations
      .search({ query: { operator: "AND", operands: [operand as never] } })
      .catch(() => undefined);
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
    ["organizations", (h: ReturnType<typeof contractClient>) => h.stytch.organizations.searchPages({})],
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

describe("the mock's default examples tell one consistent story", () => {
  it("the user createUser returns is the user getUser and updateUser return", async () => {
    const { stytch } = contractClient(inject("prismUrl"));
    const created = await stytch.users.create({ email: "sandbox@stytch.com" });
    const got = await stytch.users.get({ user_id: created.user_id });
    const updated = await stytch.users.update({ user_id: created.user_id });
    expect(got.user_id).toBe(created.user_id);
    // Same email ids and addresses; `verified` may differ, since the user verifies after being created.
    const identity = (emails: { email_id: string; email: string }[]) => emails.map((e) => [e.email_id, e.email]);
    expect(identity(got.emails)).toEqual(identity(created.user.emails));
    expect(updated.user.user_id).toBe(created.user_id);
  });

  it("the member createMember returns is the member getMember returns, in the same organization", async () => {
    const { stytch } = contractClient(inject("prismUrl"));
    const created = await stytch.organizations.members.create({
      organization_id: "organization-test-07971b06-ac8b-4cdb-9c15-63b17e653931",
      email_address: "ada@example.com",
    });
    const got = await stytch.organizations.members.get({
      organization_id: created.member.organization_id,
      member_id: created.member_id,
    });
    expect(got.member.member_id).toBe(created.member_id);
    expect(got.member.email_address).toBe(created.member.email_address);
    expect(got.organization.organization_id).toBe(created.organization.organization_id);
  });

  it("the organization createOrganization returns is the one getOrganization and the member operations return", async () => {
    const { stytch, exchanges } = contractClient(inject("prismUrl"));
    const created = await stytch.organizations.create({ organization_name: "Acme Co" });
    const got = await stytch.organizations.get({ organization_id: created.organization.organization_id });
    const member = await stytch.organizations.members.get({
      organization_id: got.organization.organization_id,
      member_id: "m",
    });
    expect(got.organization.organization_id).toBe(created.organization.organization_id);
    expect(got.organization.organization_slug).toBe(created.organization.organization_slug);
    expect(member.organization).toEqual(got.organization);
    expect(exchanges.flatMap((x) => x.violations)).toEqual([]);
  });

  it("the client createConnectedAppClient returns is the one getConnectedAppClient returns", async () => {
    const { stytch } = contractClient(inject("prismUrl"));
    const created = await stytch.connectedApp.clients.create({ client_type: "first_party" });
    const got = await stytch.connectedApp.clients.get({ client_id: created.connected_app.client_id });
    expect(got.connected_app.client_id).toBe(created.connected_app.client_id);
    expect(got.connected_app.client_name).toBe(created.connected_app.client_name);
  });
});

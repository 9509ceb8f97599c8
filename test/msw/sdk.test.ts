// The official Node SDK (npm `stytch`) against `stytchHandlers(fake)` under MSW's `setupServer`: no server, no port,
// no socket. What the SDK writes is what the fake holds, and the fake's errors reach the SDK as its own StytchError.
import net from "node:net";
import { setupServer } from "msw/node";
import * as stytch from "stytch";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createStytchFake } from "stytch-openapi/fake";
import { stytchHandlers } from "stytch-openapi/msw";

const config = { project_id: "project-test-11111111-2222-3333-4444-555555555555", secret: "secret-test-abc" };
const fake = createStytchFake({ projectId: config.project_id, secret: config.secret });
const server = setupServer(...stytchHandlers(fake));
const connect = vi.spyOn(net.Socket.prototype, "connect");

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => fake.reset());
afterAll(() => {
  server.close();
  connect.mockRestore();
});

describe("the official Node SDK through MSW handlers backed by the fake", () => {
  const sdk = new stytch.Client(config);
  const b2b = new stytch.B2BClient(config);

  it("creates, gets, searches, updates and deletes users, and the fake holds what the SDK wrote", async () => {
    const created = await sdk.users.create({ email: "ada@example.com", name: { first_name: "Ada" } });
    expect(created).toMatchObject({ status_code: 200, user: { emails: [{ email: "ada@example.com" }] } });
    expect(fake.snapshot().users.map((u) => u.user_id)).toEqual([created.user_id]);

    const got = await sdk.users.get({ user_id: created.user_id });
    expect(got.name?.first_name).toBe("Ada");

    await sdk.users.create({ email: "grace@example.com" });
    const found = await sdk.users.search({
      query: { operator: "AND", operands: [{ filter_name: "email_address", filter_value: ["ada@example.com"] }] },
    });
    expect(found.results.map((u) => u.user_id)).toEqual([created.user_id]);

    const updated = await sdk.users.update({ user_id: created.user_id, trusted_metadata: { plan: "pro" } });
    expect(updated.user.trusted_metadata).toEqual({ plan: "pro" });
    expect(fake.snapshot().users.find((u) => u.user_id === created.user_id)?.trusted_metadata).toEqual({ plan: "pro" });

    await sdk.users.delete({ user_id: created.user_id });
    expect(fake.snapshot().users.map((u) => u.user_id)).not.toContain(created.user_id);
  });

  it("answers a missing user with a 404 that the SDK throws as its StytchError", async () => {
    const error = await sdk.users
      .get({ user_id: "user-test-00000000-0000-4000-8000-000000000000" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(stytch.StytchError);
    expect(error).toMatchObject({ status_code: 404, error_type: "user_not_found" });
  });

  it("refuses wrong credentials with the fake's 401, as the API would", async () => {
    const wrong = new stytch.Client({ ...config, secret: "secret-test-wrong" });
    await expect(wrong.users.get({ user_id: "user-test-1" })).rejects.toMatchObject({
      status_code: 401,
      error_type: "unauthorized_credentials",
    });
  });

  it("creates, gets, searches, updates and deletes members of an organization", async () => {
    const { organization } = await b2b.organizations.create({ organization_name: "Acme" });
    const { organization_id } = organization;
    const { member } = await b2b.organizations.members.create({
      organization_id,
      email_address: "bob@acme.test",
      name: "Bob",
    });
    await b2b.organizations.members.create({ organization_id, email_address: "eve@acme.test" });

    const got = await b2b.organizations.members.get({ organization_id, member_id: member.member_id });
    expect(got.member).toMatchObject({ email_address: "bob@acme.test", name: "Bob", status: "active" });

    const found = await b2b.organizations.members.search({
      organization_ids: [organization_id],
      query: { operator: "AND", operands: [{ filter_name: "member_emails", filter_value: ["eve@acme.test"] }] },
    });
    expect(found.members.map((m) => m.email_address)).toEqual(["eve@acme.test"]);

    const updated = await b2b.organizations.members.update({
      organization_id,
      member_id: member.member_id,
      name: "Robert",
    });
    expect(updated.member.name).toBe("Robert");

    await b2b.organizations.members.delete({ organization_id, member_id: member.member_id });
    expect(fake.snapshot().members.find((m) => m.member_id === member.member_id)?.status).toBe("deleted");
    const error = await b2b.organizations.members
      .get({ organization_id, member_id: member.member_id })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(stytch.StytchError);
    expect(error).toMatchObject({ status_code: 404, error_type: "member_not_found" });
  });

  it("works on records a test seeded", async () => {
    const acme = fake.seed.organization({ organization_name: "Acme" });
    const admin = fake.seed.member(acme.organization_id, { roles: ["stytch_admin"] });
    const { member } = await b2b.organizations.members.get({
      organization_id: acme.organization_id,
      member_id: admin.member_id,
    });
    expect(member).toEqual(admin);
  });

  it("opened no socket: every request above was answered in-process", () => {
    expect(connect).not.toHaveBeenCalled();
  });
});

import { afterEach, describe, expect, it } from "vitest";
import { memberRoutes } from "../../src/fake/members.js";
import { organizationRoutes } from "../../src/fake/organizations.js";
import type { Route } from "../../src/fake/router.js";
import { userRoutes } from "../../src/fake/users.js";
import { StytchError } from "../../src/index.js";
import { expectIndexesConsistent, failure, seeded } from "./store-support.js";

describe("all-or-nothing: a refused write leaves snapshot() deep-equal to before", () => {
  it("members.update with a new name, metadata and phone, then a duplicate email: nothing of it is kept", async () => {
    const { fake, stytch, acme, m1 } = await seeded();
    const before = fake.snapshot();
    const error = await failure(
      stytch.organizations.members.update({
        organization_id: acme.organization_id,
        member_id: m1.member_id,
        name: "Changed",
        trusted_metadata: { a: 1 },
        mfa_phone_number: "+15005550006",
        is_breakglass: true,
        external_id: "m1-new",
        email_address: "M2@acme.com",
      }),
    );
    expect(error).toMatchObject({ status_code: 400, error_type: "duplicate_member_email" });
    expect(fake.snapshot()).toEqual(before);
    expectIndexesConsistent(fake);
  });

  it("users.exchangePrimaryFactor with a valid new email and an invalid phone changes neither", async () => {
    const { fake, stytch, ada } = await seeded();
    const before = fake.snapshot();
    const error = await failure(
      stytch.users.exchangePrimaryFactor({
        user_id: ada.user_id,
        email_address: "new@example.com",
        phone_number: "12",
      }),
    );
    expect(error).toMatchObject({ status_code: 400, error_type: "invalid_argument" });
    expect(fake.snapshot()).toEqual(before);
  });

  it("duplicates refused on create and update: email (any case), phone, external ids, slugs", async () => {
    const { fake, stytch, bob, acme, beta } = await seeded();
    const before = fake.snapshot();
    const refusals = [
      stytch.users.create({ email: "ADA@example.com" }),
      stytch.users.create({ email: "new@example.com", phone_number: "+15005550006" }),
      stytch.users.create({ email: "new@example.com", external_id: "ada" }),
      stytch.users.update({ user_id: bob.user_id, name: { first_name: "Bobby" }, external_id: "ada" }),
      stytch.organizations.update({
        organization_id: beta.organization_id,
        organization_name: "Gamma",
        organization_slug: "acme",
      }),
      stytch.organizations.create({ organization_name: "Acme 2", organization_slug: "acme" }),
      stytch.organizations.members.create({
        organization_id: acme.organization_id,
        email_address: "new@acme.com",
        external_id: "m1",
      }),
      stytch.organizations.members.create({
        organization_id: acme.organization_id,
        email_address: "new@acme.com",
        mfa_phone_number: "x",
      }),
    ];
    for (const refused of refusals) expect(await failure(refused)).toBeInstanceOf(StytchError);
    expect(fake.snapshot()).toEqual(before);
    expectIndexesConsistent(fake);
  });
});

describe("all-or-nothing: an unexpected exception in a handler or in writing its answer changes nothing", () => {
  const routes: Route[] = [...userRoutes, ...memberRoutes, ...organizationRoutes];
  const originals = new Map(routes.map((r) => [r, r.handle]));
  afterEach(() => {
    for (const [route, handle] of originals) route.handle = handle;
  });
  /** Makes `operationId` do all its work and then fail: by throwing, or with an answer JSON cannot write. */
  const sabotage = (operationId: string, how: "throw" | "unserialisable") => {
    const route = routes.find((r) => r.operationId === operationId)!;
    const original = originals.get(route)!;
    route.handle = (ctx, request) => {
      const answer = original(ctx, request);
      if (how === "throw") throw new Error("injected");
      return { ...answer, extra: 1n };
    };
  };

  for (const how of ["throw", "unserialisable"] as const) {
    it(`${how}: create, update, delete and an organization delete with members all roll back (500, same snapshot, same indexes)`, async () => {
      const { fake, stytch, ada, acme, m1 } = await seeded();
      const before = fake.snapshot();
      const calls: [string, () => Promise<unknown>][] = [
        ["createUser", () => stytch.users.create({ email: "carol@example.com", external_id: "carol" })],
        [
          "updateUser",
          () => stytch.users.update({ user_id: ada.user_id, external_id: "ada2", trusted_metadata: { k: 1 } }),
        ],
        [
          "exchangeUserPrimaryFactor",
          () => stytch.users.exchangePrimaryFactor({ user_id: ada.user_id, email_address: "ada2@example.com" }),
        ],
        ["deleteUser", () => stytch.users.delete({ user_id: ada.user_id })],
        ["deleteUserEmail", () => stytch.users.deleteEmail({ email_id: ada.user.emails[0]!.email_id })],
        [
          "updateMember",
          () =>
            stytch.organizations.members.update({
              organization_id: acme.organization_id,
              member_id: m1.member_id,
              email_address: "z@acme.com",
            }),
        ],
        [
          "deleteMember",
          () => stytch.organizations.members.delete({ organization_id: acme.organization_id, member_id: m1.member_id }),
        ],
        ["deleteOrganization", () => stytch.organizations.delete({ organization_id: acme.organization_id })],
      ];
      for (const [operationId, call] of calls) {
        sabotage(operationId, how);
        expect(await failure(call())).toMatchObject({ status_code: 500, error_type: "internal_server_error" });
        expect(fake.snapshot(), operationId).toEqual(before);
        expectIndexesConsistent(fake);
      }
      // Order survives too: records deleted and put back are searched and paged in creation order.
      const page = await stytch.organizations.members.search({ organization_ids: [acme.organization_id], limit: 1 });
      expect(page.members.map((m) => m.member_id)).toEqual([m1.member_id]);
      expect(page.results_metadata.total).toBe(2);
    });
  }

  it("a failed write draws no ids and no clock ticks: the next create gets what it would have got", async () => {
    const clean = await seeded(11);
    const expected = await clean.stytch.users.create({ email: "carol@example.com" });
    const { stytch } = await seeded(11);
    sabotage("createUser", "throw");
    await failure(stytch.users.create({ email: "dave@example.com" }));
    route("createUser").handle = originals.get(route("createUser"))!;
    const got = await stytch.users.create({ email: "carol@example.com" });
    expect([got.user_id, got.email_id, got.user.created_at]).toEqual([
      expected.user_id,
      expected.email_id,
      expected.user.created_at,
    ]);
  });
  const route = (operationId: string) => routes.find((r) => r.operationId === operationId)!;
});

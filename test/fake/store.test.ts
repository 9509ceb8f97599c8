import { afterEach, describe, expect, it } from "vitest";
import { createStytchFake, type StytchFake } from "../../src/fake/index.js";
import { organizationRoutes } from "../../src/fake/organizations.js";
import type { Route } from "../../src/fake/router.js";
import { storeOf } from "../../src/fake/store.js";
import { userRoutes } from "../../src/fake/users.js";
import { memberRoutes } from "../../src/fake/members.js";
import { createStytchClient, StytchError } from "../../src/index.js";

const clientOf = (fake: StytchFake) =>
  createStytchClient({ projectId: "project-test-x", secret: "s", fetch: fake.fetch, maxRetries: 0 });

/** A fake with two users, two organizations, members in each and a client: something for refused writes to spoil. */
async function seeded(seed = 7) {
  const fake = createStytchFake({ seed });
  const stytch = clientOf(fake);
  const ada = await stytch.users.create({ email: "ada@example.com", phone_number: "+15005550006", external_id: "ada" });
  const bob = await stytch.users.create({ email: "bob@example.com", external_id: "bob" });
  const { organization: acme } = await stytch.organizations.create({
    organization_name: "Acme",
    organization_slug: "acme",
  });
  const { organization: beta } = await stytch.organizations.create({
    organization_name: "Beta",
    organization_slug: "beta",
  });
  const m1 = await stytch.organizations.members.create({
    organization_id: acme.organization_id,
    email_address: "m1@acme.com",
    external_id: "m1",
  });
  const m2 = await stytch.organizations.members.create({
    organization_id: acme.organization_id,
    email_address: "m2@acme.com",
  });
  await stytch.organizations.members.create({ organization_id: beta.organization_id, email_address: "m1@acme.com" });
  await stytch.connectedApp.clients.create({ client_type: "first_party" });
  return { fake, stytch, ada, bob, acme, beta, m1, m2 };
}

/** Every index of every table agrees with one recomputed from the records. */
function expectIndexesConsistent(fake: StytchFake) {
  const store = storeOf.get(fake)!;
  for (const table of [store.users, store.organizations, store.members, store.clients]) {
    expect(table.dumpIndexes()).toEqual(table.recomputeIndexes());
  }
}

const failure = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e as StytchError,
  );

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

describe("robustness: deep bodies are refused, snapshot() and search never throw", () => {
  const nested = (depth: number) => {
    let value: unknown = 1;
    for (let i = 0; i < depth; i++) value = { a: value };
    return value as Record<string, unknown>;
  };

  it("metadata nested 5,000 and 100,000 deep: 400 invalid_argument, nothing stored, search and snapshot still answer", async () => {
    const { fake, stytch } = await seeded();
    const before = fake.snapshot();
    const error = await failure(stytch.users.create({ email: "deep@example.com", trusted_metadata: nested(70) }));
    expect(error).toMatchObject({ status_code: 400, error_type: "invalid_argument" });
    // Deeper than our client can write: raw bodies, as the HTTP server hands them over.
    for (const depth of [5_000, 100_000]) {
      for (const [open, close] of [
        ['{"a":', "}"],
        ["[", "]"],
      ]) {
        const raw = `{"email":"raw@example.com","trusted_metadata":{"x":${open!.repeat(depth)}1${close!.repeat(depth)}}}`;
        const answer = await fake.fetch("http://fake/v1/users", { method: "POST", body: raw });
        expect(answer.status).toBe(400);
        expect(await answer.json()).toMatchObject({
          error_type: "invalid_argument",
          error_message: expect.stringMatching(/nested/),
        });
      }
    }
    expect(fake.snapshot()).toEqual(before);
    await expect(stytch.users.search({})).resolves.toMatchObject({ status_code: 200 });
  });

  it("metadata nested 60 deep is stored and answered", async () => {
    const { fake, stytch } = await seeded();
    const { user } = await stytch.users.create({ email: "deep@example.com", trusted_metadata: nested(60) });
    expect(JSON.stringify(user.trusted_metadata).length).toBeGreaterThan(60 * 5);
    expect(fake.snapshot().users).toHaveLength(3);
  });

  it("restore() of a snapshot nested too deep throws and leaves the store as it was", async () => {
    const { fake } = await seeded();
    const before = fake.snapshot();
    const bad = structuredClone(before);
    bad.users[0]!.trusted_metadata = nested(500);
    expect(() => fake.restore(bad)).toThrow(/deeper/);
    expect(fake.snapshot()).toEqual(before);
  });
});

describe("the store's indexes", () => {
  it("agree with a recomputation after factor deletes, exchanges, member email changes and organization deletes", async () => {
    const { fake, stytch, ada, acme, beta, m1 } = await seeded();
    await stytch.users.exchangePrimaryFactor({
      user_id: ada.user_id,
      email_address: "ADA2@example.com",
      phone_number: "+15005550007",
    });
    await stytch.users.deleteEmail({ email_id: fake.snapshot().users[0]!.emails[0]!.email_id });
    await stytch.organizations.members.update({
      organization_id: acme.organization_id,
      member_id: m1.member_id,
      email_address: "m9@acme.com",
    });
    await stytch.organizations.members.delete({ organization_id: acme.organization_id, member_id: m1.member_id });
    await stytch.organizations.delete({ organization_id: beta.organization_id });
    expectIndexesConsistent(fake);
    // Addresses exchanged away or deleted are free again; the phone exchanged in is taken, the old one free.
    await expect(stytch.users.create({ email: "ada@example.com" })).resolves.toMatchObject({ status_code: 200 });
    await expect(
      stytch.users.create({ email: "ada2@example.com", phone_number: "+15005550006" }),
    ).resolves.toMatchObject({ status_code: 200 });
    expect(await failure(stytch.users.create({ email: "bob@EXAMPLE.com" }))).toMatchObject({
      error_type: "duplicate_email",
    });
    expect(await failure(stytch.users.create({ phone_number: "+15005550007" }))).toMatchObject({
      error_type: "duplicate_phone_number",
    });
    expectIndexesConsistent(fake);
    expect(await stytch.organizations.metrics({ organization_id: acme.organization_id })).toMatchObject({
      member_count: 1,
    });
  });
});

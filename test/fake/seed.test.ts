// `fake.seed`: records for a test's "given" with realistic defaults, put in by the API's own create operations in
// one all-or-nothing write (uniqueness rules, ids, indexes), typed with the generated types.
import { describe, expect, expectTypeOf, it } from "vitest";
import { createStytchFake, type StytchFake } from "../../src/fake/index.js";
import { storeOf } from "../../src/fake/store.js";
import type { components } from "../../src/generated/stytch.js";
import { createStytchClient } from "../../src/index.js";

type S = components["schemas"];
const clientOf = (fake: StytchFake) =>
  createStytchClient({ projectId: "project-test-x", secret: "s", fetch: fake.fetch, maxRetries: 0 });
const indexesConsistent = (fake: StytchFake) => {
  const store = storeOf.get(fake)!;
  for (const table of [store.users, store.organizations, store.members])
    expect(table.dumpIndexes()).toEqual(table.recomputeIndexes());
};

describe("fake.seed.user", () => {
  it("with no fields: an active user with a name and a unique, verified @example.com email", () => {
    const fake = createStytchFake();
    const ada = fake.seed.user();
    const grace = fake.seed.user();
    expectTypeOf(ada).toEqualTypeOf<S["User"]>();
    expect(ada).toMatchObject({
      status: "active",
      name: { first_name: "Ada", last_name: "Lovelace" },
      emails: [{ email: "ada.lovelace@example.com", verified: true }],
    });
    expect(ada.user_id).toMatch(/^user-test-/);
    expect(grace.emails[0]?.email).toBe("grace.hopper@example.com");
  });

  it("keeps the fields the test states, and takes every create-request field", async () => {
    const fake = createStytchFake();
    const user = fake.seed.user({
      phone_number: "+12025550123",
      trusted_metadata: { plan: "pro" },
      external_id: "crm-1",
      verified: false,
    });
    expect(user).toMatchObject({
      emails: [],
      phone_numbers: [{ phone_number: "+12025550123", verified: false }],
      trusted_metadata: { plan: "pro" },
      external_id: "crm-1",
    });
    expect(user.name?.first_name).not.toBe("");
    expect(fake.seed.user({ create_user_as_pending: true }).status).toBe("pending");
  });

  it("returns the stored record as the API answers it, as a copy the test may change freely", async () => {
    const fake = createStytchFake();
    const user = fake.seed.user({ email: "ada@example.com" });
    expect(await clientOf(fake).users.get({ user_id: user.user_id })).toMatchObject(user);
    user.emails.length = 0;
    expect(fake.snapshot().users[0]?.emails).toHaveLength(1);
  });

  it("is found by the API's search (the store's indexes are kept)", async () => {
    const fake = createStytchFake();
    fake.seed.user({ email: "Ada@Example.com" });
    fake.seed.user();
    const found = await clientOf(fake).users.search({
      query: { operator: "AND", operands: [{ filter_name: "email_address", filter_value: ["ada@example.com"] }] },
    });
    expect(found.results).toHaveLength(1);
    indexesConsistent(fake);
  });

  it("refuses what the API refuses (a taken email, a malformed one) and leaves the store as it was", () => {
    const fake = createStytchFake();
    fake.seed.user({ email: "ada@example.com" });
    const before = fake.snapshot();
    expect(() => fake.seed.user({ email: "ADA@example.com" })).toThrow(/^seed\.user: duplicate_email: /);
    expect(() => fake.seed.user({ email: "not-an-email" })).toThrow(/^seed\.user: invalid_/);
    expect(fake.snapshot()).toEqual(before);
    indexesConsistent(fake);
  });

  it("never picks a default that is taken: it skips an address the API already created", async () => {
    const fake = createStytchFake();
    await clientOf(fake).users.create({ email: "ada.lovelace@example.com" });
    expect(fake.seed.user().emails[0]?.email).toBe("grace.hopper@example.com");
  });

  it("numbers the defaults once the names run out (nine users, nine addresses)", () => {
    const fake = createStytchFake();
    const emails = Array.from({ length: 9 }, () => fake.seed.user().emails[0]?.email);
    expect(new Set(emails).size).toBe(9);
    expect(emails[8]).toBe("ada.lovelace2@example.com");
  });
});

describe("fake.seed.organization", () => {
  it("with no fields: a unique name and the slug made from it", () => {
    const fake = createStytchFake();
    const acme = fake.seed.organization();
    expectTypeOf(acme).toEqualTypeOf<S["Organization"]>();
    expect(acme).toMatchObject({ organization_name: "Acme Corporation", organization_slug: "acme-corporation" });
    expect(fake.seed.organization().organization_name).toBe("Globex");
  });

  it("keeps the stated fields; a taken slug is refused as by the API", () => {
    const fake = createStytchFake();
    const org = fake.seed.organization({ organization_name: "Acme", email_allowed_domains: ["acme.test"] });
    expect(org).toMatchObject({
      organization_name: "Acme",
      organization_slug: "acme",
      email_allowed_domains: ["acme.test"],
    });
    const before = fake.snapshot();
    expect(() => fake.seed.organization({ organization_slug: "acme" })).toThrow(/^seed\.organization: /);
    expect(fake.snapshot()).toEqual(before);
  });
});

describe("fake.seed.member", () => {
  it("with no fields: an active member with a name and a verified address in the organization's own domain", () => {
    const fake = createStytchFake();
    const acme = fake.seed.organization();
    const member = fake.seed.member(acme.organization_id);
    expectTypeOf(member).toEqualTypeOf<S["Member"]>();
    expect(member).toMatchObject({
      organization_id: acme.organization_id,
      status: "active",
      name: "Ada Lovelace",
      email_address: "ada.lovelace@acme-corporation.example.com",
      email_address_verified: true,
    });
  });

  it("keeps the stated fields (roles among them) and is what the API then answers", async () => {
    const fake = createStytchFake();
    const acme = fake.seed.organization({ organization_name: "Acme" });
    const admin = fake.seed.member(acme.organization_id, {
      email_address: "bob@acme.test",
      roles: ["stytch_admin"],
      email_address_verified: false,
    });
    expect(admin.roles.map((r) => r.role_id)).toContain("stytch_admin");
    expect(admin.email_address_verified).toBe(false);
    const { member } = await clientOf(fake).organizations.members.get({
      organization_id: acme.organization_id,
      member_id: admin.member_id,
    });
    expect(member).toEqual(admin);
    indexesConsistent(fake);
  });

  it("refuses a missing organization and a second live member with the same address, leaving the store as it was", () => {
    const fake = createStytchFake();
    const acme = fake.seed.organization();
    fake.seed.member(acme.organization_id, { email_address: "bob@acme.test" });
    const before = fake.snapshot();
    expect(() => fake.seed.member("organization-test-missing")).toThrow(/^seed\.member: organization_not_found: /);
    expect(() => fake.seed.member(acme.organization_id, { email_address: "BOB@acme.test" })).toThrow(
      /^seed\.member: duplicate_member_email: /,
    );
    expect(fake.snapshot()).toEqual(before);
  });
});

describe("determinism", () => {
  it("with the `seed` option the same seeding gives the same ids; a refused seed draws none; reset restarts the defaults", () => {
    const run = (refuseFirst: boolean) => {
      const fake = createStytchFake({ seed: 5 });
      const org = fake.seed.organization();
      if (refuseFirst) expect(() => fake.seed.organization({ organization_slug: org.organization_slug })).toThrow();
      return { fake, records: [org, fake.seed.member(org.organization_id), fake.seed.user()] };
    };
    const a = run(false);
    const b = run(true);
    expect(b.records).toEqual(a.records);
    a.fake.reset();
    expect(a.fake.snapshot().users).toEqual([]);
    expect(a.fake.seed.organization()).toEqual(a.records[0]);
  });
});

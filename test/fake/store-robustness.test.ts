import { describe, expect, it } from "vitest";
import { expectIndexesConsistent, failure, seeded } from "./store-support.js";

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

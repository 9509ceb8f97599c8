import { expect } from "vitest";
import { createStytchFake, type StytchFake } from "../../src/fake/index.js";
import { storeOf } from "../../src/fake/store.js";
import { createStytchClient, type StytchError } from "../../src/index.js";

// What the store tests (store.test.ts, store-robustness.test.ts) share: a client over a fake, a seeded fake, and
// the check that every index agrees with the records.

/** Our client over a fake's fetch. */
export const clientOf = (fake: StytchFake) =>
  createStytchClient({ projectId: "project-test-x", secret: "s", fetch: fake.fetch, maxRetries: 0 });

/** A fake with two users, two organizations, members in each and a client: something for refused writes to spoil. */
export async function seeded(seed = 7) {
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
export function expectIndexesConsistent(fake: StytchFake) {
  const store = storeOf.get(fake)!;
  for (const table of [store.users, store.organizations, store.members, store.clients]) {
    expect(table.dumpIndexes()).toEqual(table.recomputeIndexes());
  }
}

/** The error a call fails with, or undefined when it succeeds. */
export const failure = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e as StytchError,
  );

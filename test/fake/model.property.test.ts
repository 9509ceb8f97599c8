import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStytchFake, type StytchFake } from "../../src/fake/index.js";
import { storeOf } from "../../src/fake/store.js";
import { createStytchClient } from "../../src/index.js";
import { command, injectFailures, same, step, type Model, type MUser, type S } from "./model.js";

// The model (model.ts): plain arrays in creation order, every rule an obvious linear scan. After a random sequence of
// calls (valid, duplicate and invalid values mixed, some made to fail inside the fake after their work), the fake's
// records, its searches, its metrics and its indexes must all agree with it.

let restore: () => void;
beforeAll(() => {
  restore = injectFailures();
});
afterAll(() => restore());

/** Every page of a search, with a small page size: the ids in the order the pages gave them, and the totals. */
async function pages<P>(
  get: (cursor: string | undefined) => Promise<P>,
  ids: (p: P) => string[],
  meta: (p: P) => S["ResultsMetadata"],
) {
  const out: string[] = [];
  const totals = new Set<number>();
  let cursor: string | undefined;
  do {
    const p = await get(cursor);
    out.push(...ids(p));
    totals.add(meta(p).total);
    cursor = meta(p).next_cursor ?? undefined;
  } while (cursor);
  return { ids: out, totals: [...totals] };
}

async function compare(fake: StytchFake, stytch: ReturnType<typeof createStytchClient>, m: Model, limit: number) {
  const snap = fake.snapshot();
  expect(
    snap.users.map((u) => ({
      user_id: u.user_id,
      emails: u.emails.map(({ email_id, email }) => ({ email_id, email })),
      phones: u.phone_numbers.map(({ phone_id, phone_number }) => ({ phone_id, phone_number })),
      external_id: u.external_id,
      first_name: u.name?.first_name,
    })),
  ).toEqual(m.users);
  expect(
    snap.organizations.map((o) => ({
      organization_id: o.organization_id,
      slug: o.organization_slug,
      external_id: o.organization_external_id,
    })),
  ).toEqual(m.orgs);
  expect(
    snap.members.map((x) => ({
      member_id: x.member_id,
      organization_id: x.organization_id,
      email: x.email_address,
      status: x.status,
      external_id: x.external_id,
      name: x.name,
      retired: x.retired_email_addresses.length,
    })),
  ).toEqual(m.members);
  expect(snap.clients.map((r) => ({ client_id: r.client.client_id, type: r.client.client_type }))).toEqual(m.clients);

  // Indexed searches answer what a linear scan of the model answers, in creation order, on every page.
  const users = (query: S["UsersSearchQuery"]) =>
    pages(
      (cursor) => stytch.users.search({ query, limit, cursor }),
      (p) => p.results.map((u) => u.user_id),
      (p) => p.results_metadata,
    );
  const expectUsers = async (query: S["UsersSearchQuery"], want: (u: MUser) => boolean) => {
    const ids = m.users.filter(want).map((u) => u.user_id);
    expect(await users(query), JSON.stringify(query)).toEqual({ ids, totals: [ids.length] });
  };
  const allEmails = ["ada@x.io", "ADA@x.io", "bob@x.io", "cy@y.org", "nobody@x.io"];
  for (const e of allEmails)
    await expectUsers({ operator: "AND", operands: [{ filter_name: "email_address", filter_value: [e] }] }, (u) =>
      u.emails.some((x) => same(x.email, e)),
    );
  await expectUsers(
    {
      operator: "OR",
      operands: [
        { filter_name: "email_address", filter_value: ["bob@x.io"] },
        { filter_name: "phone_number", filter_value: ["+15005550001"] },
      ],
    },
    (u) => u.emails.some((x) => same(x.email, "bob@x.io")) || u.phones.some((p) => p.phone_number === "+15005550001"),
  );
  const someIds = [...m.users.map((u) => u.user_id)].reverse().filter((_, i) => i % 2 === 0);
  await expectUsers(
    { operator: "AND", operands: [{ filter_name: "user_id", filter_value: [...someIds, "user-test-nobody"] }] },
    (u) => someIds.includes(u.user_id),
  );
  const emailIds = m.users.flatMap((u) => u.emails.map((e) => e.email_id));
  await expectUsers(
    {
      operator: "AND",
      operands: [
        { filter_name: "email_id", filter_value: emailIds },
        { filter_name: "status", filter_value: "active" },
      ],
    },
    (u) => u.emails.length > 0,
  );
  await expectUsers(
    {
      operator: "OR",
      operands: [
        { filter_name: "phone_id", filter_value: m.users.flatMap((u) => u.phones.map((p) => p.phone_id)) },
        { filter_name: "full_name_fuzzy", filter_value: "A" },
      ],
    },
    (u) => u.phones.length > 0 || u.first_name.toLowerCase().includes("a"),
  );

  const orgIds = m.orgs.map((o) => o.organization_id);
  if (orgIds.length > 0) {
    const memberSearch = (query?: S["MembersSearchQuery"]) =>
      pages(
        (cursor) => stytch.organizations.members.search({ organization_ids: orgIds, query, limit, cursor }),
        (p) => p.members.map((x) => x.member_id),
        (p) => p.results_metadata,
      );
    const live = m.members.filter((x) => x.status !== "deleted");
    expect((await memberSearch()).ids).toEqual(live.map((x) => x.member_id));
    for (const e of ["m1@a.io", "m2@a.io"]) {
      const ids = live.filter((x) => same(x.email, e)).map((x) => x.member_id);
      expect(
        await memberSearch({
          operator: "AND",
          operands: [{ filter_name: "member_emails", filter_value: [e.toUpperCase()] }],
        }),
      ).toEqual({ ids, totals: [ids.length] });
    }
    const deleted = m.members.filter((x) => x.status === "deleted").map((x) => x.member_id);
    expect(
      (await memberSearch({ operator: "AND", operands: [{ filter_name: "statuses", filter_value: ["deleted"] }] })).ids,
    ).toEqual(deleted);
    for (const o of m.orgs) {
      const { member_count } = await stytch.organizations.metrics({ organization_id: o.organization_id });
      expect(member_count).toBe(live.filter((x) => x.organization_id === o.organization_id).length);
    }
  }
  const orgSearch = (query: S["OrganizationsSearchQuery"]) =>
    pages(
      (cursor) => stytch.organizations.search({ query, limit, cursor }),
      (p) => p.organizations.map((o) => o.organization_id),
      (p) => p.results_metadata,
    );
  expect(
    (
      await orgSearch({
        operator: "AND",
        operands: [{ filter_name: "organization_slugs", filter_value: ["acme", "gam.ma", "zzz"] }],
      })
    ).ids,
  ).toEqual(m.orgs.filter((o) => ["acme", "gam.ma"].includes(o.slug)).map((o) => o.organization_id));
  expect(
    (await orgSearch({ operator: "AND", operands: [{ filter_name: "member_emails", filter_value: ["M1@a.io"] }] })).ids,
  ).toEqual(
    m.orgs
      .filter((o) =>
        m.members.some(
          (x) => x.organization_id === o.organization_id && x.status !== "deleted" && same(x.email, "m1@a.io"),
        ),
      )
      .map((o) => o.organization_id),
  );

  // And the store's own indexes agree with a recomputation from its records.
  const store = storeOf.get(fake)!;
  for (const table of [store.users, store.organizations, store.members, store.clients])
    expect(table.dumpIndexes()).toEqual(table.recomputeIndexes());
}

describe("property: after random calls, the fake's state equals a simple model's", () => {
  it("records, searches (indexed filters, every page), member counts and indexes agree; refused and failed calls change nothing", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(command, { minLength: 10, maxLength: 80, size: "medium" }),
        fc.integer({ min: 1, max: 4 }),
        async (commands, limit) => {
          const fake = createStytchFake({ seed: 5 });
          const stytch = createStytchClient({
            projectId: "project-test-x",
            secret: "s",
            fetch: fake.fetch,
            maxRetries: 0,
          });
          const model: Model = { users: [], orgs: [], members: [], clients: [], rotating: new Set() };
          for (const c of commands) await step(stytch, model, c);
          await compare(fake, stytch, model, limit);
        },
      ),
      { numRuns: 200 },
    );
  });
});

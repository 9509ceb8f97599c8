import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createStytchFake } from "../../src/fake/index.js";
import { createStytchClient, StytchError, type components } from "../../src/index.js";

type Query = components["schemas"]["UsersSearchQuery"];
type Operand = Query["operands"][number];

/** What a user is, in the model: enough to decide every filter used below. */
interface ModelUser {
  user_id: string;
  email: string;
  first_name: string;
  metadata: Record<string, number>;
}

const names = ["ada", "bob", "cy", "dee"];
const emails = fc.constantFrom(...names).chain((n) => fc.constantFrom(`${n}@example.com`, `${n}.x@example.org`));
const patch = fc.dictionary(fc.constantFrom("a", "b", "c"), fc.option(fc.integer({ min: 0, max: 9 }), { nil: null }), {
  maxKeys: 3,
});
const command = fc.oneof(
  fc.record({
    kind: fc.constant("create" as const),
    email: emails,
    first_name: fc.constantFrom(...names, "Ada Lovelace"),
    metadata: patch,
  }),
  fc.record({
    kind: fc.constant("update" as const),
    pick: fc.nat(),
    first_name: fc.option(fc.constantFrom(...names)),
    metadata: patch,
  }),
  fc.record({ kind: fc.constant("delete" as const), pick: fc.nat() }),
);
const operand = fc.oneof(
  emails.map((e): Operand => ({ filter_name: "email_address", filter_value: [e] })),
  fc
    .constantFrom("ada", "example.org", "x@", "bob@example.com")
    .map((v): Operand => ({ filter_name: "email_address_fuzzy", filter_value: v })),
  fc.constantFrom(...names, "love").map((v): Operand => ({ filter_name: "full_name_fuzzy", filter_value: v })),
);
const query = fc.record({
  operator: fc.constantFrom("AND" as const, "OR" as const),
  operands: fc.array(operand, { maxLength: 3 }),
});

/** The model's answer to a query: the same predicates, written without the fake's filter table. */
function expected(users: ModelUser[], q: Query): string[] {
  const test = (u: ModelUser, o: Operand): boolean => {
    switch (o.filter_name) {
      case "email_address":
        return o.filter_value.includes(u.email);
      case "email_address_fuzzy":
        return u.email.includes(o.filter_value.toLowerCase());
      case "full_name_fuzzy":
        return u.first_name.toLowerCase().includes(o.filter_value.toLowerCase());
      default:
        throw new Error(`not modelled: ${o.filter_name}`);
    }
  };
  return users
    .filter(
      (u) =>
        q.operands.length === 0 ||
        (q.operator === "AND" ? q.operands.every((o) => test(u, o)) : q.operands.some((o) => test(u, o))),
    )
    .map((u) => u.user_id);
}

describe("property: random creates, updates and deletes; search always agrees with a simple model", () => {
  it("same users, same order, same total, same metadata, on every page size", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(command, { maxLength: 25 }),
        fc.array(query, { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 1, max: 7 }),
        async (commands, queries, limit) => {
          const fake = createStytchFake();
          const stytch = createStytchClient({
            projectId: "project-test-x",
            secret: "s",
            fetch: fake.fetch,
            maxRetries: 0,
          });
          const model: ModelUser[] = [];
          for (const c of commands) {
            if (c.kind === "create") {
              const result = await stytch.users
                .create({ email: c.email, name: { first_name: c.first_name }, trusted_metadata: c.metadata })
                .catch((e: unknown) => e);
              if (model.some((u) => u.email === c.email)) {
                expect(result).toBeInstanceOf(StytchError);
                expect(result).toMatchObject({ status_code: 400, error_type: "duplicate_email" });
              } else {
                const { user_id } = result as { user_id: string };
                const metadata = Object.fromEntries(Object.entries(c.metadata).filter(([, v]) => v !== null)) as Record<
                  string,
                  number
                >;
                model.push({ user_id, email: c.email, first_name: c.first_name, metadata });
              }
            } else if (model.length > 0) {
              const target = model[c.pick % model.length]!;
              if (c.kind === "delete") {
                await stytch.users.delete({ user_id: target.user_id });
                model.splice(model.indexOf(target), 1);
              } else {
                await stytch.users.update({
                  user_id: target.user_id,
                  trusted_metadata: c.metadata,
                  ...(c.first_name ? { name: { first_name: c.first_name } } : {}),
                });
                if (c.first_name) target.first_name = c.first_name;
                for (const [k, v] of Object.entries(c.metadata)) {
                  if (v === null) delete target.metadata[k];
                  else target.metadata[k] = v;
                }
              }
            }
          }
          for (const q of queries) {
            const ids: string[] = [];
            let cursor: string | undefined;
            do {
              const page = await stytch.users.search({ query: q, limit, ...(cursor ? { cursor } : {}) });
              expect(page.results_metadata.total).toBe(expected(model, q).length);
              for (const u of page.results) {
                const m = model.find((x) => x.user_id === u.user_id)!;
                expect(u.trusted_metadata).toEqual(m.metadata);
                expect(u.emails.map((e) => e.email)).toEqual([m.email]);
              }
              ids.push(...page.results.map((u) => u.user_id));
              cursor = page.results_metadata.next_cursor ?? undefined;
            } while (cursor);
            expect(ids).toEqual(expected(model, q));
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

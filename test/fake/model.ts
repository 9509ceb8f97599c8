import fc from "fast-check";
import { expect } from "vitest";
import { connectedAppRoutes } from "../../src/fake/connected-apps.js";
import { memberRoutes } from "../../src/fake/members.js";
import { organizationRoutes } from "../../src/fake/organizations.js";
import { userRoutes } from "../../src/fake/users.js";
import { stepMembersAndClients } from "./model-members.js";
import { stepUsersAndOrgs } from "./model-users.js";
import type { components, createStytchClient } from "../../src/index.js";

// The model of model.property.test.ts: plain arrays in creation order, every rule an obvious linear scan; the random
// commands it is driven with, and `step`, which runs one command on the fake and on the model.

/** The API's schemas, for the answers a step records. */
export type S = components["schemas"];
/** A user as the model keeps it: only what its rules look at. */
export interface MUser {
  user_id: string;
  emails: { email_id: string; email: string }[];
  phones: { phone_id: string; phone_number: string }[];
  external_id: string | null;
  first_name: string;
}
/** An organization as the model keeps it. */
export interface MOrg {
  organization_id: string;
  slug: string;
  external_id: string;
}
/** A member as the model keeps it; `retired` counts its email changes (the fake's `retired_email_addresses`). */
export interface MMember {
  member_id: string;
  organization_id: string;
  email: string;
  status: string;
  external_id: string | null;
  name: string;
  retired: number;
}
/** A connected-app client as the model keeps it. */
export interface MClient {
  client_id: string;
  type: string;
}
/** `rotating`: the clients with a secret rotation started (a second start is refused, `idp_client_already_rotating_secret`). */
export interface Model {
  users: MUser[];
  orgs: MOrg[];
  members: MMember[];
  clients: MClient[];
  rotating: Set<string>;
}

/** What the fake takes as an email, a phone number and a slug: the model refuses the same, no more, no less. */
export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const PHONE = /^\+[1-9]\d{1,14}$/;
export const SLUG = /^[A-Za-z0-9._~-]{2,128}$/;
/** Emails compare without case, as the fake's uniqueness checks do. */
export const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const email = fc.constantFrom("ada@x.io", "ADA@x.io", "bob@x.io", "cy@y.org", "not-an-email");
const phone = fc.constantFrom("+15005550001", "+15005550002", "12");
const slug = fc.constantFrom("acme", "beta", "gam.ma", "a", "bad slug");
const memberEmail = fc.constantFrom("m1@a.io", "M1@a.io", "m2@a.io", "m3@a.io", "m4@b.io", "m5@b.io", "nope");
const pick = fc.nat({ max: 20 });
/** One in ten calls is made to fail after the handler did its work: the model then expects no change at all. */
const boom = fc.nat({ max: 9 }).map((n) => n === 0);

/** A command kind, drawn `weight` times as often as the others. */
const w = <T>(weight: number, fields: { [K in keyof T]: fc.Arbitrary<T[K]> }) => ({
  weight,
  arbitrary: fc.record<T>(fields),
});
/** A random command: which call to make, with what, and whether it is made to fail after the handler's work. */
export const command = fc.oneof(
  w(3, {
    k: fc.constant("createUser" as const),
    email: opt(email),
    phone: opt(phone),
    ext: opt(fc.constantFrom("e1", "e2")),
    boom,
  }),
  fc.record({
    k: fc.constant("updateUser" as const),
    pick,
    ext: opt(fc.constantFrom("e1", "e2", "e3")),
    first: opt(fc.constantFrom("A", "B")),
    boom,
  }),
  fc.record({ k: fc.constant("exchange" as const), pick, email: opt(email), phone: opt(phone), boom }),
  fc.record({ k: fc.constant("deleteUser" as const), pick, boom }),
  fc.record({ k: fc.constant("deleteEmail" as const), pick, boom }),
  w(3, { k: fc.constant("createOrg" as const), slug, ext: opt(fc.constantFrom("o1", "o2")), boom }),
  fc.record({
    k: fc.constant("updateOrg" as const),
    pick,
    slug: opt(slug),
    ext: opt(fc.constantFrom("o1", "o2", "o3")),
    boom,
  }),
  fc.record({ k: fc.constant("deleteOrg" as const), pick, boom }),
  w(6, {
    k: fc.constant("createMember" as const),
    pick,
    email: memberEmail,
    ext: opt(fc.constantFrom("x1", "x2")),
    phone: opt(phone),
    boom,
  }),
  w(2, {
    k: fc.constant("updateMember" as const),
    pick,
    email: opt(memberEmail),
    ext: opt(fc.constantFrom("x1", "x2", "x3")),
    name: opt(fc.constantFrom("N", "M")),
    boom,
  }),
  w(2, { k: fc.constant("deleteMember" as const), pick, boom }),
  w(2, { k: fc.constant("reactivate" as const), pick, boom }),
  w(3, {
    k: fc.constant("createClient" as const),
    type: fc.constantFrom("first_party", "third_party_public", "bogus"),
    boom,
  }),
  fc.record({ k: fc.constant("deleteClient" as const), pick, boom }),
  fc.record({ k: fc.constant("rotateStart" as const), pick, boom }),
);
/** One drawn command. */
export type Command = typeof command extends fc.Arbitrary<infer C> ? C : never;

/** The item `pick` points at, or undefined (one slot past the end stands for an id that does not exist). */
export const at = <T>(list: T[], n: number) => (list.length === 0 ? undefined : list[n % (list.length + 1)]);

let explode = false;
const routes = [...userRoutes, ...memberRoutes, ...organizationRoutes, ...connectedAppRoutes];
const originals = new Map(routes.map((r) => [r, r.handle]));

/** Makes every handler able to fail after its work (when a command says `boom`); returns the undo. */
export function injectFailures(): () => void {
  for (const [route, handle] of originals) {
    route.handle = (ctx, request) => {
      const answer = handle(ctx, request);
      if (explode) throw new Error("injected after the handler's work");
      return answer;
    };
  }
  return () => {
    for (const [route, handle] of originals) route.handle = handle;
  };
}

/** What a command's step needs: the client, the model, the command, and `call`, which runs the client's call and
 * checks that the fake accepted it exactly when the model expects it to. */
export interface Step {
  stytch: ReturnType<typeof createStytchClient>;
  m: Model;
  c: Command;
  call: <T>(p: () => Promise<T>, expectOk: boolean, apply: (answer: T) => void) => Promise<void>;
  /** An id that names nothing. */
  missing: string;
}

/** Runs one command on the fake and on the model; checks that both accept it or both refuse it. */
export async function step(stytch: ReturnType<typeof createStytchClient>, m: Model, c: Command): Promise<void> {
  const call = async <T>(p: () => Promise<T>, expectOk: boolean, apply: (answer: T) => void) => {
    explode = c.boom;
    const result = await p().then(
      (answer) => ({ ok: true as const, answer }),
      (error: unknown) => ({ ok: false as const, error }),
    );
    explode = false;
    expect(
      result.ok,
      `${c.k} ${JSON.stringify(c)}: ${result.ok ? "accepted" : String((result as { error: unknown }).error)}`,
    ).toBe(expectOk && !c.boom);
    if (result.ok) apply(result.answer);
  };
  const s: Step = { stytch, m, c, call, missing: "missing-test-00000000-0000-4000-8000-000000000000" };
  await (stepUsersAndOrgs(s) ?? stepMembersAndClients(s));
}

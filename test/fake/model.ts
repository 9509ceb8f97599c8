import fc from "fast-check";
import { expect } from "vitest";
import { connectedAppRoutes } from "../../src/fake/connected-apps.js";
import { memberRoutes } from "../../src/fake/members.js";
import { organizationRoutes } from "../../src/fake/organizations.js";
import { userRoutes } from "../../src/fake/users.js";
import type { components, createStytchClient } from "../../src/index.js";

// The model of model.property.test.ts: plain arrays in creation order, every rule an obvious linear scan; the random
// commands it is driven with, and `step`, which runs one command on the fake and on the model.

export type S = components["schemas"];
export interface MUser {
  user_id: string;
  emails: { email_id: string; email: string }[];
  phones: { phone_id: string; phone_number: string }[];
  external_id: string | null;
  first_name: string;
}
interface MOrg {
  organization_id: string;
  slug: string;
  external_id: string;
}
interface MMember {
  member_id: string;
  organization_id: string;
  email: string;
  status: string;
  external_id: string | null;
  name: string;
  retired: number;
}
interface MClient {
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

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+[1-9]\d{1,14}$/;
const SLUG = /^[A-Za-z0-9._~-]{2,128}$/;
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
type Command = typeof command extends fc.Arbitrary<infer C> ? C : never;

/** The item `pick` points at, or undefined (one slot past the end stands for an id that does not exist). */
const at = <T>(list: T[], n: number) => (list.length === 0 ? undefined : list[n % (list.length + 1)]);

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

/** Runs one command on the fake and on the model; checks that both accept it or both refuse it. */
export async function step(stytch: ReturnType<typeof createStytchClient>, m: Model, c: Command): Promise<void> {
  const members = stytch.organizations.members;
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
  const missing = "missing-test-00000000-0000-4000-8000-000000000000";
  switch (c.k) {
    case "createUser": {
      const ok =
        (c.email !== undefined || c.phone !== undefined) &&
        (c.email === undefined ||
          (EMAIL.test(c.email) && !m.users.some((u) => u.emails.some((e) => same(e.email, c.email!))))) &&
        (c.phone === undefined ||
          (PHONE.test(c.phone) && !m.users.some((u) => u.phones.some((p) => p.phone_number === c.phone)))) &&
        (c.ext === undefined || !m.users.some((u) => u.external_id === c.ext));
      return call(
        () => stytch.users.create({ email: c.email, phone_number: c.phone, external_id: c.ext }),
        ok,
        (a) =>
          m.users.push({
            user_id: a.user_id,
            emails: c.email === undefined ? [] : [{ email_id: a.email_id, email: c.email }],
            phones: c.phone === undefined ? [] : [{ phone_id: a.phone_id, phone_number: c.phone }],
            external_id: c.ext ?? null,
            first_name: "",
          }),
      );
    }
    case "updateUser": {
      const u = at(m.users, c.pick);
      const ok = !!u && (c.ext === undefined || !m.users.some((o) => o !== u && o.external_id === c.ext));
      return call(
        () =>
          stytch.users.update({
            user_id: u?.user_id ?? missing,
            external_id: c.ext,
            name: c.first ? { first_name: c.first } : undefined,
          }),
        ok,
        () => {
          if (c.ext !== undefined) u!.external_id = c.ext;
          if (c.first) u!.first_name = c.first;
        },
      );
    }
    case "exchange": {
      const u = at(m.users, c.pick);
      const others = m.users.filter((o) => o !== u);
      const ok =
        !!u &&
        (c.email !== undefined || c.phone !== undefined) &&
        (c.email === undefined ||
          (EMAIL.test(c.email) && !others.some((o) => o.emails.some((e) => same(e.email, c.email!))))) &&
        (c.phone === undefined ||
          (PHONE.test(c.phone) && !others.some((o) => o.phones.some((p) => p.phone_number === c.phone))));
      return call(
        () =>
          stytch.users.exchangePrimaryFactor({
            user_id: u?.user_id ?? missing,
            email_address: c.email,
            phone_number: c.phone,
          }),
        ok,
        (a) => {
          if (c.email !== undefined) u!.emails = [{ email_id: a.user.emails[0]!.email_id, email: c.email }];
          if (c.phone !== undefined)
            u!.phones = [{ phone_id: a.user.phone_numbers[0]!.phone_id, phone_number: c.phone }];
        },
      );
    }
    case "deleteUser": {
      const u = at(m.users, c.pick);
      return call(
        () => stytch.users.delete({ user_id: u?.user_id ?? missing }),
        !!u,
        () => m.users.splice(m.users.indexOf(u!), 1),
      );
    }
    case "deleteEmail": {
      const u = at(m.users, c.pick);
      const e = u?.emails[0];
      return call(
        () => stytch.users.deleteEmail({ email_id: e?.email_id ?? missing }),
        !!e,
        () => u!.emails.splice(0, 1),
      );
    }
    case "createOrg": {
      const ok =
        SLUG.test(c.slug) &&
        !m.orgs.some((o) => o.slug === c.slug) &&
        (c.ext === undefined || !m.orgs.some((o) => o.external_id === c.ext));
      return call(
        () =>
          stytch.organizations.create({
            organization_name: "Org",
            organization_slug: c.slug,
            organization_external_id: c.ext,
          }),
        ok,
        (a) => m.orgs.push({ organization_id: a.organization.organization_id, slug: c.slug, external_id: c.ext ?? "" }),
      );
    }
    case "updateOrg": {
      const o = at(m.orgs, c.pick);
      const others = m.orgs.filter((x) => x !== o);
      const ok =
        !!o &&
        (c.slug === undefined || (SLUG.test(c.slug) && !others.some((x) => x.slug === c.slug))) &&
        (c.ext === undefined || !others.some((x) => x.external_id === c.ext));
      return call(
        () =>
          stytch.organizations.update({
            organization_id: o?.organization_id ?? missing,
            organization_slug: c.slug,
            organization_external_id: c.ext,
          }),
        ok,
        () => {
          if (c.slug !== undefined) o!.slug = c.slug;
          if (c.ext !== undefined) o!.external_id = c.ext;
        },
      );
    }
    case "deleteOrg": {
      const o = at(m.orgs, c.pick);
      return call(
        () => stytch.organizations.delete({ organization_id: o?.organization_id ?? missing }),
        !!o,
        () => {
          m.orgs.splice(m.orgs.indexOf(o!), 1);
          m.members = m.members.filter((x) => x.organization_id !== o!.organization_id);
        },
      );
    }
    case "createMember": {
      const o = at(m.orgs, c.pick);
      const inOrg = m.members.filter((x) => x.organization_id === o?.organization_id);
      const ok =
        !!o &&
        EMAIL.test(c.email) &&
        !inOrg.some((x) => x.status !== "deleted" && same(x.email, c.email)) &&
        (c.phone === undefined || PHONE.test(c.phone)) &&
        (c.ext === undefined || !inOrg.some((x) => x.external_id === c.ext));
      return call(
        () =>
          members.create({
            organization_id: o?.organization_id ?? missing,
            email_address: c.email,
            external_id: c.ext,
            mfa_phone_number: c.phone,
          }),
        ok,
        (a) =>
          m.members.push({
            member_id: a.member_id,
            organization_id: o!.organization_id,
            email: c.email,
            status: "active",
            external_id: c.ext ?? null,
            name: "",
            retired: 0,
          }),
      );
    }
    case "updateMember": {
      const x = at(m.members, c.pick);
      const others = m.members.filter((y) => y !== x && y.organization_id === x?.organization_id);
      const changes = c.email !== undefined && !same(c.email, x?.email ?? "");
      const ok =
        !!x &&
        x.status !== "deleted" &&
        (c.ext === undefined || !others.some((y) => y.external_id === c.ext)) &&
        (!changes || (EMAIL.test(c.email!) && !others.some((y) => y.status !== "deleted" && same(y.email, c.email!))));
      const ids = { organization_id: x?.organization_id ?? missing, member_id: x?.member_id ?? missing };
      return call(
        () => members.update({ ...ids, email_address: c.email, external_id: c.ext, name: c.name }),
        ok,
        () => {
          if (c.ext !== undefined) x!.external_id = c.ext;
          if (c.name !== undefined) x!.name = c.name;
          if (changes) [x!.email, x!.retired] = [c.email!, x!.retired + 1];
        },
      );
    }
    case "deleteMember": {
      const x = at(m.members, c.pick);
      const ids = { organization_id: x?.organization_id ?? missing, member_id: x?.member_id ?? missing };
      return call(
        () => members.delete(ids),
        !!x && x.status !== "deleted",
        () => (x!.status = "deleted"),
      );
    }
    case "reactivate": {
      const x = at(m.members, c.pick);
      const clash = m.members.some(
        (y) => y !== x && y.organization_id === x?.organization_id && y.status !== "deleted" && same(y.email, x.email),
      );
      const ids = { organization_id: x?.organization_id ?? missing, member_id: x?.member_id ?? missing };
      return call(
        () => members.reactivate(ids),
        !!x && (x.status !== "deleted" || !clash),
        () => (x!.status = "active"),
      );
    }
    case "createClient":
      return call(
        () =>
          stytch.connectedApp.clients.create({
            client_type: c.type as S["CreateConnectedAppClientRequest"]["client_type"],
          }),
        c.type !== "bogus",
        (a) => m.clients.push({ client_id: a.connected_app.client_id, type: c.type }),
      );
    case "deleteClient": {
      const x = at(m.clients, c.pick);
      return call(
        () => stytch.connectedApp.clients.delete({ client_id: x?.client_id ?? missing }),
        !!x,
        () => m.clients.splice(m.clients.indexOf(x!), 1),
      );
    }
    case "rotateStart": {
      const x = at(m.clients, c.pick);
      const ok = !!x && !x.type.endsWith("_public") && !m.rotating.has(x.client_id);
      return call(
        () => stytch.connectedApp.clients.secrets.rotateStart({ client_id: x?.client_id ?? missing }),
        ok,
        () => m.rotating.add(x!.client_id),
      );
    }
  }
}

import { at, EMAIL, PHONE, SLUG, same, type Step } from "./model.js";

/** The step of a users or organizations command (see `step` in model.ts). Undefined when the command is not of these areas. */
export function stepUsersAndOrgs({ stytch, m, c, call, missing }: Step): Promise<void> | undefined {
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
  }
  return undefined;
}

import { at, EMAIL, PHONE, type S, same, type Step } from "./model.js";

/** The step of a members or connected-app clients command (see `step` in model.ts). Undefined when the command is not of these areas. */
export function stepMembersAndClients({ stytch, m, c, call, missing }: Step): Promise<void> | undefined {
  const members = stytch.organizations.members;
  switch (c.k) {
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
  return undefined;
}

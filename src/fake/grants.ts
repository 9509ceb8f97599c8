/**
 * Consents to connected apps (the store's `grants`), as the users', members' and organizations' operations read and
 * revoke them. The array is replaced, never changed in place, so that a transaction can put the old one back.
 */
import { notFound, type S } from "./area.js";
import type { Grant, Store } from "./store.js";

/**
 * A connected app as the users', members' and organizations' answers summarise it: `extra` (the scopes granted,
 * the active members) goes before `logo_url`, which is `null` when the app has none.
 * @example
 * appSummary(record.client, { scopes_granted: "openid email" });
 */
export function appSummary<E extends object>(app: Readonly<S["ConnectedAppClient"]>, extra: E) {
  return {
    connected_app_id: app.client_id,
    name: app.client_name,
    description: app.client_description,
    client_type: app.client_type,
    ...extra,
    logo_url: app.logo_url ?? null,
  };
}

/**
 * The apps that the grants passing `mine` name, each summarised with the scopes granted (an app deleted since is
 * left out).
 * @example
 * const apps = grantedApps(ctx.store, (g) => g.user_id === user.user_id);
 */
export function grantedApps(store: Store, mine: (grant: Grant) => boolean) {
  return store.grants.filter(mine).flatMap((g) => {
    const app = store.clients.get(g.connected_app_id)?.client;
    return app ? [appSummary(app, { scopes_granted: g.scopes.join(" ") })] : [];
  });
}

/**
 * Removes the grant of the app `appId` that passes `mine`.
 * Guessed: revoking an app the user or member never authorized is a 404 `connected_app_not_found`.
 * @example
 * revokeGrant(ctx.store, params.connected_app_id!, (g) => g.member_id === member.member_id);
 */
export function revokeGrant(store: Store, appId: string | undefined, mine: (grant: Grant) => boolean): void {
  const before = store.grants.length;
  store.grants = store.grants.filter((g) => !(mine(g) && g.connected_app_id === appId));
  if (store.grants.length === before) throw notFound("connected_app_not_found", "Connected app");
}

/**
 * Drops the grants that pass `gone`: those of a deleted user, member, organization or app.
 * @example
 * dropGrants(ctx.store, (g) => g.user_id === user.user_id);
 */
export function dropGrants(store: Store, gone: (grant: Grant) => boolean): void {
  store.grants = store.grants.filter((g) => !gone(g));
}

/**
 * The grants of an organization's members, grouped by app, in the order of the grants (apps deleted since left
 * out): what the organization's connected-apps answers list.
 * @example
 * membersByApp(ctx.store, org.organization_id).get(appId); // [{ member_id, granted_scopes }]
 */
export function membersByApp(store: Store, organizationId: string) {
  const byApp = new Map<string, S["OrganizationConnectedAppActiveMember"][]>();
  for (const g of store.grants) {
    if (g.organization_id !== organizationId || !g.member_id) continue;
    if (!store.clients.has(g.connected_app_id)) continue;
    const list = byApp.get(g.connected_app_id) ?? [];
    list.push({ member_id: g.member_id, granted_scopes: [...g.scopes] });
    byApp.set(g.connected_app_id, list);
  }
  return byApp;
}

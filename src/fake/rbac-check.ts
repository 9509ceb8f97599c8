/**
 * The RBAC check itself: the permissions a member's roles grant (explicit, implicit by email domain, the
 * organization's custom roles), and whether they satisfy what rbac.ts says an operation needs.
 */
import type { OperationId } from "../generated/operations.js";
import type { components } from "../generated/stytch.js";
import { invalid } from "./context.js";
import { DEFAULT_ROLES, forbidden, NEEDS, type RbacRole } from "./rbac.js";
import type { FakeRequest } from "./router.js";
import { within, type Member, type Store } from "./store.js";

type S = components["schemas"];

/** The caller of a request: the session's member, already resolved (e.g. `{ member }`). */
export interface Caller {
  member: Readonly<Member>;
}

/**
 * Checks that `caller` may run `operationId` with `req`, throwing 403 `unauthorized_action` if not. `projectRoles`
 * are the default roles with `--data`'s `rbac.roles` over them; the organization's `custom_roles` are added.
 * @example
 * authorize(store, projectRoles(), "deleteMember", request, { member }); // throws unless allowed
 */
export function authorize(
  store: Store,
  projectRoles: ReadonlyMap<string, RbacRole>,
  operationId: OperationId,
  req: FakeRequest,
  caller: Caller,
): void {
  const needsOf = NEEDS[operationId];
  if (!needsOf) return;
  const orgId = caller.member.organization_id;
  const org = store.organizations.get(orgId);
  const pathOrg = req.params.organization_id;
  // The path may name the organization by id, slug or external id (the spec's OrganizationId parameter).
  if (
    pathOrg !== undefined &&
    pathOrg !== orgId &&
    pathOrg !== org?.organization_slug &&
    pathOrg !== (org?.organization_external_id || undefined)
  ) {
    throw forbidden("The member session belongs to another organization.");
  }
  if (operationId === "searchMembers") {
    const ids = req.body.organization_ids;
    if (!Array.isArray(ids) || ids.some((id) => id !== orgId))
      throw forbidden("The member session belongs to another organization.");
  }
  const granted = grants(caller.member, org, projectRoles);
  const target = targetMember(store, operationId, req, orgId);
  const isSelf = target !== undefined && target === caller.member.member_id;
  for (const need of needsOf(req)) {
    if (allows(granted, need.resource, need.action)) continue;
    if (need.self && isSelf && allows(granted, "stytch.self", need.action)) continue;
    throw forbidden(`The member session needs the ${need.action} action on the ${need.resource} resource.`);
  }
}

/** resource → actions granted by the member's roles (explicit, implicit by email domain, the org's custom roles). */
function grants(
  m: Readonly<Member>,
  org: Readonly<S["Organization"]> | undefined,
  projectRoles: ReadonlyMap<string, RbacRole>,
): Map<string, Set<string>> {
  const roleIds = new Set((m.roles ?? []).map((r) => r.role_id));
  roleIds.add("stytch_member");
  const domain = m.email_address?.split("@")[1]?.toLowerCase();
  for (const a of org?.rbac_email_implicit_role_assignments ?? [])
    if (domain && a.domain?.toLowerCase() === domain) roleIds.add(a.role_id);
  const custom = new Map((org?.custom_roles ?? []).map((r) => [r.role_id, r as RbacRole]));
  const out = new Map<string, Set<string>>();
  for (const id of roleIds) {
    for (const role of [projectRoles.get(id), custom.get(id)]) {
      for (const p of role?.permissions ?? []) {
        const set = out.get(p.resource_id) ?? new Set<string>();
        for (const action of p.actions) set.add(action);
        out.set(p.resource_id, set);
      }
    }
  }
  return out;
}

const allows = (granted: Map<string, Set<string>>, resource: string, action: string) => {
  const actions = granted.get(resource);
  return actions !== undefined && (actions.has("*") || actions.has(action));
};

/** The member an operation acts on, for the `stytch.self` rule (by id or external id; by password for that route). */
function targetMember(store: Store, operationId: OperationId, req: FakeRequest, orgId: string): string | undefined {
  if (operationId === "deleteMemberPassword") {
    const id = req.params.member_password_id;
    return id ? store.members.findBy("password", within(orgId, id))?.member_id : undefined;
  }
  const id = req.params.member_id;
  if (id === undefined) return undefined;
  if (store.members.has(id)) return id;
  return store.members.findBy("external_id", within(orgId, id))?.member_id;
}

/**
 * The project's roles: the defaults, with `--data`'s roles added (a role of the same id replaces a default).
 * @example
 * const auditor = { role_id: "auditor", permissions: [{ resource_id: "stytch.member", actions: ["search"] }] };
 * const roles = projectRoles([auditor]);
 */
export function projectRoles(extra: readonly RbacRole[] = []): Map<string, RbacRole> {
  const roles = new Map<string, RbacRole>(DEFAULT_ROLES.map((r) => [r.role_id, r]));
  for (const role of extra) {
    if (typeof role?.role_id !== "string" || !Array.isArray(role.permissions))
      throw invalid("data.rbac.roles: each role needs a role_id and permissions.");
    roles.set(role.role_id, role);
  }
  return roles;
}

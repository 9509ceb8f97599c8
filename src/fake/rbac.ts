/**
 * Stytch's RBAC policy for calls that carry a member session (`X-Stytch-Member-Session` / `-SessionJWT`): which
 * permission each operation needs and the default roles; rbac-check.ts checks a call against them. Without a
 * session header a call runs with the project's full rights, as the spec's `MemberSession` parameter says.
 *
 * Default roles (https://stytch.com/docs/b2b/guides/rbac/stytch-default): `stytch_member` is held by every member and
 * "contains all stytch.self permissions"; `stytch_admin` has "permissions for any admin action within the
 * Organization" (https://stytch.com/docs/b2b/guides/rbac/initial-setup), i.e. every action on the default resources
 * `stytch.organization`, `stytch.member`, `stytch.sso`, `stytch.scim` (and `stytch.self`). A role with `*` holds every
 * action of its resource (https://stytch.com/docs/guides/authorization/rbac). A member's permissions are the union of
 * its roles' (https://stytch.com/docs/api-reference/b2b/api/rbac/overview).
 *
 * A missing permission, or a session of another organization, is a 403 `unauthorized_action`: "If the Member Session
 * does not contain a Role that satisfies the requested permission, or if the Member's Organization does not match the
 * organization_id passed in the request, a 403 error will be thrown" (https://stytch.com/docs/b2b/api/create-member);
 * the type is this description's shared 403 example (openapi/components/responses/Forbidden.yaml).
 */
import type { OperationId } from "../generated/operations.js";
import { FakeError } from "./context.js";
import type { FakeRequest } from "./router.js";

/** One role of an RBAC policy: the actions it grants, per resource. */
export interface RbacRole {
  role_id: string;
  description?: string;
  permissions: { resource_id: string; actions: string[] }[];
}

/** Stytch's default roles (sources above). */
export const DEFAULT_ROLES: readonly RbacRole[] = [
  {
    role_id: "stytch_member",
    description: "Every member.",
    permissions: [{ resource_id: "stytch.self", actions: ["*"] }],
  },
  {
    role_id: "stytch_admin",
    description: "Any admin action within the organization.",
    permissions: ["stytch.organization", "stytch.member", "stytch.sso", "stytch.scim", "stytch.self"].map(
      (resource_id) => ({
        resource_id,
        actions: ["*"],
      }),
    ),
  },
];

/** What one operation needs: an action on a resource, and whether `stytch.self` does when the target is the caller. */
interface Need {
  resource: "stytch.member" | "stytch.organization";
  action: string;
  /** The operation also accepts the action on `stytch.self` when the target member is the session's own. */
  self: boolean;
}

const member = (action: string, self = true): Need => ({ resource: "stytch.member", action, self });
const organization = (action: string): Need => ({ resource: "stytch.organization", action, self: false });

/**
 * Update Member, per field (https://stytch.com/docs/api-reference/b2b/api/members/update-member; the field
 * descriptions of Stytch's own OpenAPI description, vendor/stytch-openapi/openapi.yml). `self: false` where the docs
 * name `stytch.member` only. Guessed: `external_id` (the docs name no action; `update.info.external-id` by analogy).
 */
const UPDATE_MEMBER: Record<string, Need> = {
  name: member("update.info.name"),
  untrusted_metadata: member("update.info.untrusted-metadata"),
  is_breakglass: member("update.settings.is-breakglass", false),
  mfa_phone_number: member("update.info.mfa-phone"),
  mfa_enrolled: member("update.settings.mfa-enrolled"),
  roles: member("update.settings.roles", false),
  default_mfa_method: member("update.settings.default-mfa-method"),
  email_address: member("update.info.email", false),
  external_id: member("update.info.external-id", false),
};

/**
 * Update Organization, per field (https://stytch.com/docs/api-reference/b2b/api/organizations/update-organization;
 * the field descriptions of vendor/stytch-openapi/openapi.yml). Guessed: `organization_external_id`,
 * `claimed_email_domains` and the connected-app fields (no action documented; `update.settings.*` by analogy).
 */
const UPDATE_ORGANIZATION: Record<string, string> = {
  organization_name: "update.info.name",
  organization_slug: "update.info.slug",
  organization_logo_url: "update.info.logo-url",
  organization_external_id: "update.info.external-id",
  sso_default_connection_id: "update.info.default-sso-connection",
  sso_jit_provisioning: "update.settings.sso-jit-provisioning",
  sso_jit_provisioning_allowed_connections: "update.settings.sso-jit-provisioning",
  email_allowed_domains: "update.settings.allowed-domains",
  email_jit_provisioning: "update.settings.email-jit-provisioning",
  email_invites: "update.settings.email-invites",
  auth_methods: "update.settings.allowed-auth-methods",
  allowed_auth_methods: "update.settings.allowed-auth-methods",
  mfa_policy: "update.settings.mfa-policy",
  rbac_email_implicit_role_assignments: "update.settings.implicit-roles",
  mfa_methods: "update.settings.allowed-mfa-methods",
  allowed_mfa_methods: "update.settings.allowed-mfa-methods",
  oauth_tenant_jit_provisioning: "update.settings.oauth-tenant-jit-provisioning",
  allowed_oauth_tenants: "update.settings.allowed-oauth-tenants",
  claimed_email_domains: "update.settings.claimed-email-domains",
  first_party_connected_apps_allowed_type: "update.settings.connected-apps",
  allowed_first_party_connected_apps: "update.settings.connected-apps",
  third_party_connected_apps_allowed_type: "update.settings.connected-apps",
  allowed_third_party_connected_apps: "update.settings.connected-apps",
};

/**
 * The permission each operation that takes a member session needs. Sources, per operation (Stytch's B2B API
 * reference, "RBAC Enforced API" notes):
 * - createMember: `create` on stytch.member (https://stytch.com/docs/b2b/api/create-member)
 * - reactivateMember: `create` on stytch.member (https://stytch.com/docs/b2b/api/reactivate-member)
 * - searchMembers: `search` on stytch.member (https://stytch.com/docs/api-reference/b2b/api/members/search-members)
 * - deleteMember: `delete` on stytch.member, or stytch.self for one's own member
 *   (https://stytch.com/docs/api-reference/b2b/api/members/delete-member)
 * - deleteMemberTotp: `update.info.delete.mfa-totp` (stytch.self for one's own:
 *   https://stytch.com/docs/api-reference/b2b/frontend-sdks/nextjs/methods/self/delete-self-mfa-totp)
 * - deleteOrganization: `delete` on stytch.organization
 *   (https://stytch.com/docs/api-reference/b2b/api/organizations/delete-organization)
 * - updateMember, updateOrganization: per field, above.
 * Guessed (no page states the action; named by analogy with the documented ones): deleteMemberMfaPhoneNumber
 * `update.info.delete.mfa-phone`, deleteMemberPassword `update.info.delete.password`, unlinkMemberRetiredEmail and
 * startMemberEmailUpdate `update.info.email`, deleteMemberExternalId `update.info.external-id`,
 * getMemberConnectedApps `get` and revokeMemberConnectedApp `update` (with stytch.self for one's own),
 * getOrganizationConnectedApps/App `get` and deleteOrganizationExternalId `update.info.external-id` on
 * stytch.organization.
 */
export const NEEDS: Partial<Record<OperationId, (req: FakeRequest) => Need[]>> = {
  createMember: () => [member("create", false)],
  reactivateMember: () => [member("create", false)],
  searchMembers: () => [member("search", false)],
  deleteMember: () => [member("delete")],
  deleteMemberTotp: () => [member("update.info.delete.mfa-totp")],
  deleteMemberMfaPhoneNumber: () => [member("update.info.delete.mfa-phone")],
  deleteMemberPassword: () => [member("update.info.delete.password")],
  unlinkMemberRetiredEmail: () => [member("update.info.email")],
  startMemberEmailUpdate: () => [member("update.info.email")],
  deleteMemberExternalId: () => [member("update.info.external-id", false)],
  getMemberConnectedApps: () => [member("get")],
  revokeMemberConnectedApp: () => [member("update")],
  updateMember: (req) => fieldNeeds(req.body, UPDATE_MEMBER),
  updateOrganization: (req) =>
    fieldNeeds(req.body, Object.fromEntries(Object.entries(UPDATE_ORGANIZATION).map(([f, a]) => [f, organization(a)]))),
  deleteOrganization: () => [organization("delete")],
  getOrganizationConnectedApps: () => [organization("get")],
  getOrganizationConnectedApp: () => [organization("get")],
  deleteOrganizationExternalId: () => [organization("update.info.external-id")],
};

/** The operations that take a member session: the spec's `MemberSession` parameter is on exactly these. */
export const SESSION_OPERATIONS: ReadonlySet<string> = new Set(Object.keys(NEEDS));

function fieldNeeds(body: Record<string, unknown>, table: Record<string, Need>): Need[] {
  const needs: Need[] = [];
  for (const [field, value] of Object.entries(body)) {
    if (value === undefined) continue;
    // "If a session header is passed into the request, this field may not be passed" (Update Member, Update
    // Organization). Guessed: refused as the missing permission it amounts to.
    if (field === "trusted_metadata") throw forbidden("trusted_metadata cannot be set with a member session.");
    const need = table[field];
    if (need) needs.push(need);
  }
  return needs;
}

/**
 * The answer to a call the member session may not make: 403 `unauthorized_action`.
 * @example
 * throw forbidden("The member session belongs to another organization.");
 */
export const forbidden = (message = "The member session does not have permission to perform this action.") =>
  new FakeError(403, "unauthorized_action", message);

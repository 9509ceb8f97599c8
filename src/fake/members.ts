import type { components } from "../generated/stytch.js";
import {
  checkEmail,
  checkPhone,
  FakeError,
  invalid,
  mergeMetadata,
  notFound,
  optString,
  type Context,
} from "./context.js";
import { findOrganization } from "./organizations.js";
import { providerReads } from "./members-oauth.js";
import { queryBoolean, type FakeRequest, type Route } from "./router.js";
import { page, select } from "./search.js";
import { within, type Member, type Organization } from "./store.js";

type S = components["schemas"];
type Ok<T> = Omit<T, "request_id" | "status_code">;

/** Every member holds the project's default role. Guessed: granted as a direct assignment. */
const DEFAULT_ROLE = "stytch_member";

function rolesFrom(roles: string[] = []): S["MemberRole"][] {
  return [...new Set([DEFAULT_ROLE, ...roles])].map((role_id) => ({ role_id, sources: [{ type: "direct_assignment" }] }));
}

/** A complete member from a partial one (the `data` option). */
export function buildMember(ctx: Context, partial: Partial<Member> & { organization_id: string }): Member {
  const now = ctx.now();
  return {
    member_id: ctx.id("member"),
    email_address: "",
    status: "active",
    name: "",
    sso_registrations: [],
    is_breakglass: false,
    member_password_id: "",
    oauth_registrations: [],
    email_address_verified: false,
    mfa_phone_number_verified: false,
    is_admin: false,
    totp_registration_id: "",
    retired_email_addresses: [],
    is_locked: false,
    mfa_enrolled: false,
    mfa_phone_number: "",
    default_mfa_method: "",
    roles: rolesFrom(),
    trusted_metadata: {},
    untrusted_metadata: {},
    created_at: now,
    updated_at: now,
    scim_registration: null,
    external_id: null,
    lock_created_at: null,
    lock_expires_at: null,
    ...partial,
  };
}

/** The member and its organization, as most member answers carry them. */
function answer(ctx: Context, member: Readonly<Member>): { member_id: string; member: Member; organization: Organization } {
  return { member_id: member.member_id, member, organization: findOrganization(ctx, member.organization_id) };
}

/** A member of the organization by `member_id` (or `external_id`); deleted ones only with `includeDeleted`. */
function findMember(ctx: Context, organizationId: string, id: string, includeDeleted = false): Readonly<Member> {
  findOrganization(ctx, organizationId);
  const member = ctx.store.members.get(id) ?? ctx.store.members.findBy("external_id", within(organizationId, id));
  // Guessed: a deleted member is "not found" everywhere but reactivate and dangerouslyGet with include_deleted.
  if (!member || member.organization_id !== organizationId || (member.status === "deleted" && !includeDeleted)) {
    throw notFound("member_not_found", "Member");
  }
  return member;
}

/** The live member of the organization with this address (any case), other than `except`. */
function activeWithEmail(ctx: Context, organizationId: string, email: string, except?: string): Readonly<Member> | undefined {
  return ctx.store.members.findBy("live_email", within(organizationId, email.toLowerCase()), (m) => m.member_id !== except);
}

function checkExternalId(ctx: Context, organizationId: string, externalId: string | null, except?: string): void {
  const taken = !!externalId && ctx.store.members.taken("external_id", within(organizationId, externalId), except);
  // Source: stytch-android StytchAPIErrorType.kt (Stytch's list of API error types) — members have their own
  // `duplicate_member_external_id`; there is no plain `duplicate_external_id`.
  if (taken) throw new FakeError(400, "duplicate_member_external_id", "A member with this external_id already exists.");
}

function create(ctx: Context, { params, body }: FakeRequest): Ok<S["CreateMemberResponse"]> {
  const organizationId = params.organization_id!;
  findOrganization(ctx, organizationId);
  const email = optString(body, "email_address");
  if (!email) throw invalid("email_address is required.", "email_address");
  checkEmail(email, "email_address");
  // Source: stytch-android StytchAPIErrorType.kt names `duplicate_member_email`; seed 002_ed1af04ec4d81c00.txt:551
  // (stytch-ruby Members#update) — an address is usable by another member again only once its member is deleted.
  if (activeWithEmail(ctx, organizationId, email)) {
    throw new FakeError(400, "duplicate_member_email", "A member with this email already exists in this organization.");
  }
  const req = body as S["CreateMemberRequest"];
  if (req.mfa_phone_number) checkPhone(req.mfa_phone_number, "mfa_phone_number");
  if (req.external_id) checkExternalId(ctx, organizationId, req.external_id);
  const member = buildMember(ctx, {
    organization_id: organizationId,
    email_address: email,
    // Source: seed 002_ed1af04ec4d81c00.txt:89-91 (stytch-ruby Members#create) — `create_member_as_pending` defaults
    // to false; when true the member is created `pending`.
    status: req.create_member_as_pending ? "pending" : "active",
    name: req.name ?? "",
    is_breakglass: req.is_breakglass ?? false,
    mfa_phone_number: req.mfa_phone_number ?? "",
    mfa_enrolled: req.mfa_enrolled ?? false,
    roles: rolesFrom(req.roles),
    trusted_metadata: mergeMetadata({}, req.trusted_metadata),
    untrusted_metadata: mergeMetadata({}, req.untrusted_metadata),
    external_id: req.external_id ?? null,
  });
  ctx.store.members.insert(member);
  return answer(ctx, member);
}

function get(ctx: Context, { params, query }: FakeRequest): Ok<S["GetMemberResponse"]> {
  const organizationId = params.organization_id!;
  const memberId = query.get("member_id");
  const email = query.get("email_address");
  if (memberId) return answer(ctx, findMember(ctx, organizationId, memberId));
  if (!email) throw invalid("member_id or email_address is required.", "member_id");
  findOrganization(ctx, organizationId);
  const member = activeWithEmail(ctx, organizationId, email);
  if (!member) throw notFound("member_not_found", "Member");
  return answer(ctx, member);
}

function dangerouslyGet(ctx: Context, { params, query }: FakeRequest): Ok<S["DangerouslyGetMemberResponse"]> {
  const member = ctx.store.members.get(params.member_id!);
  if (!member || (member.status === "deleted" && !queryBoolean(query, "include_deleted"))) {
    throw notFound("member_not_found", "Member");
  }
  return answer(ctx, member);
}

function search(ctx: Context, { body }: FakeRequest): Ok<S["SearchMembersResponse"]> {
  const req = body as S["SearchMembersRequest"];
  if (!Array.isArray(req.organization_ids) || req.organization_ids.length === 0) {
    throw invalid("organization_ids is required.", "organization_ids");
  }
  const orgs = new Set(req.organization_ids);
  const wantsDeleted = req.query?.operands.some(
    (o) => o.filter_name === "statuses" && o.filter_value.includes("deleted"),
  );
  const scope = [...orgs].flatMap((id) => [...ctx.store.members.lookup("organization", id)]);
  const matches = select("members", ctx.store.members, req.query, ctx.store, scope).filter(
    (m) => orgs.has(m.organization_id) && (wantsDeleted || m.status !== "deleted"),
  );
  const { results, results_metadata } = page(ctx.store.members, matches, req);
  const organizations: Record<string, Organization> = {};
  for (const m of results) {
    const org = ctx.store.organizations.get(m.organization_id);
    if (org) organizations[org.organization_id] = org;
  }
  return { members: results, results_metadata, organizations };
}

function update(ctx: Context, { params, body }: FakeRequest): Ok<S["UpdateMemberResponse"]> {
  const found = findMember(ctx, params.organization_id!, params.member_id!);
  const req = body as S["UpdateMemberRequest"];
  // Every check before the first change: a refused update changes nothing.
  if (req.external_id !== undefined) checkExternalId(ctx, found.organization_id, req.external_id, found.member_id);
  if (req.mfa_phone_number !== undefined) checkPhone(req.mfa_phone_number, "mfa_phone_number");
  const newEmail =
    req.email_address !== undefined && req.email_address.toLowerCase() !== found.email_address.toLowerCase();
  if (newEmail) {
    checkEmail(req.email_address!, "email_address");
    if (activeWithEmail(ctx, found.organization_id, req.email_address!, found.member_id)) {
      throw new FakeError(400, "duplicate_member_email", "A member with this email already exists in this organization.");
    }
  }
  const member = ctx.store.members.edit(found.member_id);
  if (req.name !== undefined) member.name = req.name;
  if (req.trusted_metadata) member.trusted_metadata = mergeMetadata(member.trusted_metadata, req.trusted_metadata);
  if (req.untrusted_metadata) member.untrusted_metadata = mergeMetadata(member.untrusted_metadata, req.untrusted_metadata);
  if (req.is_breakglass !== undefined) member.is_breakglass = req.is_breakglass;
  if (req.mfa_phone_number !== undefined && req.mfa_phone_number !== member.mfa_phone_number) {
    member.mfa_phone_number = req.mfa_phone_number;
    member.mfa_phone_number_verified = false;
  }
  if (req.mfa_enrolled !== undefined) member.mfa_enrolled = req.mfa_enrolled;
  if (req.roles !== undefined) member.roles = rolesFrom(req.roles);
  if (req.default_mfa_method !== undefined) member.default_mfa_method = req.default_mfa_method;
  if (req.external_id !== undefined) member.external_id = req.external_id;
  if (newEmail) {
    // The spec: the old address is retired unless `unlink_email`, the password is cleared, the new address unverified.
    if (!req.unlink_email && member.email_address) {
      member.retired_email_addresses.push({ email_id: ctx.id("member-email"), email_address: member.email_address });
    }
    member.email_address = req.email_address!;
    member.email_address_verified = false;
    member.member_password_id = "";
  }
  member.updated_at = ctx.now();
  return answer(ctx, member);
}

function remove(ctx: Context, { params }: FakeRequest): Ok<S["DeleteMemberResponse"]> {
  const member = ctx.store.members.edit(findMember(ctx, params.organization_id!, params.member_id!).member_id);
  member.status = "deleted";
  member.updated_at = ctx.now();
  ctx.store.grants = ctx.store.grants.filter((g) => g.member_id !== member.member_id);
  return { member_id: member.member_id };
}

function reactivate(ctx: Context, { params }: FakeRequest): Ok<S["ReactivateMemberResponse"]> {
  const found = findMember(ctx, params.organization_id!, params.member_id!, true);
  if (found.status === "deleted" && activeWithEmail(ctx, found.organization_id, found.email_address, found.member_id)) {
    throw new FakeError(400, "duplicate_member_email", "A member with this email already exists in this organization.");
  }
  const member = ctx.store.members.edit(found.member_id);
  member.status = "active";
  member.updated_at = ctx.now();
  return answer(ctx, member);
}

/** A change to one member of the organization that answers the member and its organization. */
function change(fn: (ctx: Context, member: Member, request: FakeRequest) => void) {
  return (ctx: Context, request: FakeRequest) => {
    const { member_id } = findMember(ctx, request.params.organization_id!, request.params.member_id!);
    const member = ctx.store.members.edit(member_id);
    fn(ctx, member, request);
    member.updated_at = ctx.now();
    return answer(ctx, member);
  };
}

function deletePassword(ctx: Context, { params }: FakeRequest): Ok<S["DeleteMemberPasswordResponse"]> {
  findOrganization(ctx, params.organization_id!);
  const id = params.member_password_id!;
  const found = id === "" ? undefined : ctx.store.members.findBy("password", within(params.organization_id!, id));
  // Source: stytch-android StytchAPIErrorType.kt lists `member_password_not_found` (B2B's own password error).
  if (!found) throw notFound("member_password_not_found", "Password");
  const member = ctx.store.members.edit(found.member_id);
  member.member_password_id = "";
  member.updated_at = ctx.now();
  return answer(ctx, member);
}

function unlinkRetiredEmail(ctx: Context, request: FakeRequest): Ok<S["UnlinkMemberRetiredEmailResponse"]> {
  const found = findMember(ctx, request.params.organization_id!, request.params.member_id!);
  const id = optString(request.body, "email_id");
  const address = optString(request.body, "email_address");
  if (id === undefined && address === undefined) throw invalid("email_id or email_address is required.", "email_id");
  const kept = found.retired_email_addresses.filter(
    (r) => !((id === undefined || r.email_id === id) && (address === undefined || r.email_address === address)),
  );
  // Guessed: a retired address the member does not have is a 404 `retired_email_not_found`.
  if (kept.length === found.retired_email_addresses.length) throw notFound("retired_email_not_found", "Retired email");
  const member = ctx.store.members.edit(found.member_id);
  member.retired_email_addresses = kept;
  member.updated_at = ctx.now();
  return { ...answer(ctx, member), organization_id: member.organization_id };
}

function startEmailUpdate(ctx: Context, request: FakeRequest): Ok<S["StartMemberEmailUpdateResponse"]> {
  const member = findMember(ctx, request.params.organization_id!, request.params.member_id!);
  const email = optString(request.body, "email_address");
  if (!email) throw invalid("email_address is required.", "email_address");
  checkEmail(email, "email_address");
  // Source: https://stytch.com/docs/api-reference/b2b/api/members/start-member-email-update — the call only starts
  // the update and emails the member; the address changes once they follow it, which the fake never sends.
  return answer(ctx, member);
}

function connectedApps(ctx: Context, request: FakeRequest): Ok<S["MemberConnectedAppsResponse"]> {
  const member = findMember(ctx, request.params.organization_id!, request.params.member_id!);
  const connected_apps = ctx.store.grants
    .filter((g) => g.member_id === member.member_id)
    .flatMap((g): S["MemberConnectedApp"][] => {
      const app = ctx.store.clients.get(g.connected_app_id)?.client;
      return app
        ? [
            {
              connected_app_id: app.client_id,
              name: app.client_name,
              description: app.client_description,
              client_type: app.client_type,
              scopes_granted: g.scopes.join(" "),
              logo_url: app.logo_url ?? null,
            },
          ]
        : [];
    });
  return { connected_apps };
}

function revoke(ctx: Context, request: FakeRequest): Ok<S["MemberConnectedAppRevokeResponse"]> {
  const member = findMember(ctx, request.params.organization_id!, request.params.member_id!);
  const before = ctx.store.grants.length;
  ctx.store.grants = ctx.store.grants.filter(
    (g) => !(g.member_id === member.member_id && g.connected_app_id === request.params.connected_app_id),
  );
  // Guessed: revoking an app the member never authorized is a 404 connected_app_not_found.
  if (ctx.store.grants.length === before) throw notFound("connected_app_not_found", "Connected app");
  return {};
}

const { google, microsoft, slack, hubspot, github, oidcProviders } = providerReads(findMember);

const ORG = "/v1/b2b/organizations/{organization_id}";
const MEMBER = `${ORG}/members/{member_id}`;
const route = (operationId: string, method: Route["method"], path: string, handle: Route["handle"]): Route => ({
  operationId,
  method,
  path,
  notFound: "member_not_found",
  handle,
});

/** The B2B Organization Members operations. */
export const memberRoutes: Route[] = [
  route("createMember", "POST", `${ORG}/members`, create),
  route("getMember", "GET", `${ORG}/member`, get),
  route("dangerouslyGetMember", "GET", "/v1/b2b/organizations/members/dangerously_get/{member_id}", dangerouslyGet),
  route("searchMembers", "POST", "/v1/b2b/organizations/members/search", search),
  route("updateMember", "PUT", MEMBER, update),
  route("deleteMember", "DELETE", MEMBER, remove),
  route("reactivateMember", "PUT", `${MEMBER}/reactivate`, reactivate),
  route(
    "deleteMemberMfaPhoneNumber",
    "DELETE",
    `${ORG}/members/mfa_phone_numbers/{member_id}`,
    change((_, m) => {
      m.mfa_phone_number = "";
      m.mfa_phone_number_verified = false;
    }),
  ),
  route(
    "deleteMemberTotp",
    "DELETE",
    `${MEMBER}/totp`,
    change((_, m) => {
      m.totp_registration_id = "";
    }),
  ),
  route("deleteMemberPassword", "DELETE", `${ORG}/members/passwords/{member_password_id}`, deletePassword),
  route("getMemberOidcProviders", "GET", `${MEMBER}/oidc_providers`, oidcProviders),
  route("unlinkMemberRetiredEmail", "POST", `${MEMBER}/unlink_retired_email`, unlinkRetiredEmail),
  route("startMemberEmailUpdate", "POST", `${MEMBER}/start_email_update`, startEmailUpdate),
  route("getMemberConnectedApps", "GET", `${MEMBER}/connected_apps`, connectedApps),
  route(
    "deleteMemberExternalId",
    "DELETE",
    `${MEMBER}/external_id`,
    change((_, m) => {
      m.external_id = null;
    }),
  ),
  route("getMemberGoogleOAuthProvider", "GET", `${MEMBER}/oauth_providers/google`, google),
  route("getMemberMicrosoftOAuthProvider", "GET", `${MEMBER}/oauth_providers/microsoft`, microsoft),
  route("getMemberSlackOAuthProvider", "GET", `${MEMBER}/oauth_providers/slack`, slack),
  route("getMemberHubspotOAuthProvider", "GET", `${MEMBER}/oauth_providers/hubspot`, hubspot),
  route("getMemberGithubOAuthProvider", "GET", `${MEMBER}/oauth_providers/github`, github),
  route("revokeMemberConnectedApp", "POST", `${MEMBER}/connected_apps/{connected_app_id}/revoke`, revoke),
];

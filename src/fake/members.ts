import {
  areaRoute,
  checkEmail,
  checkPhone,
  invalid,
  mergeMetadata,
  notFound,
  optString,
  queryBoolean,
  type Context,
  type FakeRequest,
  type Ok,
  type Route,
  type S,
} from "./area.js";
import { dropGrants } from "./grants.js";
import { memberEdits as edits } from "./members-edits.js";
import { providerReads } from "./members-oauth.js";
import {
  activeWithEmail,
  answer,
  buildMember,
  emailFree,
  externalIdFree,
  findMember,
  rolesFrom,
} from "./members-records.js";
import { findOrganization } from "./organizations.js";
import { page, select } from "./search.js";
import type { Organization } from "./store.js";

export { buildMember } from "./members-records.js";

function create(ctx: Context, { params, body }: FakeRequest): Ok<S["CreateMemberResponse"]> {
  const organizationId = params.organization_id!;
  findOrganization(ctx, organizationId);
  const email = optString(body, "email_address");
  if (!email) throw invalid("email_address is required.", "email_address");
  checkEmail(email, "email_address");
  emailFree(ctx, organizationId, email);
  const req = body as S["CreateMemberRequest"];
  if (req.mfa_phone_number) checkPhone(req.mfa_phone_number, "mfa_phone_number");
  if (req.external_id) externalIdFree(ctx, organizationId, req.external_id);
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
  if (req.external_id !== undefined) externalIdFree(ctx, found.organization_id, req.external_id, found.member_id);
  if (req.mfa_phone_number !== undefined) checkPhone(req.mfa_phone_number, "mfa_phone_number");
  const newEmail =
    req.email_address !== undefined && req.email_address.toLowerCase() !== found.email_address.toLowerCase();
  if (newEmail) {
    checkEmail(req.email_address!, "email_address");
    emailFree(ctx, found.organization_id, req.email_address!, found.member_id);
  }
  const member = ctx.store.members.edit(found.member_id);
  if (req.name !== undefined) member.name = req.name;
  if (req.trusted_metadata) member.trusted_metadata = mergeMetadata(member.trusted_metadata, req.trusted_metadata);
  if (req.untrusted_metadata)
    member.untrusted_metadata = mergeMetadata(member.untrusted_metadata, req.untrusted_metadata);
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
  dropGrants(ctx.store, (g) => g.member_id === member.member_id);
  return { member_id: member.member_id };
}

function reactivate(ctx: Context, { params }: FakeRequest): Ok<S["ReactivateMemberResponse"]> {
  const found = findMember(ctx, params.organization_id!, params.member_id!, true);
  if (found.status === "deleted") emailFree(ctx, found.organization_id, found.email_address, found.member_id);
  const member = ctx.store.members.edit(found.member_id);
  member.status = "active";
  member.updated_at = ctx.now();
  return answer(ctx, member);
}

const route = areaRoute("member_not_found");

/** The B2B Organization Members operations. */
export const memberRoutes: Route[] = [
  route("createMember", create),
  route("getMember", get),
  route("dangerouslyGetMember", dangerouslyGet),
  route("searchMembers", search),
  route("updateMember", update),
  route("deleteMember", remove),
  route("reactivateMember", reactivate),
  route("deleteMemberMfaPhoneNumber", edits.deleteMfaPhoneNumber),
  route("deleteMemberTotp", edits.deleteTotp),
  route("deleteMemberPassword", edits.deletePassword),
  route("getMemberOidcProviders", providerReads.oidcProviders),
  route("unlinkMemberRetiredEmail", edits.unlinkRetiredEmail),
  route("startMemberEmailUpdate", edits.startEmailUpdate),
  route("getMemberConnectedApps", edits.connectedApps),
  route("deleteMemberExternalId", edits.deleteExternalId),
  route("getMemberGoogleOAuthProvider", providerReads.google),
  route("getMemberMicrosoftOAuthProvider", providerReads.microsoft),
  route("getMemberSlackOAuthProvider", providerReads.slack),
  route("getMemberHubspotOAuthProvider", providerReads.hubspot),
  route("getMemberGithubOAuthProvider", providerReads.github),
  route("revokeMemberConnectedApp", edits.revoke),
];

/**
 * The smaller changes to one member and the reads beside them: its MFA phone number, TOTP, password and external
 * id removed, retired addresses unlinked, an email update started, its connected apps listed and revoked.
 */
import { checkEmail, invalid, notFound, optString, type Context, type FakeRequest, type Ok, type S } from "./area.js";
import { grantedApps, revokeGrant } from "./grants.js";
import { answer, findMember } from "./members-records.js";
import { findOrganization } from "./organizations.js";
import { within, type Member } from "./store.js";

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
  return { connected_apps: grantedApps(ctx.store, (g) => g.member_id === member.member_id) };
}

function revoke(ctx: Context, request: FakeRequest): Ok<S["MemberConnectedAppRevokeResponse"]> {
  const member = findMember(ctx, request.params.organization_id!, request.params.member_id!);
  revokeGrant(ctx.store, request.params.connected_app_id, (g) => g.member_id === member.member_id);
  return {};
}

const deleteMfaPhoneNumber = change((_, m) => {
  m.mfa_phone_number = "";
  m.mfa_phone_number_verified = false;
});

const deleteTotp = change((_, m) => {
  m.totp_registration_id = "";
});

const deleteExternalId = change((_, m) => {
  m.external_id = null;
});

/**
 * The handlers of this file, by what the members' route table calls them.
 * @example
 * route("deleteMemberTotp", memberEdits.deleteTotp);
 */
export const memberEdits = {
  deleteMfaPhoneNumber,
  deleteTotp,
  deletePassword,
  unlinkRetiredEmail,
  startEmailUpdate,
  connectedApps,
  deleteExternalId,
  revoke,
};

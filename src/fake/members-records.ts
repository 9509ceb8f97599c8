/**
 * Members as the store keeps them: a complete member from a partial one, how the member operations find one (by id
 * or external id, within its organization) and the rules that keep an address and an external id unique within
 * an organization.
 */
import { FakeError, notFound, type Context, type S } from "./area.js";
import { findOrganization } from "./organizations.js";
import { within, type Member, type Organization } from "./store.js";

/** Every member holds the project's default role. Guessed: granted as a direct assignment. */
const DEFAULT_ROLE = "stytch_member";

/**
 * A member's roles from the role ids of a request: the default role first, each once, as direct assignments.
 * @example
 * rolesFrom(["stytch_admin"]); // [{ role_id: "stytch_member", … }, { role_id: "stytch_admin", … }]
 */
export function rolesFrom(roles: string[] = []): S["MemberRole"][] {
  return [...new Set([DEFAULT_ROLE, ...roles])].map((role_id) => ({
    role_id,
    sources: [{ type: "direct_assignment" }],
  }));
}

/**
 * A complete member from a partial one (the `data` option).
 * @example
 * const member = buildMember(ctx, { organization_id: "organization-test-1", email_address: "ada@example.com" });
 */
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

/**
 * The member and its organization, as most member answers carry them.
 * @example
 * return answer(ctx, member);
 */
export function answer(
  ctx: Context,
  member: Readonly<Member>,
): { member_id: string; member: Member; organization: Organization } {
  return { member_id: member.member_id, member, organization: findOrganization(ctx, member.organization_id) };
}

/**
 * A member of the organization by `member_id` (or `external_id`); deleted ones only with `includeDeleted`.
 * @example
 * const member = findMember(ctx, params.organization_id!, params.member_id!);
 */
export function findMember(ctx: Context, organizationId: string, id: string, includeDeleted = false): Readonly<Member> {
  findOrganization(ctx, organizationId);
  const member = ctx.store.members.get(id) ?? ctx.store.members.findBy("external_id", within(organizationId, id));
  // Guessed: a deleted member is "not found" everywhere but reactivate and dangerouslyGet with include_deleted.
  if (!member || member.organization_id !== organizationId || (member.status === "deleted" && !includeDeleted)) {
    throw notFound("member_not_found", "Member");
  }
  return member;
}

/**
 * The live member of the organization with this address (any case), other than `except`.
 * @example
 * const member = activeWithEmail(ctx, organizationId, "Ada@Example.com");
 */
export function activeWithEmail(
  ctx: Context,
  organizationId: string,
  email: string,
  except?: string,
): Readonly<Member> | undefined {
  return ctx.store.members.findBy(
    "live_email",
    within(organizationId, email.toLowerCase()),
    (m) => m.member_id !== except,
  );
}

const duplicateEmail = () =>
  new FakeError(400, "duplicate_member_email", "A member with this email already exists in this organization.");

/**
 * Refuses an address that a live member of the organization other than `except` has (any case).
 * Source: stytch-android StytchAPIErrorType.kt names `duplicate_member_email`; seed 002_ed1af04ec4d81c00.txt:551
 * (stytch-ruby Members#update) — an address is usable by another member again only once its member is deleted.
 * @example
 * emailFree(ctx, organizationId, "ada@example.com");
 */
export function emailFree(ctx: Context, organizationId: string, email: string, except?: string): void {
  ctx.store.members.unique("live_email", within(organizationId, email.toLowerCase()), except, duplicateEmail);
}

const duplicateExternalId = () =>
  new FakeError(400, "duplicate_member_external_id", "A member with this external_id already exists.");

/**
 * Refuses an external id that another member of the organization has.
 * Source: stytch-android StytchAPIErrorType.kt (Stytch's list of API error types) — members have their own
 * `duplicate_member_external_id`; there is no plain `duplicate_external_id`.
 * @example
 * externalIdFree(ctx, organizationId, "crm-42", member.member_id);
 */
export function externalIdFree(ctx: Context, organizationId: string, externalId: string | null, except?: string): void {
  if (!externalId) return;
  ctx.store.members.unique("external_id", within(organizationId, externalId), except, duplicateExternalId);
}

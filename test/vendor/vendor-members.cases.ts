import { CONNECTED_APP_ID, MEMBER_ID, ORGANIZATION_ID, SESSION_JWT, SESSION_TOKEN } from "../support/example-ids.js";
import type { IdsOf, VendorCase } from "./vendor.cases.js";

const organization_id = ORGANIZATION_ID;
const member_id = MEMBER_ID;
const client_id = CONNECTED_APP_ID;
const ids = { organization_id, member_id };
const token = SESSION_TOKEN;
const jwt = SESSION_JWT;

const fullMember = {
  name: "Ada Lovelace",
  trusted_metadata: { billing: { plan: "pro" } },
  untrusted_metadata: { theme: null },
  is_breakglass: false,
  mfa_phone_number: "+12025550123",
  mfa_enrolled: true,
  roles: ["stytch_admin"],
  external_id: "crm-member-4711",
};

/** The B2B Organization Members operations, called through the official Node SDK. */
export const memberVendorCases: Record<IdsOf<"Members">, VendorCase> = {
  createMember: {
    session: true,
    minimal: (s) => s.b2b.organizations.members.create({ organization_id, email_address: "ada@example.com" }),
    full: (s) =>
      s.b2b.organizations.members.create(
        { organization_id, email_address: "ada@example.com", create_member_as_pending: true, ...fullMember },
        token,
      ),
  },
  getMember: {
    minimal: (s) => s.b2b.organizations.members.get({ organization_id, member_id }),
    full: (s) => s.b2b.organizations.members.get({ organization_id, email_address: "ada@example.com" }),
  },
  dangerouslyGetMember: {
    minimal: (s) => s.b2b.organizations.members.dangerouslyGet({ member_id }),
    full: (s) => s.b2b.organizations.members.dangerouslyGet({ member_id, include_deleted: true }),
  },
  searchMembers: {
    session: true,
    minimal: (s) => s.b2b.organizations.members.search({ organization_ids: [organization_id] }),
    full: (s) =>
      s.b2b.organizations.members.search(
        {
          organization_ids: [organization_id],
          cursor: "eyJjdXJzb3IiOiJwYWdlLTIifQ",
          limit: 1000,
          query: {
            operator: "AND",
            operands: [
              { filter_name: "member_emails", filter_value: ["ada@example.com"] },
              { filter_name: "statuses", filter_value: ["active", "invited"] },
              { filter_name: "member_is_breakglass", filter_value: false },
            ],
          },
        },
        jwt,
      ),
  },
  updateMember: {
    session: true,
    minimal: (s) => s.b2b.organizations.members.update(ids),
    full: (s) =>
      s.b2b.organizations.members.update(
        {
          ...ids,
          ...fullMember,
          preserve_existing_sessions: true,
          default_mfa_method: "sms_otp",
          email_address: "new@example.com",
          unlink_email: false,
        },
        token,
      ),
  },
  deleteMember: {
    session: true,
    minimal: (s) => s.b2b.organizations.members.delete(ids),
    full: (s) => s.b2b.organizations.members.delete(ids, token),
  },
  reactivateMember: {
    session: true,
    minimal: (s) => s.b2b.organizations.members.reactivate(ids),
    full: (s) => s.b2b.organizations.members.reactivate(ids, jwt),
  },
  deleteMemberMfaPhoneNumber: {
    session: true,
    minimal: (s) => s.b2b.organizations.members.deleteMFAPhoneNumber(ids),
    full: (s) => s.b2b.organizations.members.deleteMFAPhoneNumber(ids, token),
  },
  deleteMemberTotp: {
    session: true,
    minimal: (s) => s.b2b.organizations.members.deleteTOTP(ids),
    full: (s) => s.b2b.organizations.members.deleteTOTP(ids, token),
  },
  deleteMemberPassword: {
    session: true,
    minimal: (s) =>
      s.b2b.organizations.members.deletePassword({ organization_id, member_password_id: "member-password-test-1" }),
    full: (s) =>
      s.b2b.organizations.members.deletePassword(
        { organization_id, member_password_id: "member-password-test-1" },
        token,
      ),
  },
  getMemberOidcProviders: {
    minimal: (s) => s.b2b.organizations.members.oidcProviders(ids),
    full: (s) => s.b2b.organizations.members.oidcProviders({ ...ids, include_refresh_token: true }),
  },
  unlinkMemberRetiredEmail: {
    session: true,
    minimal: (s) => s.b2b.organizations.members.unlinkRetiredEmail({ ...ids, email_address: "old@example.com" }),
    full: (s) =>
      s.b2b.organizations.members.unlinkRetiredEmail(
        { ...ids, email_id: "email-test-81bf03a8-86e1-4d95-bd44-bb3495224953", email_address: "old@example.com" },
        token,
      ),
  },
  startMemberEmailUpdate: {
    session: true,
    minimal: (s) => s.b2b.organizations.members.startEmailUpdate({ ...ids, email_address: "new@example.com" }),
    full: (s) =>
      s.b2b.organizations.members.startEmailUpdate(
        {
          ...ids,
          email_address: "new@example.com",
          login_redirect_url: "https://app.example.com/authenticate",
          locale: "pt-br",
          login_template_id: "login-template-1",
          delivery_method: "EMAIL_OTP",
        },
        token,
      ),
  },
  getMemberConnectedApps: {
    session: true,
    minimal: (s) => s.b2b.organizations.members.getConnectedApps(ids),
    full: (s) => s.b2b.organizations.members.getConnectedApps(ids, token),
  },
  deleteMemberExternalId: {
    session: true,
    minimal: (s) => s.b2b.organizations.members.deleteExternalId(ids),
    full: (s) => s.b2b.organizations.members.deleteExternalId(ids, jwt),
  },
  getMemberGoogleOAuthProvider: {
    minimal: (s) => s.b2b.organizations.members.oauthProviders.google(ids),
    full: (s) => s.b2b.organizations.members.oauthProviders.google({ ...ids, include_refresh_token: true }),
  },
  getMemberMicrosoftOAuthProvider: {
    minimal: (s) => s.b2b.organizations.members.oauthProviders.microsoft(ids),
    full: (s) => s.b2b.organizations.members.oauthProviders.microsoft({ ...ids, include_refresh_token: true }),
  },
  getMemberSlackOAuthProvider: {
    minimal: (s) => s.b2b.organizations.members.oauthProviders.slack(ids),
    full: (s) => s.b2b.organizations.members.oauthProviders.slack({ organization_id, member_id: "crm-member-4711" }),
  },
  getMemberHubspotOAuthProvider: {
    minimal: (s) => s.b2b.organizations.members.oauthProviders.hubspot(ids),
    full: (s) => s.b2b.organizations.members.oauthProviders.hubspot({ ...ids, include_refresh_token: true }),
  },
  getMemberGithubOAuthProvider: {
    minimal: (s) => s.b2b.organizations.members.oauthProviders.github(ids),
    full: (s) => s.b2b.organizations.members.oauthProviders.github({ ...ids, include_refresh_token: true }),
  },
  revokeMemberConnectedApp: {
    session: true,
    minimal: (s) => s.b2b.organizations.members.connectedApps.revoke({ ...ids, connected_app_id: client_id }),
    full: (s) => s.b2b.organizations.members.connectedApps.revoke({ ...ids, connected_app_id: client_id }, token),
  },
};

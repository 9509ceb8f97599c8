import type { ContractCases } from "../support/contract.js";
import { CONNECTED_APP_ID, MEMBER_ID, ORGANIZATION_ID, SESSION_JWT, SESSION_TOKEN } from "../support/example-ids.js";

const organization_id = ORGANIZATION_ID;
const member_id = MEMBER_ID;
const ids = { organization_id, member_id };
const session = SESSION_TOKEN;
const jwt = SESSION_JWT;
const O = "/v1/b2b/organizations/{organization_id}";
const M = `${O}/members/{member_id}`;

/** One typical call per B2B Members operation, keyed by operationId; member sessions where accepted. */
export const memberCases: ContractCases = {
  createMember: {
    method: "post",
    path: `${O}/members`,
    call: (s) =>
      s.organizations.members.create(
        { organization_id, email_address: "ada@example.com", name: "Ada Lovelace", roles: ["admin"] },
        session,
      ),
  },
  getMember: { method: "get", path: `${O}/member`, call: (s) => s.organizations.members.get({ organization_id, member_id }) },
  dangerouslyGetMember: {
    method: "get",
    path: "/v1/b2b/organizations/members/dangerously_get/{member_id}",
    call: (s) => s.organizations.members.dangerouslyGet({ member_id, include_deleted: true }),
  },
  searchMembers: {
    method: "post",
    path: "/v1/b2b/organizations/members/search",
    call: (s) =>
      s.organizations.members.search(
        {
          organization_ids: [organization_id],
          limit: 50,
          query: { operator: "AND", operands: [{ filter_name: "member_emails", filter_value: ["ada@example.com"] }] },
        },
        jwt,
      ),
  },
  updateMember: {
    method: "put",
    path: M,
    call: (s) => s.organizations.members.update({ ...ids, name: "Ada", untrusted_metadata: { plan: null } }, session),
  },
  deleteMember: { method: "delete", path: M, call: (s) => s.organizations.members.delete(ids, session) },
  reactivateMember: { method: "put", path: `${M}/reactivate`, call: (s) => s.organizations.members.reactivate(ids, session) },
  deleteMemberMfaPhoneNumber: {
    method: "delete",
    path: `${O}/members/mfa_phone_numbers/{member_id}`,
    call: (s) => s.organizations.members.deleteMFAPhoneNumber(ids, session),
  },
  deleteMemberTotp: { method: "delete", path: `${M}/totp`, call: (s) => s.organizations.members.deleteTOTP(ids, jwt) },
  deleteMemberPassword: {
    method: "delete",
    path: `${O}/members/passwords/{member_password_id}`,
    call: (s) =>
      s.organizations.members.deletePassword(
        { organization_id, member_password_id: "member-password-test-51f2f7b5-5c4a-4a0f-9b8a-9a1a6a4f6c21" },
        session,
      ),
  },
  getMemberOidcProviders: {
    method: "get",
    path: `${M}/oidc_providers`,
    call: (s) => s.organizations.members.oidcProviders({ ...ids, include_refresh_token: true }),
  },
  unlinkMemberRetiredEmail: {
    method: "post",
    path: `${M}/unlink_retired_email`,
    call: (s) => s.organizations.members.unlinkRetiredEmail({ ...ids, email_address: "old@example.com" }, session),
  },
  startMemberEmailUpdate: {
    method: "post",
    path: `${M}/start_email_update`,
    call: (s) => s.organizations.members.startEmailUpdate({ ...ids, email_address: "new@example.com" }, session),
  },
  getMemberConnectedApps: {
    method: "get",
    path: `${M}/connected_apps`,
    call: (s) => s.organizations.members.getConnectedApps(ids, session),
  },
  deleteMemberExternalId: {
    method: "delete",
    path: `${M}/external_id`,
    call: (s) => s.organizations.members.deleteExternalId(ids, session),
  },
  getMemberGoogleOAuthProvider: {
    method: "get",
    path: `${M}/oauth_providers/google`,
    call: (s) => s.organizations.members.oauthProviders.google({ ...ids, include_refresh_token: true }),
  },
  getMemberMicrosoftOAuthProvider: {
    method: "get",
    path: `${M}/oauth_providers/microsoft`,
    call: (s) => s.organizations.members.oauthProviders.microsoft(ids),
  },
  getMemberSlackOAuthProvider: {
    method: "get",
    path: `${M}/oauth_providers/slack`,
    call: (s) => s.organizations.members.oauthProviders.slack(ids),
  },
  getMemberHubspotOAuthProvider: {
    method: "get",
    path: `${M}/oauth_providers/hubspot`,
    call: (s) => s.organizations.members.oauthProviders.hubspot({ ...ids, include_refresh_token: false }),
  },
  getMemberGithubOAuthProvider: {
    method: "get",
    path: `${M}/oauth_providers/github`,
    call: (s) => s.organizations.members.oauthProviders.github(ids),
  },
  revokeMemberConnectedApp: {
    method: "post",
    path: `${M}/connected_apps/{connected_app_id}/revoke`,
    call: (s) =>
      s.organizations.members.connectedApps.revoke(
        { ...ids, connected_app_id: CONNECTED_APP_ID },
        session,
      ),
  },
};

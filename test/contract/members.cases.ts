import type { ContractCases } from "../support/contract.js";
import { CONNECTED_APP_ID, MEMBER_ID, ORGANIZATION_ID, SESSION_JWT, SESSION_TOKEN } from "../support/example-ids.js";

const organization_id = ORGANIZATION_ID;
const member_id = MEMBER_ID;
const ids = { organization_id, member_id };
const session = SESSION_TOKEN;
const jwt = SESSION_JWT;

/** One typical call per B2B Members operation, keyed by operationId; member sessions where accepted. */
export const memberCases: ContractCases = {
  createMember: {
    call: (s) =>
      s.organizations.members.create(
        { organization_id, email_address: "ada@example.com", name: "Ada Lovelace", roles: ["admin"] },
        session,
      ),
  },
  getMember: { call: (s) => s.organizations.members.get({ organization_id, member_id }) },
  dangerouslyGetMember: {
    call: (s) => s.organizations.members.dangerouslyGet({ member_id, include_deleted: true }),
  },
  searchMembers: {
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
    call: (s) => s.organizations.members.update({ ...ids, name: "Ada", untrusted_metadata: { plan: null } }, session),
  },
  deleteMember: { call: (s) => s.organizations.members.delete(ids, session) },
  reactivateMember: { call: (s) => s.organizations.members.reactivate(ids, session) },
  deleteMemberMfaPhoneNumber: {
    call: (s) => s.organizations.members.deleteMFAPhoneNumber(ids, session),
  },
  deleteMemberTotp: { call: (s) => s.organizations.members.deleteTOTP(ids, jwt) },
  deleteMemberPassword: {
    call: (s) =>
      s.organizations.members.deletePassword(
        { organization_id, member_password_id: "member-password-test-51f2f7b5-5c4a-4a0f-9b8a-9a1a6a4f6c21" },
        session,
      ),
  },
  getMemberOidcProviders: {
    call: (s) => s.organizations.members.oidcProviders({ ...ids, include_refresh_token: true }),
  },
  unlinkMemberRetiredEmail: {
    call: (s) => s.organizations.members.unlinkRetiredEmail({ ...ids, email_address: "old@example.com" }, session),
  },
  startMemberEmailUpdate: {
    call: (s) => s.organizations.members.startEmailUpdate({ ...ids, email_address: "new@example.com" }, session),
  },
  getMemberConnectedApps: {
    call: (s) => s.organizations.members.getConnectedApps(ids, session),
  },
  deleteMemberExternalId: {
    call: (s) => s.organizations.members.deleteExternalId(ids, session),
  },
  getMemberGoogleOAuthProvider: {
    call: (s) => s.organizations.members.oauthProviders.google({ ...ids, include_refresh_token: true }),
  },
  getMemberMicrosoftOAuthProvider: {
    call: (s) => s.organizations.members.oauthProviders.microsoft(ids),
  },
  getMemberSlackOAuthProvider: {
    call: (s) => s.organizations.members.oauthProviders.slack(ids),
  },
  getMemberHubspotOAuthProvider: {
    call: (s) => s.organizations.members.oauthProviders.hubspot({ ...ids, include_refresh_token: false }),
  },
  getMemberGithubOAuthProvider: {
    call: (s) => s.organizations.members.oauthProviders.github(ids),
  },
  revokeMemberConnectedApp: {
    call: (s) => s.organizations.members.connectedApps.revoke({ ...ids, connected_app_id: CONNECTED_APP_ID }, session),
  },
};

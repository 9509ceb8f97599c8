import type * as stytch from "stytch";
import type { OperationId } from "../../src/generated/operations.js";
import { CONNECTED_APP_ID, MEMBER_ID, ORGANIZATION_ID, SESSION_JWT, SESSION_TOKEN, USER_ID } from "../support/example-ids.js";

/** The official SDK's clients, pointed at the mock through the recording proxy. */
export interface Sdk {
  b2c: stytch.Client;
  b2b: stytch.B2BClient;
}

/** One operation (its method and route are the table's) called through the official Node SDK: with required arguments only, and with every option. */
export interface VendorCase {
  minimal: (sdk: Sdk) => Promise<unknown>;
  full: (sdk: Sdk) => Promise<unknown>;
  /** Whether `full` sends a member session header (operations that accept one). */
  session?: boolean;
}

const user_id = USER_ID;
const organization_id = ORGANIZATION_ID;
const member_id = MEMBER_ID;
const client_id = CONNECTED_APP_ID;
const ids = { organization_id, member_id };
const token = SESSION_TOKEN;
const jwt = SESSION_JWT;

const fullUser = {
  name: { first_name: "Ada", middle_name: "King", last_name: "Lovelace" },
  attributes: { ip_address: "203.0.113.7", user_agent: "Mozilla/5.0" },
  trusted_metadata: { billing: { plan: "pro" } },
  untrusted_metadata: { theme: null },
  external_id: "crm-user-4711",
  roles: ["admin"],
};
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
/** Every setting that Create and Update Organization share, each away from its default. */
const orgSettings = {
  organization_slug: "acme-co",
  organization_logo_url: "https://example.com/acme-logo.png",
  trusted_metadata: { billing: { plan: "enterprise" } },
  organization_external_id: "acme-co-crm-4711",
  sso_jit_provisioning: "RESTRICTED",
  email_allowed_domains: ["example.com"],
  email_jit_provisioning: "RESTRICTED",
  email_invites: "RESTRICTED",
  auth_methods: "RESTRICTED",
  allowed_auth_methods: ["sso", "magic_link"],
  mfa_policy: "REQUIRED_FOR_ALL",
  rbac_email_implicit_role_assignments: [{ domain: "example.com", role_id: "stytch_member" }],
  mfa_methods: "RESTRICTED",
  allowed_mfa_methods: ["totp"],
  oauth_tenant_jit_provisioning: "RESTRICTED",
  allowed_oauth_tenants: { slack: ["T0123456789"] },
  claimed_email_domains: ["example.com"],
  first_party_connected_apps_allowed_type: "RESTRICTED",
  allowed_first_party_connected_apps: [client_id],
  third_party_connected_apps_allowed_type: "NOT_ALLOWED",
  allowed_third_party_connected_apps: [],
};
const fullClient = {
  client_name: "Example Internal Dashboard",
  client_description: "Dashboard for the support team",
  redirect_urls: ["https://dashboard.example.com/callback"],
  full_access_allowed: false,
  access_token_expiry_minutes: 60,
  access_token_custom_audience: "https://api.example.com",
  access_token_template_content: '{"team": {{ user.trusted_metadata.team }}}',
  post_logout_redirect_urls: ["https://dashboard.example.com/logged-out"],
  logo_url: "https://dashboard.example.com/logo.png",
  bypass_consent_for_offline_access: false,
  id_token_template_content: '{"team": {{ user.trusted_metadata.team }}}',
};

/** Every operation of the spec, called through the official Node SDK, keyed by operationId. */
export const vendorCases: Record<OperationId, VendorCase> = {
  // B2C Users
  createUser: {
    minimal: (s) => s.b2c.users.create({ email: "sandbox@stytch.com" }),
    full: (s) =>
      s.b2c.users.create({ ...fullUser, email: "sandbox@stytch.com", phone_number: "+12025550123", create_user_as_pending: true }),
  },
  getUser: { minimal: (s) => s.b2c.users.get({ user_id }), full: (s) => s.b2c.users.get({ user_id: "crm-user-4711" }) },
  searchUsers: {
    minimal: (s) => s.b2c.users.search({}),
    full: (s) =>
      s.b2c.users.search({
        cursor: "eyJjdXJzb3IiOiJwYWdlLTIifQ",
        limit: 1000,
        query: {
          operator: "AND",
          operands: [
            { filter_name: "email_address", filter_value: ["sandbox@stytch.com"] },
            { filter_name: "status", filter_value: "active" },
            { filter_name: "created_at_between", filter_value: { greater_than: "2023-01-01T00:00:00Z", less_than: "2024-01-01T00:00:00Z" } },
          ],
        },
      }),
  },
  updateUser: { minimal: (s) => s.b2c.users.update({ user_id }), full: (s) => s.b2c.users.update({ user_id, ...fullUser }) },
  exchangeUserPrimaryFactor: {
    minimal: (s) => s.b2c.users.exchangePrimaryFactor({ user_id, email_address: "ada@example.com" }),
    full: (s) => s.b2c.users.exchangePrimaryFactor({ user_id, phone_number: "+12025550123" }),
  },
  deleteUser: { minimal: (s) => s.b2c.users.delete({ user_id }), full: (s) => s.b2c.users.delete({ user_id: "crm-user-4711" }) },
  deleteUserEmail: { minimal: (s) => s.b2c.users.deleteEmail({ email_id: "email-test-1" }), full: (s) => s.b2c.users.deleteEmail({ email_id: "email-test-81bf03a8-86e1-4d95-bd44-bb3495224953" }) },
  deleteUserPhoneNumber: { minimal: (s) => s.b2c.users.deletePhoneNumber({ phone_id: "phone-number-test-1" }), full: (s) => s.b2c.users.deletePhoneNumber({ phone_id: "phone-number-test-d5a3b680" }) },
  deleteUserWebAuthnRegistration: { minimal: (s) => s.b2c.users.deleteWebAuthnRegistration({ webauthn_registration_id: "webauthn-registration-test-1" }), full: (s) => s.b2c.users.deleteWebAuthnRegistration({ webauthn_registration_id: "webauthn-registration-test-2" }) },
  deleteUserBiometricRegistration: { minimal: (s) => s.b2c.users.deleteBiometricRegistration({ biometric_registration_id: "biometric-registration-test-1" }), full: (s) => s.b2c.users.deleteBiometricRegistration({ biometric_registration_id: "biometric-registration-test-2" }) },
  deleteUserTotp: { minimal: (s) => s.b2c.users.deleteTOTP({ totp_id: "totp-test-1" }), full: (s) => s.b2c.users.deleteTOTP({ totp_id: "totp-test-2" }) },
  deleteUserCryptoWallet: { minimal: (s) => s.b2c.users.deleteCryptoWallet({ crypto_wallet_id: "crypto-wallet-test-1" }), full: (s) => s.b2c.users.deleteCryptoWallet({ crypto_wallet_id: "crypto-wallet-test-2" }) },
  deleteUserPassword: { minimal: (s) => s.b2c.users.deletePassword({ password_id: "password-test-1" }), full: (s) => s.b2c.users.deletePassword({ password_id: "password-test-2" }) },
  deleteUserOAuthRegistration: { minimal: (s) => s.b2c.users.deleteOAuthRegistration({ oauth_user_registration_id: "oauth-user-registration-test-1" }), full: (s) => s.b2c.users.deleteOAuthRegistration({ oauth_user_registration_id: "oauth-user-registration-test-2" }) },
  deleteUserExternalId: { minimal: (s) => s.b2c.users.deleteExternalId({ user_id }), full: (s) => s.b2c.users.deleteExternalId({ user_id: "crm-user-4711" }) },
  getUserConnectedApps: { minimal: (s) => s.b2c.users.connectedApps({ user_id }), full: (s) => s.b2c.users.connectedApps({ user_id: "crm-user-4711" }) },
  revokeUserConnectedApp: { minimal: (s) => s.b2c.users.revoke({ user_id, connected_app_id: client_id }), full: (s) => s.b2c.users.revoke({ user_id: "crm-user-4711", connected_app_id: client_id }) },

  // B2B Organization Members
  createMember: {
    session: true,
    minimal: (s) => s.b2b.organizations.members.create({ organization_id, email_address: "ada@example.com" }),
    full: (s) => s.b2b.organizations.members.create({ organization_id, email_address: "ada@example.com", create_member_as_pending: true, ...fullMember }, token),
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
        { ...ids, ...fullMember, preserve_existing_sessions: true, default_mfa_method: "sms_otp", email_address: "new@example.com", unlink_email: false },
        token,
      ),
  },
  deleteMember: { session: true, minimal: (s) => s.b2b.organizations.members.delete(ids), full: (s) => s.b2b.organizations.members.delete(ids, token) },
  reactivateMember: { session: true, minimal: (s) => s.b2b.organizations.members.reactivate(ids), full: (s) => s.b2b.organizations.members.reactivate(ids, jwt) },
  deleteMemberMfaPhoneNumber: { session: true, minimal: (s) => s.b2b.organizations.members.deleteMFAPhoneNumber(ids), full: (s) => s.b2b.organizations.members.deleteMFAPhoneNumber(ids, token) },
  deleteMemberTotp: { session: true, minimal: (s) => s.b2b.organizations.members.deleteTOTP(ids), full: (s) => s.b2b.organizations.members.deleteTOTP(ids, token) },
  deleteMemberPassword: {
    session: true,
    minimal: (s) => s.b2b.organizations.members.deletePassword({ organization_id, member_password_id: "member-password-test-1" }),
    full: (s) => s.b2b.organizations.members.deletePassword({ organization_id, member_password_id: "member-password-test-1" }, token),
  },
  getMemberOidcProviders: { minimal: (s) => s.b2b.organizations.members.oidcProviders(ids), full: (s) => s.b2b.organizations.members.oidcProviders({ ...ids, include_refresh_token: true }) },
  unlinkMemberRetiredEmail: {
    session: true,
    minimal: (s) => s.b2b.organizations.members.unlinkRetiredEmail({ ...ids, email_address: "old@example.com" }),
    full: (s) => s.b2b.organizations.members.unlinkRetiredEmail({ ...ids, email_id: "email-test-81bf03a8-86e1-4d95-bd44-bb3495224953", email_address: "old@example.com" }, token),
  },
  startMemberEmailUpdate: {
    session: true,
    minimal: (s) => s.b2b.organizations.members.startEmailUpdate({ ...ids, email_address: "new@example.com" }),
    full: (s) =>
      s.b2b.organizations.members.startEmailUpdate(
        { ...ids, email_address: "new@example.com", login_redirect_url: "https://app.example.com/authenticate", locale: "pt-br", login_template_id: "login-template-1", delivery_method: "EMAIL_OTP" },
        token,
      ),
  },
  getMemberConnectedApps: { session: true, minimal: (s) => s.b2b.organizations.members.getConnectedApps(ids), full: (s) => s.b2b.organizations.members.getConnectedApps(ids, token) },
  deleteMemberExternalId: { session: true, minimal: (s) => s.b2b.organizations.members.deleteExternalId(ids), full: (s) => s.b2b.organizations.members.deleteExternalId(ids, jwt) },
  getMemberGoogleOAuthProvider: { minimal: (s) => s.b2b.organizations.members.oauthProviders.google(ids), full: (s) => s.b2b.organizations.members.oauthProviders.google({ ...ids, include_refresh_token: true }) },
  getMemberMicrosoftOAuthProvider: { minimal: (s) => s.b2b.organizations.members.oauthProviders.microsoft(ids), full: (s) => s.b2b.organizations.members.oauthProviders.microsoft({ ...ids, include_refresh_token: true }) },
  getMemberSlackOAuthProvider: { minimal: (s) => s.b2b.organizations.members.oauthProviders.slack(ids), full: (s) => s.b2b.organizations.members.oauthProviders.slack({ organization_id, member_id: "crm-member-4711" }) },
  getMemberHubspotOAuthProvider: { minimal: (s) => s.b2b.organizations.members.oauthProviders.hubspot(ids), full: (s) => s.b2b.organizations.members.oauthProviders.hubspot({ ...ids, include_refresh_token: true }) },
  getMemberGithubOAuthProvider: { minimal: (s) => s.b2b.organizations.members.oauthProviders.github(ids), full: (s) => s.b2b.organizations.members.oauthProviders.github({ ...ids, include_refresh_token: true }) },
  revokeMemberConnectedApp: {
    session: true,
    minimal: (s) => s.b2b.organizations.members.connectedApps.revoke({ ...ids, connected_app_id: client_id }),
    full: (s) => s.b2b.organizations.members.connectedApps.revoke({ ...ids, connected_app_id: client_id }, token),
  },

  // B2B Organizations
  createOrganization: {
    minimal: (s) => s.b2b.organizations.create({ organization_name: "Acme Co" }),
    full: (s) => s.b2b.organizations.create({ organization_name: "Acme Co", ...orgSettings }),
  },
  getOrganization: { minimal: (s) => s.b2b.organizations.get({ organization_id }), full: (s) => s.b2b.organizations.get({ organization_id: "acme-co" }) },
  updateOrganization: {
    session: true,
    minimal: (s) => s.b2b.organizations.update({ organization_id }),
    full: (s) =>
      s.b2b.organizations.update(
        {
          organization_id,
          organization_name: "Acme Corporation",
          ...orgSettings,
          sso_default_connection_id: "saml-connection-test-51861cbc-d3b9-428b-9761-227f5fb12be9",
          sso_jit_provisioning_allowed_connections: ["saml-connection-test-51861cbc-d3b9-428b-9761-227f5fb12be9"],
        },
        token,
      ),
  },
  deleteOrganization: { session: true, minimal: (s) => s.b2b.organizations.delete({ organization_id }), full: (s) => s.b2b.organizations.delete({ organization_id }, jwt) },
  searchOrganizations: {
    minimal: (s) => s.b2b.organizations.search({}),
    full: (s) =>
      s.b2b.organizations.search({
        cursor: "eyJjdXJzb3IiOiJwYWdlLTIifQ",
        limit: 1000,
        query: {
          operator: "AND",
          operands: [
            { filter_name: "organization_ids", filter_value: [organization_id] },
            { filter_name: "organization_slugs", filter_value: ["acme-co"] },
            { filter_name: "organization_name_fuzzy", filter_value: "acm" },
            { filter_name: "organization_slug_fuzzy", filter_value: "acme" },
            { filter_name: "member_emails", filter_value: ["ada@example.com"] },
            { filter_name: "member_email_fuzzy", filter_value: "ada" },
            { filter_name: "allowed_domains", filter_value: ["example.com"] },
            { filter_name: "allowed_domain_fuzzy", filter_value: "example" },
            { filter_name: "claimed_email_domains", filter_value: ["example.com"] },
            { filter_name: "has_active_sso_connection", filter_value: true },
            { filter_name: "sso_connection_id", filter_value: "saml-connection-test-51861cbc-d3b9-428b-9761-227f5fb12be9" },
          ],
        },
      }),
  },
  getOrganizationMetrics: { minimal: (s) => s.b2b.organizations.metrics({ organization_id }), full: (s) => s.b2b.organizations.metrics({ organization_id: "acme-co-crm-4711" }) },
  getOrganizationConnectedApps: { session: true, minimal: (s) => s.b2b.organizations.connectedApps({ organization_id }), full: (s) => s.b2b.organizations.connectedApps({ organization_id }, token) },
  getOrganizationConnectedApp: {
    session: true,
    minimal: (s) => s.b2b.organizations.getConnectedApp({ organization_id, connected_app_id: client_id }),
    full: (s) => s.b2b.organizations.getConnectedApp({ organization_id, connected_app_id: client_id }, jwt),
  },
  deleteOrganizationExternalId: { session: true, minimal: (s) => s.b2b.organizations.deleteExternalId({ organization_id }), full: (s) => s.b2b.organizations.deleteExternalId({ organization_id }, token) },

  // Connected Apps clients
  createConnectedAppClient: {
    minimal: (s) => s.b2c.connectedApp.clients.create({ client_type: "third_party_public" }),
    full: (s) => s.b2c.connectedApp.clients.create({ client_type: "first_party", ...fullClient }),
  },
  getConnectedAppClient: { minimal: (s) => s.b2c.connectedApp.clients.get({ client_id }), full: (s) => s.b2c.connectedApp.clients.get({ client_id }) },
  updateConnectedAppClient: { minimal: (s) => s.b2c.connectedApp.clients.update({ client_id }), full: (s) => s.b2c.connectedApp.clients.update({ client_id, ...fullClient }) },
  deleteConnectedAppClient: { minimal: (s) => s.b2c.connectedApp.clients.delete({ client_id }), full: (s) => s.b2c.connectedApp.clients.delete({ client_id }) },
  searchConnectedAppClients: {
    minimal: (s) => s.b2c.connectedApp.clients.search({}),
    full: (s) => s.b2c.connectedApp.clients.search({ cursor: "eyJjdXJzb3IiOiJwYWdlLTIifQ", limit: 1000 }),
  },
  startConnectedAppClientSecretRotation: { minimal: (s) => s.b2c.connectedApp.clients.secrets.rotateStart({ client_id }), full: (s) => s.b2c.connectedApp.clients.secrets.rotateStart({ client_id }) },
  cancelConnectedAppClientSecretRotation: { minimal: (s) => s.b2c.connectedApp.clients.secrets.rotateCancel({ client_id }), full: (s) => s.b2c.connectedApp.clients.secrets.rotateCancel({ client_id }) },
  rotateConnectedAppClientSecret: { minimal: (s) => s.b2c.connectedApp.clients.secrets.rotate({ client_id }), full: (s) => s.b2c.connectedApp.clients.secrets.rotate({ client_id }) },
};

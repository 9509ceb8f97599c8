import { CONNECTED_APP_ID, USER_ID } from "../support/example-ids.js";
import type { IdsOf, VendorCase } from "./vendor.cases.js";

const user_id = USER_ID;
const client_id = CONNECTED_APP_ID;

const fullUser = {
  name: { first_name: "Ada", middle_name: "King", last_name: "Lovelace" },
  attributes: { ip_address: "203.0.113.7", user_agent: "Mozilla/5.0" },
  trusted_metadata: { billing: { plan: "pro" } },
  untrusted_metadata: { theme: null },
  external_id: "crm-user-4711",
  roles: ["admin"],
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

/** The B2C Users operations, called through the official Node SDK. */
export const userVendorCases: Record<IdsOf<"Users">, VendorCase> = {
  createUser: {
    minimal: (s) => s.b2c.users.create({ email: "sandbox@stytch.com" }),
    full: (s) =>
      s.b2c.users.create({
        ...fullUser,
        email: "sandbox@stytch.com",
        phone_number: "+12025550123",
        create_user_as_pending: true,
      }),
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
            {
              filter_name: "created_at_between",
              filter_value: { greater_than: "2023-01-01T00:00:00Z", less_than: "2024-01-01T00:00:00Z" },
            },
          ],
        },
      }),
  },
  updateUser: {
    minimal: (s) => s.b2c.users.update({ user_id }),
    full: (s) => s.b2c.users.update({ user_id, ...fullUser }),
  },
  exchangeUserPrimaryFactor: {
    minimal: (s) => s.b2c.users.exchangePrimaryFactor({ user_id, email_address: "ada@example.com" }),
    full: (s) => s.b2c.users.exchangePrimaryFactor({ user_id, phone_number: "+12025550123" }),
  },
  deleteUser: {
    minimal: (s) => s.b2c.users.delete({ user_id }),
    full: (s) => s.b2c.users.delete({ user_id: "crm-user-4711" }),
  },
  deleteUserEmail: {
    minimal: (s) => s.b2c.users.deleteEmail({ email_id: "email-test-1" }),
    full: (s) => s.b2c.users.deleteEmail({ email_id: "email-test-81bf03a8-86e1-4d95-bd44-bb3495224953" }),
  },
  deleteUserPhoneNumber: {
    minimal: (s) => s.b2c.users.deletePhoneNumber({ phone_id: "phone-number-test-1" }),
    full: (s) => s.b2c.users.deletePhoneNumber({ phone_id: "phone-number-test-d5a3b680" }),
  },
  deleteUserWebAuthnRegistration: {
    minimal: (s) =>
      s.b2c.users.deleteWebAuthnRegistration({ webauthn_registration_id: "webauthn-registration-test-1" }),
    full: (s) => s.b2c.users.deleteWebAuthnRegistration({ webauthn_registration_id: "webauthn-registration-test-2" }),
  },
  deleteUserBiometricRegistration: {
    minimal: (s) =>
      s.b2c.users.deleteBiometricRegistration({ biometric_registration_id: "biometric-registration-test-1" }),
    full: (s) =>
      s.b2c.users.deleteBiometricRegistration({ biometric_registration_id: "biometric-registration-test-2" }),
  },
  deleteUserTotp: {
    minimal: (s) => s.b2c.users.deleteTOTP({ totp_id: "totp-test-1" }),
    full: (s) => s.b2c.users.deleteTOTP({ totp_id: "totp-test-2" }),
  },
  deleteUserCryptoWallet: {
    minimal: (s) => s.b2c.users.deleteCryptoWallet({ crypto_wallet_id: "crypto-wallet-test-1" }),
    full: (s) => s.b2c.users.deleteCryptoWallet({ crypto_wallet_id: "crypto-wallet-test-2" }),
  },
  deleteUserPassword: {
    minimal: (s) => s.b2c.users.deletePassword({ password_id: "password-test-1" }),
    full: (s) => s.b2c.users.deletePassword({ password_id: "password-test-2" }),
  },
  deleteUserOAuthRegistration: {
    minimal: (s) =>
      s.b2c.users.deleteOAuthRegistration({ oauth_user_registration_id: "oauth-user-registration-test-1" }),
    full: (s) => s.b2c.users.deleteOAuthRegistration({ oauth_user_registration_id: "oauth-user-registration-test-2" }),
  },
  deleteUserExternalId: {
    minimal: (s) => s.b2c.users.deleteExternalId({ user_id }),
    full: (s) => s.b2c.users.deleteExternalId({ user_id: "crm-user-4711" }),
  },
  getUserConnectedApps: {
    minimal: (s) => s.b2c.users.connectedApps({ user_id }),
    full: (s) => s.b2c.users.connectedApps({ user_id: "crm-user-4711" }),
  },
  revokeUserConnectedApp: {
    minimal: (s) => s.b2c.users.revoke({ user_id, connected_app_id: client_id }),
    full: (s) => s.b2c.users.revoke({ user_id: "crm-user-4711", connected_app_id: client_id }),
  },
};

/** The Connected Apps clients operations, called through the official Node SDK. */
export const connectedAppVendorCases: Record<IdsOf<"Connected Apps">, VendorCase> = {
  createConnectedAppClient: {
    minimal: (s) => s.b2c.connectedApp.clients.create({ client_type: "third_party_public" }),
    full: (s) => s.b2c.connectedApp.clients.create({ client_type: "first_party", ...fullClient }),
  },
  getConnectedAppClient: {
    minimal: (s) => s.b2c.connectedApp.clients.get({ client_id }),
    full: (s) => s.b2c.connectedApp.clients.get({ client_id }),
  },
  updateConnectedAppClient: {
    minimal: (s) => s.b2c.connectedApp.clients.update({ client_id }),
    full: (s) => s.b2c.connectedApp.clients.update({ client_id, ...fullClient }),
  },
  deleteConnectedAppClient: {
    minimal: (s) => s.b2c.connectedApp.clients.delete({ client_id }),
    full: (s) => s.b2c.connectedApp.clients.delete({ client_id }),
  },
  searchConnectedAppClients: {
    minimal: (s) => s.b2c.connectedApp.clients.search({}),
    full: (s) => s.b2c.connectedApp.clients.search({ cursor: "eyJjdXJzb3IiOiJwYWdlLTIifQ", limit: 1000 }),
  },
  startConnectedAppClientSecretRotation: {
    minimal: (s) => s.b2c.connectedApp.clients.secrets.rotateStart({ client_id }),
    full: (s) => s.b2c.connectedApp.clients.secrets.rotateStart({ client_id }),
  },
  cancelConnectedAppClientSecretRotation: {
    minimal: (s) => s.b2c.connectedApp.clients.secrets.rotateCancel({ client_id }),
    full: (s) => s.b2c.connectedApp.clients.secrets.rotateCancel({ client_id }),
  },
  rotateConnectedAppClientSecret: {
    minimal: (s) => s.b2c.connectedApp.clients.secrets.rotate({ client_id }),
    full: (s) => s.b2c.connectedApp.clients.secrets.rotate({ client_id }),
  },
};

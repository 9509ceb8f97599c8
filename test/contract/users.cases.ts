import type { ContractCases } from "../support/contract.js";
import { CONNECTED_APP_ID, USER_ID } from "../support/example-ids.js";

const user_id = USER_ID;

/** One typical call per B2C Users operation, keyed by operationId. */
export const userCases: ContractCases = {
  createUser: {
    method: "post",
    path: "/v1/users",
    call: (s) =>
      s.users.create({
        email: "sandbox@stytch.com",
        name: { first_name: "Ada", last_name: "Lovelace" },
        phone_number: null,
        untrusted_metadata: { plan: null },
      }),
  },
  getUser: { method: "get", path: "/v1/users/{user_id}", call: (s) => s.users.get({ user_id }) },
  searchUsers: {
    method: "post",
    path: "/v1/users/search",
    call: (s) =>
      s.users.search({
        limit: 100,
        query: { operator: "AND", operands: [{ filter_name: "email_address", filter_value: ["sandbox@stytch.com"] }] },
      }),
  },
  updateUser: {
    method: "put",
    path: "/v1/users/{user_id}",
    call: (s) => s.users.update({ user_id, name: { first_name: "Ada" }, trusted_metadata: { tier: null } }),
  },
  exchangeUserPrimaryFactor: {
    method: "put",
    path: "/v1/users/{user_id}/exchange_primary_factor",
    call: (s) => s.users.exchangePrimaryFactor({ user_id, email_address: "ada@example.com" }),
  },
  deleteUser: { method: "delete", path: "/v1/users/{user_id}", call: (s) => s.users.delete({ user_id }) },
  deleteUserEmail: {
    method: "delete",
    path: "/v1/users/emails/{email_id}",
    call: (s) => s.users.deleteEmail({ email_id: "email-test-81bf03a8-86e1-4d95-bd44-bb3495224953" }),
  },
  deleteUserPhoneNumber: {
    method: "delete",
    path: "/v1/users/phone_numbers/{phone_id}",
    call: (s) => s.users.deletePhoneNumber({ phone_id: "phone-number-test-d5a3b680-e8a3-40c0-b815-ab79986666d0" }),
  },
  deleteUserWebAuthnRegistration: {
    method: "delete",
    path: "/v1/users/webauthn_registrations/{webauthn_registration_id}",
    call: (s) => s.users.deleteWebAuthnRegistration({ webauthn_registration_id: "webauthn-registration-test-1" }),
  },
  deleteUserBiometricRegistration: {
    method: "delete",
    path: "/v1/users/biometric_registrations/{biometric_registration_id}",
    call: (s) => s.users.deleteBiometricRegistration({ biometric_registration_id: "biometric-registration-test-1" }),
  },
  deleteUserTotp: {
    method: "delete",
    path: "/v1/users/totps/{totp_id}",
    call: (s) => s.users.deleteTOTP({ totp_id: "totp-test-41920359-8bbb-4fe8-8fa3-aaa83f35f02c" }),
  },
  deleteUserCryptoWallet: {
    method: "delete",
    path: "/v1/users/crypto_wallets/{crypto_wallet_id}",
    call: (s) => s.users.deleteCryptoWallet({ crypto_wallet_id: "crypto-wallet-test-1" }),
  },
  deleteUserPassword: {
    method: "delete",
    path: "/v1/users/passwords/{password_id}",
    call: (s) => s.users.deletePassword({ password_id: "password-test-1" }),
  },
  deleteUserOAuthRegistration: {
    method: "delete",
    path: "/v1/users/oauth/{oauth_user_registration_id}",
    call: (s) => s.users.deleteOAuthRegistration({ oauth_user_registration_id: "oauth-user-registration-test-1" }),
  },
  deleteUserExternalId: {
    method: "delete",
    path: "/v1/users/{user_id}/external_id",
    call: (s) => s.users.deleteExternalId({ user_id }),
  },
  getUserConnectedApps: {
    method: "get",
    path: "/v1/users/{user_id}/connected_apps",
    call: (s) => s.users.connectedApps({ user_id }),
  },
  revokeUserConnectedApp: {
    method: "post",
    path: "/v1/users/{user_id}/connected_apps/{connected_app_id}/revoke",
    call: (s) => s.users.revoke({ user_id, connected_app_id: CONNECTED_APP_ID }),
  },
};

import type { ContractCases } from "../support/contract.js";
import { CONNECTED_APP_ID, USER_ID } from "../support/example-ids.js";

const user_id = USER_ID;

/** One typical call per B2C Users operation, keyed by operationId. */
export const userCases: ContractCases = {
  createUser: {
    call: (s) =>
      s.users.create({
        email: "sandbox@stytch.com",
        name: { first_name: "Ada", last_name: "Lovelace" },
        phone_number: null,
        untrusted_metadata: { plan: null },
      }),
  },
  getUser: { call: (s) => s.users.get({ user_id }) },
  searchUsers: {
    call: (s) =>
      s.users.search({
        limit: 100,
        query: { operator: "AND", operands: [{ filter_name: "email_address", filter_value: ["sandbox@stytch.com"] }] },
      }),
  },
  updateUser: {
    call: (s) => s.users.update({ user_id, name: { first_name: "Ada" }, trusted_metadata: { tier: null } }),
  },
  exchangeUserPrimaryFactor: {
    call: (s) => s.users.exchangePrimaryFactor({ user_id, email_address: "ada@example.com" }),
  },
  deleteUser: { call: (s) => s.users.delete({ user_id }) },
  deleteUserEmail: {
    call: (s) => s.users.deleteEmail({ email_id: "email-test-81bf03a8-86e1-4d95-bd44-bb3495224953" }),
  },
  deleteUserPhoneNumber: {
    call: (s) => s.users.deletePhoneNumber({ phone_id: "phone-number-test-d5a3b680-e8a3-40c0-b815-ab79986666d0" }),
  },
  deleteUserWebAuthnRegistration: {
    call: (s) => s.users.deleteWebAuthnRegistration({ webauthn_registration_id: "webauthn-registration-test-1" }),
  },
  deleteUserBiometricRegistration: {
    call: (s) => s.users.deleteBiometricRegistration({ biometric_registration_id: "biometric-registration-test-1" }),
  },
  deleteUserTotp: {
    call: (s) => s.users.deleteTOTP({ totp_id: "totp-test-41920359-8bbb-4fe8-8fa3-aaa83f35f02c" }),
  },
  deleteUserCryptoWallet: {
    call: (s) => s.users.deleteCryptoWallet({ crypto_wallet_id: "crypto-wallet-test-1" }),
  },
  deleteUserPassword: {
    call: (s) => s.users.deletePassword({ password_id: "password-test-1" }),
  },
  deleteUserOAuthRegistration: {
    call: (s) => s.users.deleteOAuthRegistration({ oauth_user_registration_id: "oauth-user-registration-test-1" }),
  },
  deleteUserExternalId: {
    call: (s) => s.users.deleteExternalId({ user_id }),
  },
  getUserConnectedApps: {
    call: (s) => s.users.connectedApps({ user_id }),
  },
  revokeUserConnectedApp: {
    call: (s) => s.users.revoke({ user_id, connected_app_id: CONNECTED_APP_ID }),
  },
};

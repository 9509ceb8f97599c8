import { defineOperation, type Transport } from "./operation.js";
import { searchIterators } from "./paginate.js";

/**
 * The B2C Users API, with the official Node SDK's method names (`stytch.users.*`).
 * @example
 * const { user_id } = await stytch.users.create({ email: "ada@example.com" });
 */
export function users(t: Transport) {
  const search = defineOperation(t, "post", "/v1/users/search");
  return {
    create: defineOperation(t, "post", "/v1/users"),
    get: defineOperation(t, "get", "/v1/users/{user_id}"),
    search,
    ...searchIterators(search, (page) => page.results),
    update: defineOperation(t, "put", "/v1/users/{user_id}"),
    exchangePrimaryFactor: defineOperation(t, "put", "/v1/users/{user_id}/exchange_primary_factor"),
    delete: defineOperation(t, "delete", "/v1/users/{user_id}"),
    deleteEmail: defineOperation(t, "delete", "/v1/users/emails/{email_id}"),
    deletePhoneNumber: defineOperation(t, "delete", "/v1/users/phone_numbers/{phone_id}"),
    deleteWebAuthnRegistration: defineOperation(
      t,
      "delete",
      "/v1/users/webauthn_registrations/{webauthn_registration_id}",
    ),
    deleteBiometricRegistration: defineOperation(
      t,
      "delete",
      "/v1/users/biometric_registrations/{biometric_registration_id}",
    ),
    deleteTOTP: defineOperation(t, "delete", "/v1/users/totps/{totp_id}"),
    deleteCryptoWallet: defineOperation(t, "delete", "/v1/users/crypto_wallets/{crypto_wallet_id}"),
    deletePassword: defineOperation(t, "delete", "/v1/users/passwords/{password_id}"),
    deleteOAuthRegistration: defineOperation(t, "delete", "/v1/users/oauth/{oauth_user_registration_id}"),
    deleteExternalId: defineOperation(t, "delete", "/v1/users/{user_id}/external_id"),
    connectedApps: defineOperation(t, "get", "/v1/users/{user_id}/connected_apps"),
    revoke: defineOperation(t, "post", "/v1/users/{user_id}/connected_apps/{connected_app_id}/revoke"),
  };
}

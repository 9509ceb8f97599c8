import { defineOperation, type Transport } from "./operation.js";
import { searchIterators } from "./paginate.js";

/**
 * The B2C Users API, with the official Node SDK's method names (`stytch.users.*`).
 * @example
 * const { user_id } = await stytch.users.create({ email: "ada@example.com" });
 */
export function users(t: Transport) {
  const search = defineOperation(t, "searchUsers");
  return {
    create: defineOperation(t, "createUser"),
    get: defineOperation(t, "getUser"),
    search,
    ...searchIterators(search, (page) => page.results),
    update: defineOperation(t, "updateUser"),
    exchangePrimaryFactor: defineOperation(t, "exchangeUserPrimaryFactor"),
    delete: defineOperation(t, "deleteUser"),
    deleteEmail: defineOperation(t, "deleteUserEmail"),
    deletePhoneNumber: defineOperation(t, "deleteUserPhoneNumber"),
    deleteWebAuthnRegistration: defineOperation(t, "deleteUserWebAuthnRegistration"),
    deleteBiometricRegistration: defineOperation(t, "deleteUserBiometricRegistration"),
    deleteTOTP: defineOperation(t, "deleteUserTotp"),
    deleteCryptoWallet: defineOperation(t, "deleteUserCryptoWallet"),
    deletePassword: defineOperation(t, "deleteUserPassword"),
    deleteOAuthRegistration: defineOperation(t, "deleteUserOAuthRegistration"),
    deleteExternalId: defineOperation(t, "deleteUserExternalId"),
    connectedApps: defineOperation(t, "getUserConnectedApps"),
    revoke: defineOperation(t, "revokeUserConnectedApp"),
  };
}

import { areaRoute, notFound, type Context, type FakeRequest, type Ok, type Route, type S } from "./area.js";
import type { User } from "./store.js";

/**
 * A delete of one factor, keyed by the factor's own id (`kind:id` in the `factor` index): finds its user, removes
 * it, answers the user.
 */
function factorDelete(
  param: string,
  errorType: string,
  what: string,
  kind: string,
  take: (user: User, id: string) => boolean,
): (ctx: Context, request: FakeRequest) => Ok<S["DeleteUserEmailResponse"]> {
  return (ctx, { params }) => {
    const id = params[param]!;
    const found = ctx.store.users.findBy("factor", `${kind}:${id}`);
    // Source: https://stytch.com/docs/api-reference/consumer/api/errors/404 and the react-native delete-authentication-
    // factors page — `email_not_found`, `phone_number_not_found`, `biometric_registration_not_found`… are 404s; the
    // other names are in stytch-android StytchAPIErrorType.kt (`totp_not_found`, `oauth_user_registration_not_found`…).
    if (!found) throw notFound(errorType, what);
    const user = ctx.store.users.edit(found.user_id);
    take(user, id);
    return { user_id: user.user_id, user };
  };
}

type Lists =
  | "emails"
  | "phone_numbers"
  | "webauthn_registrations"
  | "biometric_registrations"
  | "totps"
  | "crypto_wallets"
  | "providers";

/** Removes from `user[list]` the item whose `key` is `id`; true when one was there. */
function dropFrom<L extends Lists>(list: L, key: keyof User[L][number]): (user: User, id: string) => boolean {
  return (user, id) => {
    const items = user[list] as User[L][number][];
    const kept = items.filter((item) => item[key] !== id);
    if (kept.length === items.length) return false;
    (user[list] as User[L][number][]) = kept;
    return true;
  };
}

const route = areaRoute("user_not_found");

/** The deletes of one authentication factor of a user, each by the factor's own id. */
export const factorRoutes: Route[] = [
  route(
    "deleteUserEmail",
    factorDelete("email_id", "email_not_found", "Email", "emails", dropFrom("emails", "email_id")),
  ),
  route(
    "deleteUserPhoneNumber",
    factorDelete(
      "phone_id",
      "phone_number_not_found",
      "Phone number",
      "phone_numbers",
      dropFrom("phone_numbers", "phone_id"),
    ),
  ),
  route(
    "deleteUserWebAuthnRegistration",
    factorDelete(
      "webauthn_registration_id",
      "webauthn_registration_not_found",
      "WebAuthn registration",
      "webauthn_registrations",
      dropFrom("webauthn_registrations", "webauthn_registration_id"),
    ),
  ),
  route(
    "deleteUserBiometricRegistration",
    factorDelete(
      "biometric_registration_id",
      "biometric_registration_not_found",
      "Biometric registration",
      "biometric_registrations",
      dropFrom("biometric_registrations", "biometric_registration_id"),
    ),
  ),
  route("deleteUserTotp", factorDelete("totp_id", "totp_not_found", "TOTP", "totps", dropFrom("totps", "totp_id"))),
  route(
    "deleteUserCryptoWallet",
    factorDelete(
      "crypto_wallet_id",
      "crypto_wallet_not_found",
      "Crypto wallet",
      "crypto_wallets",
      dropFrom("crypto_wallets", "crypto_wallet_id"),
    ),
  ),
  route(
    "deleteUserPassword",
    factorDelete("password_id", "password_not_found", "Password", "password", (user, id) => {
      if (user.password?.password_id !== id) return false;
      user.password = null;
      return true;
    }),
  ),
  route(
    "deleteUserOAuthRegistration",
    factorDelete(
      "oauth_user_registration_id",
      "oauth_user_registration_not_found",
      "OAuth registration",
      "providers",
      dropFrom("providers", "oauth_user_registration_id"),
    ),
  ),
];

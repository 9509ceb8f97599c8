import { describe, expect, it } from "vitest";
import { createStytchClient, type StytchClient } from "../../src/index.js";
import { fakeFetch } from "../support/fake-fetch.js";

const U = "user-test-1";
const cases: [string, (s: StytchClient) => Promise<unknown>, string, string, unknown][] = [
  [
    "create",
    (s) => s.users.create({ email: "ada@example.com", name: undefined }),
    "POST",
    "/v1/users",
    { email: "ada@example.com" },
  ],
  ["get", (s) => s.users.get({ user_id: U }), "GET", `/v1/users/${U}`, null],
  ["search", (s) => s.users.search({ limit: 5 }), "POST", "/v1/users/search", { limit: 5 }],
  ["update", (s) => s.users.update({ user_id: U, roles: ["admin"] }), "PUT", `/v1/users/${U}`, { roles: ["admin"] }],
  [
    "exchangePrimaryFactor",
    (s) => s.users.exchangePrimaryFactor({ user_id: U, email_address: "b@example.com" }),
    "PUT",
    `/v1/users/${U}/exchange_primary_factor`,
    { email_address: "b@example.com" },
  ],
  ["delete", (s) => s.users.delete({ user_id: U }), "DELETE", `/v1/users/${U}`, null],
  ["deleteEmail", (s) => s.users.deleteEmail({ email_id: "e1" }), "DELETE", "/v1/users/emails/e1", null],
  [
    "deletePhoneNumber",
    (s) => s.users.deletePhoneNumber({ phone_id: "p1" }),
    "DELETE",
    "/v1/users/phone_numbers/p1",
    null,
  ],
  [
    "deleteWebAuthnRegistration",
    (s) => s.users.deleteWebAuthnRegistration({ webauthn_registration_id: "w1" }),
    "DELETE",
    "/v1/users/webauthn_registrations/w1",
    null,
  ],
  [
    "deleteBiometricRegistration",
    (s) => s.users.deleteBiometricRegistration({ biometric_registration_id: "b1" }),
    "DELETE",
    "/v1/users/biometric_registrations/b1",
    null,
  ],
  ["deleteTOTP", (s) => s.users.deleteTOTP({ totp_id: "t1" }), "DELETE", "/v1/users/totps/t1", null],
  [
    "deleteCryptoWallet",
    (s) => s.users.deleteCryptoWallet({ crypto_wallet_id: "c1" }),
    "DELETE",
    "/v1/users/crypto_wallets/c1",
    null,
  ],
  ["deletePassword", (s) => s.users.deletePassword({ password_id: "pw1" }), "DELETE", "/v1/users/passwords/pw1", null],
  [
    "deleteOAuthRegistration",
    (s) => s.users.deleteOAuthRegistration({ oauth_user_registration_id: "o1" }),
    "DELETE",
    "/v1/users/oauth/o1",
    null,
  ],
  ["deleteExternalId", (s) => s.users.deleteExternalId({ user_id: U }), "DELETE", `/v1/users/${U}/external_id`, null],
  ["connectedApps", (s) => s.users.connectedApps({ user_id: U }), "GET", `/v1/users/${U}/connected_apps`, null],
  [
    "revoke",
    (s) => s.users.revoke({ user_id: U, connected_app_id: "ca1" }),
    "POST",
    `/v1/users/${U}/connected_apps/ca1/revoke`,
    {},
  ],
];

describe("users wrappers", () => {
  it.each(cases)("%s sends %s to the official route", async (_, call, method, path, body) => {
    const f = fakeFetch();
    await call(createStytchClient({ projectId: "project-test-x", secret: "s", fetch: f.fetch }));
    expect(f.seen).toHaveLength(1);
    expect(f.seen[0]!.method).toBe(method);
    expect(f.seen[0]!.url.pathname).toBe(path);
    expect(f.seen[0]!.url.search).toBe("");
    expect(f.seen[0]!.body === "" ? null : JSON.parse(f.seen[0]!.body)).toEqual(body);
  });

  it("covers all 17 operations with the official Node SDK's names", () => {
    expect(cases).toHaveLength(17);
  });
});

import type { StytchClient } from "../../src/index.js";

// The records of test/fixtures/fake/data.json, loaded by startStatefulMock (stateful.ts) and test/emulator/support.ts.
export const U0 = "user-test-00000000-0000-4000-8000-000000000001";
export const O0 = "organization-test-00000000-0000-4000-8000-000000000001";
export const M0 = "member-test-00000000-0000-4000-8000-000000000001";
export const APP = "connected-app-test-00000000-0000-4000-8000-000000000001";
const id = (prefix: string) => `${prefix}-test-00000000-0000-4000-8000-000000000001`;

/**
 * Calls every operation once, in an order where each finds what it needs: records made by earlier calls, or the
 * factors and grants of data.json (no operation creates those). Returns the calls' results for spot checks.
 */
export async function callEveryOperation(s: StytchClient) {
  const tag = Math.random().toString(36).slice(2, 8);
  const email = `every-${tag}@example.com`;
  const created = await s.users.create({
    email,
    name: { first_name: "Eve" },
    trusted_metadata: { a: 1, b: 2 },
    external_id: `ext-${tag}`,
  });
  const user_id = created.user_id;
  await s.users.get({ user_id });
  const updated = await s.users.update({ user_id, trusted_metadata: { b: null, c: 3 } });
  const searched = await s.users.search({
    query: { operator: "AND", operands: [{ filter_name: "email_address", filter_value: [email] }] },
  });
  await s.users.exchangePrimaryFactor({ user_id, email_address: `every-${tag}-2@example.com` });
  const apps = await s.users.connectedApps({ user_id: U0 });
  await s.users.revoke({ user_id: U0, connected_app_id: APP });
  await s.users.deleteExternalId({ user_id });
  await s.users.deleteEmail({ email_id: id("email") });
  await s.users.deletePhoneNumber({ phone_id: id("phone-number") });
  await s.users.deleteWebAuthnRegistration({ webauthn_registration_id: id("webauthn-registration") });
  await s.users.deleteBiometricRegistration({ biometric_registration_id: id("biometric-registration") });
  await s.users.deleteTOTP({ totp_id: id("totp") });
  await s.users.deleteCryptoWallet({ crypto_wallet_id: id("crypto-wallet") });
  await s.users.deletePassword({ password_id: id("password") });
  const bare = await s.users.deleteOAuthRegistration({ oauth_user_registration_id: id("oauth-user-registration") });
  await s.users.delete({ user_id });

  const { organization } = await s.organizations.create({
    organization_name: `Every ${tag}`,
    organization_external_id: `org-${tag}`,
  });
  const organization_id = organization.organization_id;
  await s.organizations.get({ organization_id });
  await s.organizations.update({
    organization_id,
    organization_name: `Every ${tag} Inc`,
    trusted_metadata: { tier: "gold" },
  });
  await s.organizations.search({
    query: { operator: "AND", operands: [{ filter_name: "organization_ids", filter_value: [organization_id] }] },
  });
  const { member_id } = await s.organizations.members.create({
    organization_id,
    email_address: `m-${tag}@example.com`,
    external_id: `mem-${tag}`,
  });
  const metrics = await s.organizations.metrics({ organization_id });
  await s.organizations.connectedApps({ organization_id: O0 });
  const orgApp = await s.organizations.getConnectedApp({ organization_id: O0, connected_app_id: APP });
  await s.organizations.deleteExternalId({ organization_id });

  const m = s.organizations.members;
  await m.get({ organization_id, email_address: `m-${tag}@example.com` });
  await m.search({ organization_ids: [organization_id, O0], query: { operator: "OR", operands: [] } });
  await m.update({ organization_id, member_id, name: "Mia", untrusted_metadata: { theme: "dark" } });
  const oidc = await m.oidcProviders({ organization_id: O0, member_id: M0, include_refresh_token: true });
  await m.oauthProviders.google({ organization_id: O0, member_id: M0 });
  await m.oauthProviders.microsoft({ organization_id: O0, member_id: M0 });
  await m.oauthProviders.slack({ organization_id: O0, member_id: M0 });
  await m.oauthProviders.hubspot({ organization_id: O0, member_id: M0 });
  await m.oauthProviders.github({ organization_id: O0, member_id: M0 });
  await m.getConnectedApps({ organization_id: O0, member_id: M0 });
  await m.connectedApps.revoke({ organization_id: O0, member_id: M0, connected_app_id: APP });
  await m.unlinkRetiredEmail({ organization_id: O0, member_id: M0, email_address: "ada.old@acme.example" });
  await m.startEmailUpdate({ organization_id: O0, member_id: M0, email_address: "ada.new@acme.example" });
  await m.deleteMFAPhoneNumber({ organization_id: O0, member_id: M0 });
  await m.deleteTOTP({ organization_id: O0, member_id: M0 });
  await m.deletePassword({ organization_id: O0, member_password_id: id("member-password") });
  await m.deleteExternalId({ organization_id, member_id });
  await m.delete({ organization_id, member_id });
  const deleted = await m.dangerouslyGet({ member_id, include_deleted: true });
  await m.reactivate({ organization_id, member_id });

  const c = s.connectedApp.clients;
  const { connected_app } = await c.create({ client_type: "third_party", client_name: `Every ${tag}` });
  const client_id = connected_app.client_id;
  await c.get({ client_id });
  await c.update({ client_id, client_description: "updated" });
  await c.search({ limit: 10 });
  const started = await c.secrets.rotateStart({ client_id });
  const rotated = await c.secrets.rotate({ client_id });
  await c.secrets.rotateStart({ client_id });
  await c.secrets.rotateCancel({ client_id });
  await c.delete({ client_id });
  await s.organizations.delete({ organization_id });
  return { updated, searched, apps, bare, metrics, orgApp, oidc, deleted, connected_app, started, rotated };
}

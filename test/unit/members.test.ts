import { describe, expect, it } from "vitest";
import { createStytchClient, StytchInputError, type StytchClient } from "../../src/index.js";
import { fakeFetch } from "../support/fake-fetch.js";

const O = "organization-test-1";
const M = "member-test-1";
const B = `/v1/b2b/organizations/${O}`;
const ids = { organization_id: O, member_id: M };
const auth = { authorization: { session_token: "tok" } };

const cases: [string, (s: StytchClient) => Promise<unknown>, string, string][] = [
  [
    "create",
    (s) => s.organizations.members.create({ organization_id: O, email_address: "a@b.co" }, auth),
    "POST",
    `${B}/members`,
  ],
  [
    "get",
    (s) => s.organizations.members.get({ organization_id: O, member_id: M }),
    "GET",
    `${B}/member?member_id=${M}`,
  ],
  [
    "dangerouslyGet",
    (s) => s.organizations.members.dangerouslyGet({ member_id: M, include_deleted: true }),
    "GET",
    `/v1/b2b/organizations/members/dangerously_get/${M}?include_deleted=true`,
  ],
  [
    "search",
    (s) => s.organizations.members.search({ organization_ids: [O] }, auth),
    "POST",
    "/v1/b2b/organizations/members/search",
  ],
  ["update", (s) => s.organizations.members.update({ ...ids, name: "Ada" }, auth), "PUT", `${B}/members/${M}`],
  ["delete", (s) => s.organizations.members.delete(ids, auth), "DELETE", `${B}/members/${M}`],
  ["reactivate", (s) => s.organizations.members.reactivate(ids, auth), "PUT", `${B}/members/${M}/reactivate`],
  [
    "deleteMFAPhoneNumber",
    (s) => s.organizations.members.deleteMFAPhoneNumber(ids, auth),
    "DELETE",
    `${B}/members/mfa_phone_numbers/${M}`,
  ],
  ["deleteTOTP", (s) => s.organizations.members.deleteTOTP(ids, auth), "DELETE", `${B}/members/${M}/totp`],
  [
    "deletePassword",
    (s) => s.organizations.members.deletePassword({ organization_id: O, member_password_id: "pw" }, auth),
    "DELETE",
    `${B}/members/passwords/pw`,
  ],
  [
    "oidcProviders",
    (s) => s.organizations.members.oidcProviders({ ...ids, include_refresh_token: true }),
    "GET",
    `${B}/members/${M}/oidc_providers?include_refresh_token=true`,
  ],
  [
    "unlinkRetiredEmail",
    (s) => s.organizations.members.unlinkRetiredEmail({ ...ids, email_address: "old@b.co" }, auth),
    "POST",
    `${B}/members/${M}/unlink_retired_email`,
  ],
  [
    "startEmailUpdate",
    (s) => s.organizations.members.startEmailUpdate({ ...ids, email_address: "new@b.co" }, auth),
    "POST",
    `${B}/members/${M}/start_email_update`,
  ],
  [
    "getConnectedApps",
    (s) => s.organizations.members.getConnectedApps(ids, auth),
    "GET",
    `${B}/members/${M}/connected_apps`,
  ],
  [
    "deleteExternalId",
    (s) => s.organizations.members.deleteExternalId(ids, auth),
    "DELETE",
    `${B}/members/${M}/external_id`,
  ],
  [
    "oauthProviders.google",
    (s) => s.organizations.members.oauthProviders.google(ids),
    "GET",
    `${B}/members/${M}/oauth_providers/google`,
  ],
  [
    "oauthProviders.microsoft",
    (s) => s.organizations.members.oauthProviders.microsoft(ids),
    "GET",
    `${B}/members/${M}/oauth_providers/microsoft`,
  ],
  [
    "oauthProviders.slack",
    (s) => s.organizations.members.oauthProviders.slack(ids),
    "GET",
    `${B}/members/${M}/oauth_providers/slack`,
  ],
  [
    "oauthProviders.hubspot",
    (s) => s.organizations.members.oauthProviders.hubspot(ids),
    "GET",
    `${B}/members/${M}/oauth_providers/hubspot`,
  ],
  [
    "oauthProviders.github",
    (s) => s.organizations.members.oauthProviders.github(ids),
    "GET",
    `${B}/members/${M}/oauth_providers/github`,
  ],
  [
    "connectedApps.revoke",
    (s) => s.organizations.members.connectedApps.revoke({ ...ids, connected_app_id: "ca" }, auth),
    "POST",
    `${B}/members/${M}/connected_apps/ca/revoke`,
  ],
];

describe("organizations.members wrappers", () => {
  it.each(cases)("%s sends %s to the official route", async (_, call, method, pathAndQuery) => {
    const f = fakeFetch();
    await call(createStytchClient({ projectId: "project-test-x", secret: "s", fetch: f.fetch }));
    expect(f.seen).toHaveLength(1);
    expect(f.seen[0]!.method).toBe(method);
    expect(f.seen[0]!.url.pathname + f.seen[0]!.url.search).toBe(pathAndQuery);
  });

  it("covers all 21 operations", () => {
    expect(cases).toHaveLength(21);
  });

  it("sends the member session as the official SDK does", async () => {
    const f = fakeFetch();
    const members = createStytchClient({ projectId: "project-test-x", secret: "s", fetch: f.fetch }).organizations
      .members;
    await members.delete(ids, { authorization: { session_token: "tok" } });
    await members.delete(ids, { authorization: { session_jwt: "a.b.c" } });
    await members.delete(ids);
    expect(
      f.seen.map((s) => [s.headers.get("x-stytch-member-session"), s.headers.get("x-stytch-member-sessionjwt")]),
    ).toEqual([
      ["tok", null],
      [null, "a.b.c"],
      [null, null],
    ]);
  });

  it("refuses a session token that would inject a header", async () => {
    const f = fakeFetch();
    const members = createStytchClient({ projectId: "project-test-x", secret: "s", fetch: f.fetch }).organizations
      .members;
    await expect(members.delete(ids, { authorization: { session_token: "tok\r\nX-Evil: 1" } })).rejects.toBeInstanceOf(
      StytchInputError,
    );
    expect(f.seen).toHaveLength(0);
  });

  it("refuses members.get without member_id and without email_address before sending", async () => {
    const f = fakeFetch();
    const members = createStytchClient({ projectId: "project-test-x", secret: "s", fetch: f.fetch }).organizations
      .members;
    await expect(members.get({ organization_id: O })).rejects.toThrow(/member_id or an email_address/);
    await expect(members.get({ organization_id: O, member_id: null })).rejects.toThrow(StytchInputError);
    expect(f.seen).toHaveLength(0);
    await members.get({ organization_id: O, email_address: "a@b.co" });
    expect(f.seen[0]!.url.search).toBe("?email_address=a%40b.co");
  });
});

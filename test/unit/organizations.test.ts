import { describe, expect, it } from "vitest";
import { createStytchClient, StytchInputError, type StytchClient } from "../../src/index.js";
import { fakeFetch, json, OK } from "../support/fake-fetch.js";

const O = "organization-test-1";
const B = `/v1/b2b/organizations/${O}`;
const auth = { authorization: { session_token: "tok" } };
const client = (f: ReturnType<typeof fakeFetch>) =>
  createStytchClient({ projectId: "project-test-x", secret: "s", fetch: f.fetch }).organizations;

const cases: [string, (s: StytchClient) => Promise<unknown>, string, string][] = [
  ["create", (s) => s.organizations.create({ organization_name: "Acme Co" }), "POST", "/v1/b2b/organizations"],
  ["get", (s) => s.organizations.get({ organization_id: O }), "GET", B],
  ["update", (s) => s.organizations.update({ organization_id: O, organization_name: "Acme" }, auth), "PUT", B],
  ["delete", (s) => s.organizations.delete({ organization_id: O }, auth), "DELETE", B],
  ["search", (s) => s.organizations.search({ limit: 10 }), "POST", "/v1/b2b/organizations/search"],
  ["metrics", (s) => s.organizations.metrics({ organization_id: O }), "GET", `${B}/metrics`],
  ["connectedApps", (s) => s.organizations.connectedApps({ organization_id: O }, auth), "GET", `${B}/connected_apps`],
  [
    "getConnectedApp",
    (s) => s.organizations.getConnectedApp({ organization_id: O, connected_app_id: "ca" }, auth),
    "GET",
    `${B}/connected_apps/ca`,
  ],
  [
    "deleteExternalId",
    (s) => s.organizations.deleteExternalId({ organization_id: O }, auth),
    "DELETE",
    `${B}/external_id`,
  ],
];

describe("organizations wrappers", () => {
  it.each(cases)("%s sends %s to the official route", async (_, call, method, path) => {
    const f = fakeFetch();
    await call(createStytchClient({ projectId: "project-test-x", secret: "s", fetch: f.fetch }));
    expect(f.seen).toHaveLength(1);
    expect(f.seen[0]!.method).toBe(method);
    expect(f.seen[0]!.url.pathname + f.seen[0]!.url.search).toBe(path);
  });

  it("covers all 9 operations, and the members stay under organizations.members", () => {
    expect(cases).toHaveLength(9);
    const organizations = client(fakeFetch());
    expect(typeof organizations.members.search).toBe("function");
    expect(typeof organizations.members.oauthProviders.google).toBe("function");
  });

  it("sends the organization id in the path only, and top-level nils not at all", async () => {
    const f = fakeFetch();
    await client(f).update({
      organization_id: O,
      organization_name: "Acme",
      organization_logo_url: null,
      trusted_metadata: { plan: null },
    });
    expect(JSON.parse(f.seen[0]!.body)).toEqual({ organization_name: "Acme", trusted_metadata: { plan: null } });
  });

  it("sends the member session as the official SDK does, on the operations that take one", async () => {
    const f = fakeFetch();
    const organizations = client(f);
    await organizations.update({ organization_id: O }, { authorization: { session_token: "tok" } });
    await organizations.getConnectedApp(
      { organization_id: O, connected_app_id: "ca" },
      { authorization: { session_jwt: "a.b.c" } },
    );
    await organizations.deleteExternalId({ organization_id: O });
    expect(
      f.seen.map((s) => [s.headers.get("x-stytch-member-session"), s.headers.get("x-stytch-member-sessionjwt")]),
    ).toEqual([
      ["tok", null],
      [null, "a.b.c"],
      [null, null],
    ]);
  });

  it.each(["", "..", ".", undefined])("refuses organization_id %j before sending", async (id) => {
    const f = fakeFetch();
    await expect(client(f).get({ organization_id: id as string })).rejects.toBeInstanceOf(StytchInputError);
    await expect(
      client(f).getConnectedApp({ organization_id: O, connected_app_id: id as string }),
    ).rejects.toBeInstanceOf(StytchInputError);
    expect(f.seen).toHaveLength(0);
  });

  it("searchAll yields the organizations of every page, following next_cursor", async () => {
    const pages = [
      {
        ...OK,
        organizations: [{ organization_id: "o1" }, { organization_id: "o2" }],
        results_metadata: { total: 3, next_cursor: "c2" },
      },
      { ...OK, organizations: [{ organization_id: "o3" }], results_metadata: { total: 3, next_cursor: null } },
    ];
    const f = fakeFetch((_, i) => json(pages[i]));
    const ids: string[] = [];
    for await (const organization of client(f).searchAll({ limit: 2 })) ids.push(organization.organization_id);
    expect(ids).toEqual(["o1", "o2", "o3"]);
    expect(f.seen.map((s) => JSON.parse(s.body))).toEqual([{ limit: 2 }, { limit: 2, cursor: "c2" }]);
  });
});

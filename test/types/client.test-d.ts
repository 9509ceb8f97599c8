import { describe, expectTypeOf, it } from "vitest";
import { createStytchClient, type components } from "../../src/index.js";
import { defineOperation, type Transport } from "../../src/wrappers/operation.js";

const stytch = createStytchClient({ projectId: "project-test-x", secret: "s" });
type Schemas = components["schemas"];

describe("wrapper types come from the generated spec types", () => {
  it("results are the generated response schemas", () => {
    expectTypeOf(stytch.users.get).returns.resolves.toEqualTypeOf<Schemas["GetUserResponse"]>();
    expectTypeOf(stytch.users.create).returns.resolves.toEqualTypeOf<Schemas["CreateUserResponse"]>();
    expectTypeOf(stytch.organizations.members.search).returns.resolves.toEqualTypeOf<
      Schemas["SearchMembersResponse"]
    >();
    expectTypeOf(stytch.organizations.get).returns.resolves.toEqualTypeOf<Schemas["GetOrganizationResponse"]>();
    expectTypeOf(stytch.organizations.getConnectedApp).returns.resolves.toEqualTypeOf<
      Schemas["GetOrganizationConnectedAppResponse"]
    >();
    expectTypeOf(stytch.connectedApp.clients.create).returns.resolves.toEqualTypeOf<
      Schemas["CreateConnectedAppClientResponse"]
    >();
  });

  it("searchAll yields the item type of each area", () => {
    expectTypeOf(stytch.users.searchAll).returns.toEqualTypeOf<AsyncGenerator<Schemas["User"]>>();
    expectTypeOf(stytch.organizations.members.searchAll).returns.toEqualTypeOf<AsyncGenerator<Schemas["Member"]>>();
    expectTypeOf(stytch.organizations.searchAll).returns.toEqualTypeOf<AsyncGenerator<Schemas["Organization"]>>();
  });

  it("takes the path ids and the body fields in one object, and nil for optional fields", () => {
    expectTypeOf(stytch.users.update).parameter(0).toHaveProperty("user_id").toEqualTypeOf<string>();
    void stytch.users.update({ user_id: "u", name: null, untrusted_metadata: { plan: null } });
  });
});

describe("bad calls do not compile", () => {
  it("a missing required id", () => {
    // @ts-expect-error -- user_id is required
    void stytch.users.get({});
    // @ts-expect-error -- the argument itself is required
    void stytch.users.delete();
    // @ts-expect-error -- organization_id is required
    void stytch.organizations.members.delete({ member_id: "m" });
    // @ts-expect-error -- organization_name is required
    void stytch.organizations.create({ organization_slug: "acme-co" });
  });

  it("a wrong type", () => {
    // @ts-expect-error -- user_id is a string
    void stytch.users.get({ user_id: 42 });
    // @ts-expect-error -- limit is a number
    void stytch.users.search({ limit: "10" });
    // @ts-expect-error -- mfa_policy is one of REQUIRED_FOR_ALL and OPTIONAL
    void stytch.organizations.update({ organization_id: "o", mfa_policy: "SOMETIMES" });
    // @ts-expect-error -- roles is a list of strings
    void stytch.users.create({ email: "a@b.co", roles: "admin" });
  });

  it("an unknown field", () => {
    // @ts-expect-error -- no such field on users.create
    void stytch.users.create({ email: "a@b.co", emial: "typo" });
  });

  it("a member session only where the operation accepts one", () => {
    void stytch.organizations.members.delete(
      { organization_id: "o", member_id: "m" },
      { authorization: { session_token: "t" } },
    );
    void stytch.organizations.members.get(
      { organization_id: "o", member_id: "m" },
      // @ts-expect-error -- members.get does not take a member session
      { authorization: { session_token: "t" } },
    );
    void stytch.organizations.getConnectedApp(
      { organization_id: "o", connected_app_id: "c" },
      { authorization: { session_jwt: "j" } },
    );
    // @ts-expect-error -- organizations.get does not take a member session
    void stytch.organizations.get({ organization_id: "o" }, { authorization: { session_token: "t" } });
    // @ts-expect-error -- users take no member session
    void stytch.users.get({ user_id: "u" }, { authorization: { session_token: "t" } });
  });
});

describe(".withResponse() and hooks are typed", () => {
  it("withResponse takes the method's arguments and resolves to { data: result, response: Response }", () => {
    expectTypeOf(stytch.users.get.withResponse).returns.resolves.toEqualTypeOf<{
      data: Schemas["GetUserResponse"];
      response: Response;
    }>();
    expectTypeOf(stytch.users.get.withResponse)
      .parameter(0)
      .toEqualTypeOf({} as Parameters<typeof stytch.users.get>[0]);
    expectTypeOf(stytch.organizations.members.delete.withResponse)
      .returns.resolves.toHaveProperty("data")
      .toEqualTypeOf<Schemas["DeleteMemberResponse"]>();
    // @ts-expect-error -- user_id is required here too
    void stytch.users.get.withResponse({});
    // @ts-expect-error -- and users still take no member session
    void stytch.users.get.withResponse({ user_id: "u" }, { authorization: { session_token: "t" } });
  });

  it("the iterators' withResponse yields { data, response } of pages and items", () => {
    expectTypeOf(stytch.users.searchAll.withResponse).returns.toEqualTypeOf<
      AsyncGenerator<{ data: Schemas["User"]; response: Response }>
    >();
    expectTypeOf(stytch.users.searchPages.withResponse).returns.toEqualTypeOf<
      AsyncGenerator<{ data: Schemas["SearchUsersResponse"]; response: Response }, void, undefined>
    >();
  });

  it("hooks receive typed events", () => {
    createStytchClient({
      projectId: "p",
      secret: "s",
      onRequest: (e) => {
        expectTypeOf(e.attempt).toEqualTypeOf<number>();
        expectTypeOf(e.url).toEqualTypeOf<string>();
      },
      onResponse: (e) => {
        expectTypeOf(e.status).toEqualTypeOf<number | undefined>();
        expectTypeOf(e.requestId).toEqualTypeOf<string | undefined>();
        expectTypeOf(e.durationMs).toEqualTypeOf<number>();
      },
    });
    // @ts-expect-error -- a hook is a function
    createStytchClient({ projectId: "p", secret: "s", onRequest: "log" });
  });
});

describe("the area files name each operation by its operationId", () => {
  const t = {} as Transport;
  it("a misspelt operationId does not compile", () => {
    // @ts-expect-error -- no operation "createUsr" in the spec
    void defineOperation(t, "createUsr");
    // @ts-expect-error -- a path is not an operationId
    void defineOperation(t, "get", "/v1/users/{user_id}");
  });

  it("the method's arguments and result are those of the operation it names", () => {
    expectTypeOf(defineOperation(t, "getUser")).toEqualTypeOf<typeof stytch.users.get>();
    expectTypeOf(defineOperation(t, "searchMembers")).toEqualTypeOf<typeof stytch.organizations.members.search>();
  });
});

import { describe, expectTypeOf, it } from "vitest";
import { createStytchClient, type components } from "../../src/index.js";

/**
 * The contract accepts what the Python and Go SDKs send (path ids repeated in the body, `True`/`False` in query
 * booleans; see openapi/NOTES-sdk-wire.md). Our client's public types do not change for it: these are the types
 * the methods and the generated request schemas had before those allowances, spelled out.
 */
const stytch = createStytchClient({ projectId: "project-test-x", secret: "s" });
type Schemas = components["schemas"];
type Arg<F extends (...args: never[]) => unknown> = NonNullable<Parameters<F>[0]>;

describe("query booleans stay boolean", () => {
  it("include_deleted and include_refresh_token take true/false (or nil), not Python's spelling", () => {
    expectTypeOf<Arg<typeof stytch.organizations.members.dangerouslyGet>>().toEqualTypeOf<{
      member_id: string;
      include_deleted?: boolean | null;
    }>();
    for (const method of [
      stytch.organizations.members.oauthProviders.google,
      stytch.organizations.members.oauthProviders.microsoft,
      stytch.organizations.members.oauthProviders.hubspot,
      stytch.organizations.members.oauthProviders.github,
      stytch.organizations.members.oidcProviders,
    ]) {
      expectTypeOf<Arg<typeof method>>().toEqualTypeOf<{
        organization_id: string;
        member_id: string;
        include_refresh_token?: boolean | null;
      }>();
    }
    // @ts-expect-error -- "True" is what the Python SDK sends; this client sends booleans
    void stytch.organizations.members.dangerouslyGet({ member_id: "m", include_deleted: "True" });
  });
});

describe("no echoed id fields", () => {
  it("methods whose body the Python and Go SDKs fill with the path ids take the path ids once, as before", () => {
    expectTypeOf<Arg<typeof stytch.users.revoke>>().toEqualTypeOf<{ user_id: string; connected_app_id: string }>();
    expectTypeOf<Arg<typeof stytch.organizations.members.reactivate>>().toEqualTypeOf<{
      organization_id: string;
      member_id: string;
    }>();
    expectTypeOf<Arg<typeof stytch.organizations.members.connectedApps.revoke>>().toEqualTypeOf<{
      organization_id: string;
      member_id: string;
      connected_app_id: string;
    }>();
    for (const method of [
      stytch.connectedApp.clients.secrets.rotateStart,
      stytch.connectedApp.clients.secrets.rotateCancel,
      stytch.connectedApp.clients.secrets.rotate,
    ]) {
      expectTypeOf<Arg<typeof method>>().toEqualTypeOf<{ client_id: string }>();
    }
    expectTypeOf<keyof Arg<typeof stytch.users.update>>().toEqualTypeOf<
      "user_id" | "name" | "attributes" | "trusted_metadata" | "untrusted_metadata" | "external_id" | "roles"
    >();
    expectTypeOf<keyof Arg<typeof stytch.users.exchangePrimaryFactor>>().toEqualTypeOf<
      "user_id" | "email_address" | "phone_number"
    >();
    expectTypeOf<keyof Arg<typeof stytch.organizations.members.startEmailUpdate>>().toEqualTypeOf<
      | "organization_id"
      | "member_id"
      | "email_address"
      | "login_redirect_url"
      | "locale"
      | "login_template_id"
      | "delivery_method"
    >();
    expectTypeOf<keyof Arg<typeof stytch.organizations.members.unlinkRetiredEmail>>().toEqualTypeOf<
      "organization_id" | "member_id" | "email_id" | "email_address"
    >();
    expectTypeOf(stytch.users.update).parameter(0).toHaveProperty("user_id").toEqualTypeOf<string>();
  });

  it("the generated request schemas do not carry the echoed ids", () => {
    expectTypeOf<Schemas["ReactivateMemberRequest"]>().toEqualTypeOf<Record<string, never>>();
    expectTypeOf<Schemas["RevokeUserConnectedAppRequest"]>().toEqualTypeOf<Record<string, never>>();
    expectTypeOf<Schemas["MemberConnectedAppRevokeRequest"]>().toEqualTypeOf<Record<string, never>>();
    expectTypeOf<Schemas["StartConnectedAppClientSecretRotationRequest"]>().toEqualTypeOf<Record<string, never>>();
    expectTypeOf<Schemas["CancelConnectedAppClientSecretRotationRequest"]>().toEqualTypeOf<Record<string, never>>();
    expectTypeOf<Schemas["RotateConnectedAppClientSecretRequest"]>().toEqualTypeOf<Record<string, never>>();
    expectTypeOf<"user_id" extends keyof Schemas["UpdateUserRequest"] ? true : false>().toEqualTypeOf<false>();
    expectTypeOf<
      "user_id" extends keyof Schemas["ExchangeUserPrimaryFactorRequest"] ? true : false
    >().toEqualTypeOf<false>();
    expectTypeOf<
      "organization_id" extends keyof Schemas["CreateMemberRequest"] ? true : false
    >().toEqualTypeOf<false>();
    expectTypeOf<"member_id" extends keyof Schemas["UpdateMemberRequest"] ? true : false>().toEqualTypeOf<false>();
    expectTypeOf<
      "member_id" extends keyof Schemas["UnlinkMemberRetiredEmailRequest"] ? true : false
    >().toEqualTypeOf<false>();
    expectTypeOf<
      "member_id" extends keyof Schemas["StartMemberEmailUpdateRequest"] ? true : false
    >().toEqualTypeOf<false>();
    expectTypeOf<
      "client_id" extends keyof Schemas["UpdateConnectedAppClientRequest"] ? true : false
    >().toEqualTypeOf<false>();
  });
});

import { StytchInputError } from "./errors.js";
import { defineOperation, type Transport } from "./operation.js";
import { searchIterators } from "./paginate.js";

const ORG = "/v1/b2b/organizations/{organization_id}";
const MEMBER = `${ORG}/members/{member_id}` as const;

/**
 * The B2B Organization Members API, with the official Node SDK's method names
 * (`stytch.organizations.members.*`). Methods that accept a member session take it as
 * `{ authorization: { session_token } }` or `{ authorization: { session_jwt } }` in the second argument.
 * @example
 * const { member } = await stytch.organizations.members.get({ organization_id, email_address: "ada@example.com" });
 */
export function members(t: Transport) {
  const search = defineOperation(t, "post", "/v1/b2b/organizations/members/search");
  return {
    create: defineOperation(t, "post", `${ORG}/members`),
    get: defineOperation(t, "get", `${ORG}/member`, requireMemberIdOrEmail),
    dangerouslyGet: defineOperation(t, "get", "/v1/b2b/organizations/members/dangerously_get/{member_id}"),
    search,
    ...searchIterators(search, (page) => page.members),
    update: defineOperation(t, "put", MEMBER),
    delete: defineOperation(t, "delete", MEMBER),
    reactivate: defineOperation(t, "put", `${MEMBER}/reactivate`),
    deleteMFAPhoneNumber: defineOperation(t, "delete", `${ORG}/members/mfa_phone_numbers/{member_id}`),
    deleteTOTP: defineOperation(t, "delete", `${MEMBER}/totp`),
    deletePassword: defineOperation(t, "delete", `${ORG}/members/passwords/{member_password_id}`),
    oidcProviders: defineOperation(t, "get", `${MEMBER}/oidc_providers`),
    unlinkRetiredEmail: defineOperation(t, "post", `${MEMBER}/unlink_retired_email`),
    startEmailUpdate: defineOperation(t, "post", `${MEMBER}/start_email_update`),
    getConnectedApps: defineOperation(t, "get", `${MEMBER}/connected_apps`),
    deleteExternalId: defineOperation(t, "delete", `${MEMBER}/external_id`),
    oauthProviders: {
      google: defineOperation(t, "get", `${MEMBER}/oauth_providers/google`),
      microsoft: defineOperation(t, "get", `${MEMBER}/oauth_providers/microsoft`),
      slack: defineOperation(t, "get", `${MEMBER}/oauth_providers/slack`),
      hubspot: defineOperation(t, "get", `${MEMBER}/oauth_providers/hubspot`),
      github: defineOperation(t, "get", `${MEMBER}/oauth_providers/github`),
    },
    connectedApps: {
      revoke: defineOperation(t, "post", `${MEMBER}/connected_apps/{connected_app_id}/revoke`),
    },
  };
}

function requireMemberIdOrEmail(query: Record<string, unknown>): void {
  if (query.member_id === undefined && query.email_address === undefined) {
    throw new StytchInputError("organizations.members.get needs a member_id or an email_address");
  }
}

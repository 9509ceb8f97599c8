import { StytchInputError } from "./errors.js";
import { defineOperation, type Transport } from "./operation.js";
import { searchIterators } from "./paginate.js";

/**
 * The B2B Organization Members API, with the official Node SDK's method names
 * (`stytch.organizations.members.*`). Methods that accept a member session take it as
 * `{ authorization: { session_token } }` or `{ authorization: { session_jwt } }` in the second argument.
 * @example
 * const { member } = await stytch.organizations.members.get({ organization_id, email_address: "ada@example.com" });
 */
export function members(t: Transport) {
  const search = defineOperation(t, "searchMembers");
  return {
    create: defineOperation(t, "createMember"),
    get: defineOperation(t, "getMember", requireMemberIdOrEmail),
    dangerouslyGet: defineOperation(t, "dangerouslyGetMember"),
    search,
    ...searchIterators(search, (page) => page.members),
    update: defineOperation(t, "updateMember"),
    delete: defineOperation(t, "deleteMember"),
    reactivate: defineOperation(t, "reactivateMember"),
    deleteMFAPhoneNumber: defineOperation(t, "deleteMemberMfaPhoneNumber"),
    deleteTOTP: defineOperation(t, "deleteMemberTotp"),
    deletePassword: defineOperation(t, "deleteMemberPassword"),
    oidcProviders: defineOperation(t, "getMemberOidcProviders"),
    unlinkRetiredEmail: defineOperation(t, "unlinkMemberRetiredEmail"),
    startEmailUpdate: defineOperation(t, "startMemberEmailUpdate"),
    getConnectedApps: defineOperation(t, "getMemberConnectedApps"),
    deleteExternalId: defineOperation(t, "deleteMemberExternalId"),
    oauthProviders: {
      google: defineOperation(t, "getMemberGoogleOAuthProvider"),
      microsoft: defineOperation(t, "getMemberMicrosoftOAuthProvider"),
      slack: defineOperation(t, "getMemberSlackOAuthProvider"),
      hubspot: defineOperation(t, "getMemberHubspotOAuthProvider"),
      github: defineOperation(t, "getMemberGithubOAuthProvider"),
    },
    connectedApps: {
      revoke: defineOperation(t, "revokeMemberConnectedApp"),
    },
  };
}

function requireMemberIdOrEmail(query: Record<string, unknown>): void {
  if (query.member_id === undefined && query.email_address === undefined) {
    throw new StytchInputError("organizations.members.get needs a member_id or an email_address");
  }
}

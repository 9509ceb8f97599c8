/**
 * The reads of a member's OAuth and OIDC provider tokens. Fake tokens, stable per registration so that repeated
 * reads agree.
 * Guessed: the scopes and expiry values of the provider answers (Stytch relays what the provider issued).
 */
import { notFound, queryBoolean, type Context, type FakeRequest, type Ok, type S } from "./area.js";
import { findMember } from "./members-records.js";

/** A fake provider token: the same for a registration at every read. */
const token = (kind: string, id: string) => `fake-${kind}-${id}`;

/** The member's OAuth registration with this provider, or a 404. */
function registration(ctx: Context, request: FakeRequest, provider: string) {
  const member = findMember(ctx, request.params.organization_id!, request.params.member_id!);
  const found = member.oauth_registrations.filter((r) => r.provider_type.toLowerCase() === provider.toLowerCase());
  return { member, found, withRefresh: queryBoolean(request.query, "include_refresh_token") };
}

function oneRegistration(ctx: Context, request: FakeRequest, provider: string) {
  const { found, withRefresh } = registration(ctx, request, provider);
  // Guessed: a member without a registration of that provider is a 404 `oauth_registration_not_found`.
  const reg = found[0];
  if (!reg) throw notFound("oauth_registration_not_found", `${provider} OAuth registration`);
  const id = reg.member_oauth_registration_id;
  return {
    provider_type: reg.provider_type,
    provider_subject: reg.provider_subject,
    id_token: token("id-token", id),
    scopes: ["openid", "email", "profile"],
    access_token: token("access-token", id),
    access_token_expires_in: 3599,
    refresh_token: withRefresh ? token("refresh-token", id) : null,
  };
}

function google(ctx: Context, request: FakeRequest): Ok<S["MemberOAuthGoogleResponse"]> {
  return oneRegistration(ctx, request, "Google");
}

function microsoft(ctx: Context, request: FakeRequest): Ok<S["MemberOAuthMicrosoftResponse"]> {
  return oneRegistration(ctx, request, "Microsoft");
}

function slack(ctx: Context, request: FakeRequest): Ok<S["MemberOAuthSlackResponse"]> {
  const { found } = registration(ctx, request, "Slack");
  return {
    provider_type: "Slack",
    registrations: found.map((r) => ({
      provider_subject: r.provider_subject,
      provider_tenant_id: "T00000000",
      access_token: token("access-token", r.member_oauth_registration_id),
      scopes: ["openid"],
      bot_access_token: token("bot-token", r.member_oauth_registration_id),
      bot_scopes: [],
    })),
  };
}

function hubspot(ctx: Context, request: FakeRequest): Ok<S["MemberOAuthHubspotResponse"]> {
  const { found, withRefresh } = registration(ctx, request, "HubSpot");
  return {
    provider_type: "HubSpot",
    registrations: found.map((r) => ({
      provider_subject: r.provider_subject,
      provider_tenant_id: "0",
      access_token: token("access-token", r.member_oauth_registration_id),
      access_token_expires_in: 1799,
      scopes: ["oauth"],
      refresh_token: withRefresh ? token("refresh-token", r.member_oauth_registration_id) : null,
    })),
  };
}

function github(ctx: Context, request: FakeRequest): Ok<S["MemberOAuthGithubResponse"]> {
  const { found } = registration(ctx, request, "GitHub");
  return {
    provider_type: "GitHub",
    registrations: found.map((r) => ({
      provider_subject: r.provider_subject,
      provider_tenant_ids: [],
      access_token: token("access-token", r.member_oauth_registration_id),
      scopes: ["read:user"],
    })),
  };
}

function oidcProviders(ctx: Context, request: FakeRequest): Ok<S["MemberOidcProvidersResponse"]> {
  const member = findMember(ctx, request.params.organization_id!, request.params.member_id!);
  const withRefresh = queryBoolean(request.query, "include_refresh_token");
  // Guessed: the member's SSO registrations on OIDC connections (`oidc-connection-…`) are its OIDC providers.
  const registrations = member.sso_registrations
    .filter((r) => r.connection_id.startsWith("oidc-connection-"))
    .map((r) => ({
      provider_subject: r.external_id,
      id_token: token("id-token", r.registration_id),
      access_token: token("access-token", r.registration_id),
      access_token_expires_in: 3599,
      scopes: ["openid", "email", "profile"],
      connection_id: r.connection_id,
      refresh_token: withRefresh ? token("refresh-token", r.registration_id) : null,
    }));
  return { registrations };
}

/**
 * The handlers of this file, by what the members' route table calls them.
 * @example
 * route("getMemberGoogleOAuthProvider", providerReads.google);
 */
export const providerReads = { google, microsoft, slack, hubspot, github, oidcProviders };

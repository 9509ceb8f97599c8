import {
  areaRoute,
  FakeError,
  invalid,
  mergeMetadata,
  notFound,
  optString,
  type Context,
  type FakeRequest,
  type Ok,
  type Route,
  type S,
} from "./area.js";
import { appSummary, dropGrants, membersByApp } from "./grants.js";
import { page, select } from "./search.js";
import type { Organization } from "./store.js";

const SLUG = /^[A-Za-z0-9._~-]{2,128}$/;

/** A slug from a name: `Acme Co.` → `acme-co.` (Guessed: the API's own derivation is not documented). */
export function slugFrom(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9._~-]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 128);
  return slug.length >= 2 ? slug : `${slug}org`.slice(0, 128);
}

/** A complete organization from a partial one, with the defaults of the spec's `defaults_only` example. */
export function buildOrganization(ctx: Context, partial: Partial<Organization> = {}): Organization {
  const now = ctx.now();
  const name = partial.organization_name ?? "Organization";
  return {
    organization_id: ctx.id("organization"),
    organization_name: name,
    organization_logo_url: "",
    organization_slug: slugFrom(name),
    sso_jit_provisioning: "ALL_ALLOWED",
    sso_jit_provisioning_allowed_connections: [],
    sso_active_connections: [],
    email_allowed_domains: [],
    email_jit_provisioning: "NOT_ALLOWED",
    email_invites: "ALL_ALLOWED",
    auth_methods: "ALL_ALLOWED",
    allowed_auth_methods: [],
    mfa_policy: "OPTIONAL",
    rbac_email_implicit_role_assignments: [],
    mfa_methods: "ALL_ALLOWED",
    allowed_mfa_methods: [],
    oauth_tenant_jit_provisioning: "NOT_ALLOWED",
    claimed_email_domains: [],
    first_party_connected_apps_allowed_type: "ALL_ALLOWED",
    allowed_first_party_connected_apps: [],
    third_party_connected_apps_allowed_type: "ALL_ALLOWED",
    allowed_third_party_connected_apps: [],
    custom_roles: [],
    trusted_metadata: {},
    created_at: now,
    updated_at: now,
    organization_external_id: "",
    sso_default_connection_id: null,
    scim_active_connection: null,
    allowed_oauth_tenants: {},
    ...partial,
  };
}

/**
 * The organization with this id, or a 404 `organization_not_found`.
 * @example
 * const org = findOrganization(ctx, params.organization_id!);
 */
export function findOrganization(ctx: Context, id: string): Readonly<Organization> {
  return ctx.store.organizations.getOr(id, () => notFound("organization_not_found", "Organization"));
}

// Source: stytch-android StytchAPIErrorType.kt lists `organization_slug_already_used`.
const slugUsed = () =>
  new FakeError(400, "organization_slug_already_used", "An organization with this slug already exists.");
// Guessed: error type `duplicate_external_id` (400), as for users.
const externalIdUsed = () =>
  new FakeError(400, "duplicate_external_id", "An organization with this external_id already exists.");

function checkUnique(ctx: Context, slug: string | undefined, externalId: string | undefined, except?: string): void {
  const { organizations } = ctx.store;
  if (slug !== undefined) {
    if (!SLUG.test(slug))
      throw invalid("organization_slug must be 2 to 128 of A-Z a-z 0-9 . _ ~ -.", "organization_slug");
    organizations.unique("slug", slug, except, slugUsed);
  }
  if (externalId) organizations.unique("external_id", externalId, except, externalIdUsed);
}

/** Applies the settings of a create or update body (the fields both share) to `org`. */
function apply(org: Organization, body: S["UpdateOrganizationRequest"]): void {
  // The record's identity and times are the fake's: a body that names them (the spec does not) changes nothing.
  const { trusted_metadata, organization_external_id, ...settings } = body;
  for (const key of ["organization_id", "created_at", "updated_at"]) delete (settings as Record<string, unknown>)[key];
  Object.assign(org, settings);
  // Source: https://stytch.com/docs/api-reference/b2b/api/resources/object-update-behavior — B2B metadata updates
  // merge at the top level only, and a top-level `null` deletes the key.
  if (trusted_metadata) org.trusted_metadata = mergeMetadata(org.trusted_metadata, trusted_metadata);
  if (organization_external_id !== undefined) org.organization_external_id = organization_external_id;
}

function create(ctx: Context, { body }: FakeRequest): Ok<S["CreateOrganizationResponse"]> {
  const name = optString(body, "organization_name");
  if (!name) throw invalid("organization_name is required.", "organization_name");
  const req = body as S["CreateOrganizationRequest"];
  const slug = req.organization_slug ?? slugFrom(name);
  checkUnique(ctx, slug, req.organization_external_id);
  const organization = buildOrganization(ctx, { organization_name: name, organization_slug: slug });
  apply(organization, req);
  ctx.store.organizations.insert(organization);
  return { organization };
}

function update(ctx: Context, { params, body }: FakeRequest): Ok<S["UpdateOrganizationResponse"]> {
  const found = findOrganization(ctx, params.organization_id!);
  const req = body as S["UpdateOrganizationRequest"];
  checkUnique(ctx, req.organization_slug, req.organization_external_id, found.organization_id);
  const organization = ctx.store.organizations.edit(found.organization_id);
  apply(organization, req);
  organization.updated_at = ctx.now();
  return { organization };
}

function remove(ctx: Context, { params }: FakeRequest): Ok<S["DeleteOrganizationResponse"]> {
  const org = findOrganization(ctx, params.organization_id!);
  ctx.store.organizations.delete(org.organization_id);
  // Source: https://stytch.com/docs/api-reference/b2b/api/organizations/delete-organization — "All Members of the
  // Organization will also be deleted" (with the organization gone, none can be reactivated).
  for (const id of [...ctx.store.members.lookup("organization", org.organization_id)]) ctx.store.members.delete(id);
  dropGrants(ctx.store, (g) => g.organization_id === org.organization_id);
  return { organization_id: org.organization_id };
}

function search(ctx: Context, { body }: FakeRequest): Ok<S["SearchOrganizationsResponse"]> {
  const req = body as S["SearchOrganizationsRequest"];
  const matches = select("organizations", ctx.store.organizations, req.query, ctx.store);
  const { results, results_metadata } = page(ctx.store.organizations, matches, req);
  return { organizations: results, results_metadata };
}

function metrics(ctx: Context, { params }: FakeRequest): Ok<S["GetOrganizationMetricsResponse"]> {
  const org = findOrganization(ctx, params.organization_id!);
  // Guessed: deleted members are not counted.
  return { member_count: ctx.store.members.count("organization", org.organization_id, (m) => m.status !== "deleted") };
}

function connectedApps(ctx: Context, { params }: FakeRequest): Ok<S["GetOrganizationConnectedAppsResponse"]> {
  const org = findOrganization(ctx, params.organization_id!);
  const ids = [...membersByApp(ctx.store, org.organization_id).keys()];
  return { connected_apps: ids.map((id) => appSummary(ctx.store.clients.get(id)!.client, {})) };
}

function getConnectedApp(ctx: Context, { params }: FakeRequest): Ok<S["GetOrganizationConnectedAppResponse"]> {
  const org = findOrganization(ctx, params.organization_id!);
  const app = ctx.store.clients.get(params.connected_app_id!)?.client;
  if (!app) throw notFound("connected_app_not_found", "Connected app");
  // Guessed: an app no member of the organization authorized answers with no active members (not a 404).
  return appSummary(app, { active_members: membersByApp(ctx.store, org.organization_id).get(app.client_id) ?? [] });
}

function deleteExternalId(ctx: Context, { params }: FakeRequest): Ok<S["DeleteOrganizationExternalIdResponse"]> {
  const organization = ctx.store.organizations.edit(findOrganization(ctx, params.organization_id!).organization_id);
  // Guessed: a removed external id reads "" (the spec's examples write "" for "none" on organizations).
  organization.organization_external_id = "";
  organization.updated_at = ctx.now();
  return { organization };
}

const route = areaRoute("organization_not_found");

/** The B2B Organizations operations. */
export const organizationRoutes: Route[] = [
  route("createOrganization", create),
  route("searchOrganizations", search),
  route("getOrganization", (ctx, { params }) => ({ organization: findOrganization(ctx, params.organization_id!) })),
  route("updateOrganization", update),
  route("deleteOrganization", remove),
  route("getOrganizationMetrics", metrics),
  route("getOrganizationConnectedApps", connectedApps),
  route("getOrganizationConnectedApp", getConnectedApp),
  route("deleteOrganizationExternalId", deleteExternalId),
];

import { CONNECTED_APP_ID, ORGANIZATION_ID, SESSION_JWT, SESSION_TOKEN } from "../support/example-ids.js";
import type { IdsOf, VendorCase } from "./vendor.cases.js";

const organization_id = ORGANIZATION_ID;
const client_id = CONNECTED_APP_ID;
const token = SESSION_TOKEN;
const jwt = SESSION_JWT;

/** Every setting that Create and Update Organization share, each away from its default. */
const orgSettings = {
  organization_slug: "acme-co",
  organization_logo_url: "https://example.com/acme-logo.png",
  trusted_metadata: { billing: { plan: "enterprise" } },
  organization_external_id: "acme-co-crm-4711",
  sso_jit_provisioning: "RESTRICTED",
  email_allowed_domains: ["example.com"],
  email_jit_provisioning: "RESTRICTED",
  email_invites: "RESTRICTED",
  auth_methods: "RESTRICTED",
  allowed_auth_methods: ["sso", "magic_link"],
  mfa_policy: "REQUIRED_FOR_ALL",
  rbac_email_implicit_role_assignments: [{ domain: "example.com", role_id: "stytch_member" }],
  mfa_methods: "RESTRICTED",
  allowed_mfa_methods: ["totp"],
  oauth_tenant_jit_provisioning: "RESTRICTED",
  allowed_oauth_tenants: { slack: ["T0123456789"] },
  claimed_email_domains: ["example.com"],
  first_party_connected_apps_allowed_type: "RESTRICTED",
  allowed_first_party_connected_apps: [client_id],
  third_party_connected_apps_allowed_type: "NOT_ALLOWED",
  allowed_third_party_connected_apps: [],
};

/** The B2B Organizations operations, called through the official Node SDK. */
export const organizationVendorCases: Record<IdsOf<"Organizations">, VendorCase> = {
  createOrganization: {
    minimal: (s) => s.b2b.organizations.create({ organization_name: "Acme Co" }),
    full: (s) => s.b2b.organizations.create({ organization_name: "Acme Co", ...orgSettings }),
  },
  getOrganization: {
    minimal: (s) => s.b2b.organizations.get({ organization_id }),
    full: (s) => s.b2b.organizations.get({ organization_id: "acme-co" }),
  },
  updateOrganization: {
    session: true,
    minimal: (s) => s.b2b.organizations.update({ organization_id }),
    full: (s) =>
      s.b2b.organizations.update(
        {
          organization_id,
          organization_name: "Acme Corporation",
          ...orgSettings,
          sso_default_connection_id: "saml-connection-test-51861cbc-d3b9-428b-9761-227f5fb12be9",
          sso_jit_provisioning_allowed_connections: ["saml-connection-test-51861cbc-d3b9-428b-9761-227f5fb12be9"],
        },
        token,
      ),
  },
  deleteOrganization: {
    session: true,
    minimal: (s) => s.b2b.organizations.delete({ organization_id }),
    full: (s) => s.b2b.organizations.delete({ organization_id }, jwt),
  },
  searchOrganizations: {
    minimal: (s) => s.b2b.organizations.search({}),
    full: (s) =>
      s.b2b.organizations.search({
        cursor: "eyJjdXJzb3IiOiJwYWdlLTIifQ",
        limit: 1000,
        query: {
          operator: "AND",
          operands: [
            { filter_name: "organization_ids", filter_value: [organization_id] },
            { filter_name: "organization_slugs", filter_value: ["acme-co"] },
            { filter_name: "organization_name_fuzzy", filter_value: "acm" },
            { filter_name: "organization_slug_fuzzy", filter_value: "acme" },
            { filter_name: "member_emails", filter_value: ["ada@example.com"] },
            { filter_name: "member_email_fuzzy", filter_value: "ada" },
            { filter_name: "allowed_domains", filter_value: ["example.com"] },
            { filter_name: "allowed_domain_fuzzy", filter_value: "example" },
            { filter_name: "claimed_email_domains", filter_value: ["example.com"] },
            { filter_name: "has_active_sso_connection", filter_value: true },
            {
              filter_name: "sso_connection_id",
              filter_value: "saml-connection-test-51861cbc-d3b9-428b-9761-227f5fb12be9",
            },
          ],
        },
      }),
  },
  getOrganizationMetrics: {
    minimal: (s) => s.b2b.organizations.metrics({ organization_id }),
    full: (s) => s.b2b.organizations.metrics({ organization_id: "acme-co-crm-4711" }),
  },
  getOrganizationConnectedApps: {
    session: true,
    minimal: (s) => s.b2b.organizations.connectedApps({ organization_id }),
    full: (s) => s.b2b.organizations.connectedApps({ organization_id }, token),
  },
  getOrganizationConnectedApp: {
    session: true,
    minimal: (s) => s.b2b.organizations.getConnectedApp({ organization_id, connected_app_id: client_id }),
    full: (s) => s.b2b.organizations.getConnectedApp({ organization_id, connected_app_id: client_id }, jwt),
  },
  deleteOrganizationExternalId: {
    session: true,
    minimal: (s) => s.b2b.organizations.deleteExternalId({ organization_id }),
    full: (s) => s.b2b.organizations.deleteExternalId({ organization_id }, token),
  },
};

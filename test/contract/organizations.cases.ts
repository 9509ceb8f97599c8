import type { ContractCases } from "../support/contract.js";
import { CONNECTED_APP_ID, ORGANIZATION_ID, SESSION_JWT, SESSION_TOKEN } from "../support/example-ids.js";

const organization_id = ORGANIZATION_ID;
const session = SESSION_TOKEN;
const jwt = SESSION_JWT;
const O = "/v1/b2b/organizations/{organization_id}";

/** One typical call per B2B Organizations operation, keyed by operationId; member sessions where accepted. */
export const organizationCases: ContractCases = {
  createOrganization: {
    method: "post",
    path: "/v1/b2b/organizations",
    call: (s) =>
      s.organizations.create({
        organization_name: "Acme Co",
        organization_slug: "acme-co",
        email_allowed_domains: ["example.com"],
        email_jit_provisioning: "RESTRICTED",
        trusted_metadata: { billing_plan: "enterprise" },
      }),
  },
  getOrganization: { method: "get", path: O, call: (s) => s.organizations.get({ organization_id }) },
  updateOrganization: {
    method: "put",
    path: O,
    call: (s) =>
      s.organizations.update(
        { organization_id, organization_name: "Acme Corporation", mfa_policy: "REQUIRED_FOR_ALL", organization_logo_url: null },
        session,
      ),
  },
  deleteOrganization: { method: "delete", path: O, call: (s) => s.organizations.delete({ organization_id }, jwt) },
  searchOrganizations: {
    method: "post",
    path: "/v1/b2b/organizations/search",
    call: (s) =>
      s.organizations.search({
        limit: 50,
        query: { operator: "AND", operands: [{ filter_name: "organization_slug_fuzzy", filter_value: "acme" }] },
      }),
  },
  getOrganizationMetrics: { method: "get", path: `${O}/metrics`, call: (s) => s.organizations.metrics({ organization_id }) },
  getOrganizationConnectedApps: {
    method: "get",
    path: `${O}/connected_apps`,
    call: (s) => s.organizations.connectedApps({ organization_id }, session),
  },
  getOrganizationConnectedApp: {
    method: "get",
    path: `${O}/connected_apps/{connected_app_id}`,
    call: (s) => s.organizations.getConnectedApp({ organization_id, connected_app_id: CONNECTED_APP_ID }, jwt),
  },
  deleteOrganizationExternalId: {
    method: "delete",
    path: `${O}/external_id`,
    call: (s) => s.organizations.deleteExternalId({ organization_id }, session),
  },
};

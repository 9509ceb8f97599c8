import type { ContractCases } from "../support/contract.js";
import { CONNECTED_APP_ID, ORGANIZATION_ID, SESSION_JWT, SESSION_TOKEN } from "../support/example-ids.js";

const organization_id = ORGANIZATION_ID;
const session = SESSION_TOKEN;
const jwt = SESSION_JWT;

/** One typical call per B2B Organizations operation, keyed by operationId; member sessions where accepted. */
export const organizationCases: ContractCases = {
  createOrganization: {
    call: (s) =>
      s.organizations.create({
        organization_name: "Acme Co",
        organization_slug: "acme-co",
        email_allowed_domains: ["example.com"],
        email_jit_provisioning: "RESTRICTED",
        trusted_metadata: { billing_plan: "enterprise" },
      }),
  },
  getOrganization: { call: (s) => s.organizations.get({ organization_id }) },
  updateOrganization: {
    call: (s) =>
      s.organizations.update(
        {
          organization_id,
          organization_name: "Acme Corporation",
          mfa_policy: "REQUIRED_FOR_ALL",
          organization_logo_url: null,
        },
        session,
      ),
  },
  deleteOrganization: { call: (s) => s.organizations.delete({ organization_id }, jwt) },
  searchOrganizations: {
    call: (s) =>
      s.organizations.search({
        limit: 50,
        query: { operator: "AND", operands: [{ filter_name: "organization_slug_fuzzy", filter_value: "acme" }] },
      }),
  },
  getOrganizationMetrics: { call: (s) => s.organizations.metrics({ organization_id }) },
  getOrganizationConnectedApps: {
    call: (s) => s.organizations.connectedApps({ organization_id }, session),
  },
  getOrganizationConnectedApp: {
    call: (s) => s.organizations.getConnectedApp({ organization_id, connected_app_id: CONNECTED_APP_ID }, jwt),
  },
  deleteOrganizationExternalId: {
    call: (s) => s.organizations.deleteExternalId({ organization_id }, session),
  },
};

import { defineOperation, type Transport } from "./operation.js";
import { searchIterators } from "./paginate.js";

/**
 * The B2B Organizations API, with the official Node SDK's method names (`stytch.organizations.*`, next to
 * `stytch.organizations.members`). `update`, `delete`, `connectedApps`, `getConnectedApp` and `deleteExternalId`
 * accept a member session as `{ authorization: { session_token } }` or `{ authorization: { session_jwt } }`.
 * @example
 * const { organization } = await stytch.organizations.create({ organization_name: "Acme Co" });
 */
export function organizations(t: Transport) {
  const search = defineOperation(t, "searchOrganizations");
  return {
    create: defineOperation(t, "createOrganization"),
    get: defineOperation(t, "getOrganization"),
    update: defineOperation(t, "updateOrganization"),
    delete: defineOperation(t, "deleteOrganization"),
    search,
    ...searchIterators(search, (page) => page.organizations),
    metrics: defineOperation(t, "getOrganizationMetrics"),
    connectedApps: defineOperation(t, "getOrganizationConnectedApps"),
    getConnectedApp: defineOperation(t, "getOrganizationConnectedApp"),
    deleteExternalId: defineOperation(t, "deleteOrganizationExternalId"),
  };
}

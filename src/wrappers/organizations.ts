import { defineOperation, type Transport } from "./operation.js";
import { searchIterators } from "./paginate.js";

const ORG = "/v1/b2b/organizations/{organization_id}";

/**
 * The B2B Organizations API, with the official Node SDK's method names (`stytch.organizations.*`, next to
 * `stytch.organizations.members`). `update`, `delete`, `connectedApps`, `getConnectedApp` and `deleteExternalId`
 * accept a member session as `{ authorization: { session_token } }` or `{ authorization: { session_jwt } }`.
 * @example
 * const { organization } = await stytch.organizations.create({ organization_name: "Acme Co" });
 */
export function organizations(t: Transport) {
  const search = defineOperation(t, "post", "/v1/b2b/organizations/search");
  return {
    create: defineOperation(t, "post", "/v1/b2b/organizations"),
    get: defineOperation(t, "get", ORG),
    update: defineOperation(t, "put", ORG),
    delete: defineOperation(t, "delete", ORG),
    search,
    ...searchIterators(search, (page) => page.organizations),
    metrics: defineOperation(t, "get", `${ORG}/metrics`),
    connectedApps: defineOperation(t, "get", `${ORG}/connected_apps`),
    getConnectedApp: defineOperation(t, "get", `${ORG}/connected_apps/{connected_app_id}`),
    deleteExternalId: defineOperation(t, "delete", `${ORG}/external_id`),
  };
}

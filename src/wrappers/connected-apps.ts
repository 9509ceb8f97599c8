import { defineOperation, type Transport } from "./operation.js";
import { searchIterators } from "./paginate.js";

const CLIENT = "/v1/connected_apps/clients/{client_id}";

/**
 * The Connected Apps clients API, with the official Node SDK's method names (`stytch.connectedApp.clients.*`).
 * @example
 * const { connected_app } = await stytch.connectedApp.clients.create({ client_type: "first_party" });
 */
export function connectedAppClients(t: Transport) {
  const search = defineOperation(t, "post", "/v1/connected_apps/clients/search");
  return {
    create: defineOperation(t, "post", "/v1/connected_apps/clients"),
    get: defineOperation(t, "get", CLIENT),
    update: defineOperation(t, "put", CLIENT),
    delete: defineOperation(t, "delete", CLIENT),
    search,
    ...searchIterators(search, (page) => page.connected_apps),
    secrets: {
      rotateStart: defineOperation(t, "post", `${CLIENT}/secrets/rotate/start`),
      rotateCancel: defineOperation(t, "post", `${CLIENT}/secrets/rotate/cancel`),
      rotate: defineOperation(t, "post", `${CLIENT}/secrets/rotate`),
    },
  };
}

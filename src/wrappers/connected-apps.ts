import { defineOperation, type Transport } from "./operation.js";
import { searchIterators } from "./paginate.js";

/**
 * The Connected Apps clients API, with the official Node SDK's method names (`stytch.connectedApp.clients.*`).
 * @example
 * const { connected_app } = await stytch.connectedApp.clients.create({ client_type: "first_party" });
 */
export function connectedAppClients(t: Transport) {
  const search = defineOperation(t, "searchConnectedAppClients");
  return {
    create: defineOperation(t, "createConnectedAppClient"),
    get: defineOperation(t, "getConnectedAppClient"),
    update: defineOperation(t, "updateConnectedAppClient"),
    delete: defineOperation(t, "deleteConnectedAppClient"),
    search,
    ...searchIterators(search, (page) => page.connected_apps),
    secrets: {
      rotateStart: defineOperation(t, "startConnectedAppClientSecretRotation"),
      rotateCancel: defineOperation(t, "cancelConnectedAppClientSecretRotation"),
      rotate: defineOperation(t, "rotateConnectedAppClientSecret"),
    },
  };
}

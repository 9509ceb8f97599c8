import type { ContractCases } from "../support/contract.js";
import { CONNECTED_APP_ID } from "../support/example-ids.js";

const client_id = CONNECTED_APP_ID;
const C = "/v1/connected_apps/clients/{client_id}";

/** One typical call per Connected Apps clients operation, keyed by operationId. */
export const connectedAppCases: ContractCases = {
  createConnectedAppClient: {
    method: "post",
    path: "/v1/connected_apps/clients",
    call: (s) =>
      s.connectedApp.clients.create({
        client_type: "first_party",
        client_name: "Example Internal Dashboard",
        redirect_urls: ["https://dashboard.example.com/callback"],
      }),
  },
  getConnectedAppClient: { method: "get", path: C, call: (s) => s.connectedApp.clients.get({ client_id }) },
  updateConnectedAppClient: {
    method: "put",
    path: C,
    call: (s) => s.connectedApp.clients.update({ client_id, client_description: "Internal dashboard", logo_url: null }),
  },
  deleteConnectedAppClient: { method: "delete", path: C, call: (s) => s.connectedApp.clients.delete({ client_id }) },
  searchConnectedAppClients: {
    method: "post",
    path: "/v1/connected_apps/clients/search",
    call: (s) => s.connectedApp.clients.search({ limit: 10 }),
  },
  startConnectedAppClientSecretRotation: {
    method: "post",
    path: `${C}/secrets/rotate/start`,
    call: (s) => s.connectedApp.clients.secrets.rotateStart({ client_id }),
  },
  cancelConnectedAppClientSecretRotation: {
    method: "post",
    path: `${C}/secrets/rotate/cancel`,
    call: (s) => s.connectedApp.clients.secrets.rotateCancel({ client_id }),
  },
  rotateConnectedAppClientSecret: {
    method: "post",
    path: `${C}/secrets/rotate`,
    call: (s) => s.connectedApp.clients.secrets.rotate({ client_id }),
  },
};

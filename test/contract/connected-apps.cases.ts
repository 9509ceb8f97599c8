import type { ContractCases } from "../support/contract.js";
import { CONNECTED_APP_ID } from "../support/example-ids.js";

const client_id = CONNECTED_APP_ID;

/** One typical call per Connected Apps clients operation, keyed by operationId. */
export const connectedAppCases: ContractCases = {
  createConnectedAppClient: {
    call: (s) =>
      s.connectedApp.clients.create({
        client_type: "first_party",
        client_name: "Example Internal Dashboard",
        redirect_urls: ["https://dashboard.example.com/callback"],
      }),
  },
  getConnectedAppClient: { call: (s) => s.connectedApp.clients.get({ client_id }) },
  updateConnectedAppClient: {
    call: (s) => s.connectedApp.clients.update({ client_id, client_description: "Internal dashboard", logo_url: null }),
  },
  deleteConnectedAppClient: { call: (s) => s.connectedApp.clients.delete({ client_id }) },
  searchConnectedAppClients: {
    call: (s) => s.connectedApp.clients.search({ limit: 10 }),
  },
  startConnectedAppClientSecretRotation: {
    call: (s) => s.connectedApp.clients.secrets.rotateStart({ client_id }),
  },
  cancelConnectedAppClientSecretRotation: {
    call: (s) => s.connectedApp.clients.secrets.rotateCancel({ client_id }),
  },
  rotateConnectedAppClientSecret: {
    call: (s) => s.connectedApp.clients.secrets.rotate({ client_id }),
  },
};

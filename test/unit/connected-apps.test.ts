import { describe, expect, it } from "vitest";
import { createStytchClient, type StytchClient } from "../../src/index.js";
import { fakeFetch } from "../support/fake-fetch.js";

const C = "connected-app-test-1";
const cases: [string, (s: StytchClient) => Promise<unknown>, string, string][] = [
  [
    "create",
    (s) => s.connectedApp.clients.create({ client_type: "first_party" }),
    "POST",
    "/v1/connected_apps/clients",
  ],
  ["get", (s) => s.connectedApp.clients.get({ client_id: C }), "GET", `/v1/connected_apps/clients/${C}`],
  [
    "update",
    (s) => s.connectedApp.clients.update({ client_id: C, client_name: "App" }),
    "PUT",
    `/v1/connected_apps/clients/${C}`,
  ],
  ["delete", (s) => s.connectedApp.clients.delete({ client_id: C }), "DELETE", `/v1/connected_apps/clients/${C}`],
  ["search", (s) => s.connectedApp.clients.search({ limit: 10 }), "POST", "/v1/connected_apps/clients/search"],
  [
    "secrets.rotateStart",
    (s) => s.connectedApp.clients.secrets.rotateStart({ client_id: C }),
    "POST",
    `/v1/connected_apps/clients/${C}/secrets/rotate/start`,
  ],
  [
    "secrets.rotateCancel",
    (s) => s.connectedApp.clients.secrets.rotateCancel({ client_id: C }),
    "POST",
    `/v1/connected_apps/clients/${C}/secrets/rotate/cancel`,
  ],
  [
    "secrets.rotate",
    (s) => s.connectedApp.clients.secrets.rotate({ client_id: C }),
    "POST",
    `/v1/connected_apps/clients/${C}/secrets/rotate`,
  ],
];

describe("connectedApp.clients wrappers", () => {
  it.each(cases)("%s sends %s to the official route", async (_, call, method, path) => {
    const f = fakeFetch();
    await call(createStytchClient({ projectId: "project-test-x", secret: "s", fetch: f.fetch }));
    expect(f.seen).toHaveLength(1);
    expect(f.seen[0]!.method).toBe(method);
    expect(f.seen[0]!.url.pathname).toBe(path);
  });

  it("covers all 8 operations", () => {
    expect(cases).toHaveLength(8);
  });
});

// Our client (`createStytchClient`, on the global fetch it looks up at call time) against `stytchHandlers(fake)`
// under MSW's `setupServer`: the fake's scenarios pass with no server and no socket, on the test and live hosts and
// on a base URL of the caller's own with a path prefix.
import net from "node:net";
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createStytchClient, StytchError } from "stytch-openapi";
import { createStytchFake } from "stytch-openapi/fake";
import { STYTCH_HOSTS, stytchHandlers } from "stytch-openapi/msw";
import { clientSecretRotation, membersInTwoOrganizations, userLifecycle } from "../fake/scenarios.js";

const fake = createStytchFake({ seed: 7 });
const server = setupServer(...stytchHandlers(fake, { baseUrls: ["https://auth.example.com/stytch/"] }));
const connect = vi.spyOn(net.Socket.prototype, "connect");

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  fake.reset();
  server.resetHandlers();
});
afterAll(() => {
  server.close();
  connect.mockRestore();
});

const client = (projectId: string, baseUrl?: string) =>
  createStytchClient({ projectId, secret: "secret-test-x", baseUrl, maxRetries: 0 });

describe("our client through MSW handlers backed by the fake", () => {
  it("runs the fake's user, member and connected-app scenarios on https://test.stytch.com", async () => {
    const stytch = client("project-test-11111111-2222-3333-4444-555555555555");
    await userLifecycle(stytch);
    await membersInTwoOrganizations(stytch);
    await clientSecretRotation(stytch);
  });

  it("answers on https://api.stytch.com (a live project id) from the same fake", async () => {
    const live = client("project-live-11111111-2222-3333-4444-555555555555");
    const { user_id } = await live.users.create({ email: "ada@example.com" });
    expect(fake.snapshot().users.map((u) => u.user_id)).toEqual([user_id]);
  });

  it("answers on a base URL with a path prefix, which is taken off before the fake routes", async () => {
    const proxied = client("project-test-x", "https://auth.example.com/stytch");
    const { user_id } = await proxied.users.create({ email: "ada@example.com" });
    expect((await proxied.users.get({ user_id })).user_id).toBe(user_id);
  });

  it("keeps the fake's status, JSON body and content-type: a 404 is our StytchError", async () => {
    const response = await fetch(`${STYTCH_HOSTS[0]}/v1/users/user-test-missing`);
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(await response.json()).toMatchObject({ status_code: 404, error_type: "user_not_found" });

    const error = await client("project-test-x")
      .users.get({ user_id: "user-test-missing" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StytchError);
    expect(error).toMatchObject({ status_code: 404, error_type: "user_not_found" });
  });

  it("gives a path the API does not have the fake's 404 route_not_found (the request never leaves)", async () => {
    const response = await fetch(`${STYTCH_HOSTS[1]}/v1/no-such-thing`, { method: "POST", body: "{}" });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error_type: "route_not_found" });
  });

  it("lets a test put its own handler in front (server.use) to force an answer", async () => {
    server.use(
      http.get(`${STYTCH_HOSTS[0]}/v1/users/:id`, () =>
        HttpResponse.json({ status_code: 503, error_type: "unavailable" }, { status: 503 }),
      ),
    );
    const error = await client("project-test-x")
      .users.get({ user_id: "user-test-1" })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status_code: 503 });
  });

  it("refuses base URLs that are not plain http(s) URLs", () => {
    expect(() => stytchHandlers(fake, { baseUrls: ["ftp://example.com"] })).toThrow(/http\(s\) URLs/);
    expect(() => stytchHandlers(fake, { baseUrls: ["https://example.com/?a=1"] })).toThrow(/http\(s\) URLs/);
  });

  it("opened no socket: every request above was answered in-process", () => {
    expect(connect).not.toHaveBeenCalled();
  });
});

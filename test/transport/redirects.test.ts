// Redirects are never followed: Stytch's API does not redirect, and following one sends the member session header
// (undici drops only Authorization on a cross-origin redirect) and, for 307/308, the body to another origin.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStytchClient, StytchRedirectError, type ResponseEvent } from "../../src/index.js";

const SECRET = "secret-test-redirect-9f8e7d";
const SESSION = "session-token-must-stay-home-3c2b1a";
const ORG = "organization-test-00000000-0000-4000-8000-000000000001";

interface Listening {
  server: Server;
  url: string;
  /** Connections accepted and bytes received, whatever they held. */
  connections: number;
  bytes: number;
}

async function listen(handler: Parameters<typeof createServer>[1]): Promise<Listening> {
  const server = createServer(handler);
  const state: Listening = { server, url: "", connections: 0, bytes: 0 };
  server.on("connection", (socket) => {
    state.connections += 1;
    socket.on("data", (chunk: Buffer) => (state.bytes += chunk.length));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}

const close = (l: Listening) =>
  new Promise<void>((resolve) => {
    l.server.closeAllConnections();
    l.server.close(() => resolve());
  });

let other: Listening;
let api: Listening;
let status = 307;
let location = "";
let requests = 0;

beforeAll(async () => {
  other = await listen((_req, res) => res.end("{}"));
  api = await listen((req, res) => {
    requests += 1;
    req.resume();
    req.on("end", () => {
      res.writeHead(status, { location, "content-type": "text/plain" });
      res.end("moved");
    });
  });
});
afterAll(async () => {
  await close(api);
  await close(other);
});

describe("a 3xx answer", () => {
  it.each([301, 302, 303, 307, 308])(
    "%i to another origin: a StytchRedirectError naming the status and that origin; the other origin receives nothing",
    async (code) => {
      status = code;
      location = `${other.url}/v1/b2b/organizations/${ORG}/members?from=redirect`;
      requests = 0;
      const events: ResponseEvent[] = [];
      const stytch = createStytchClient({
        projectId: "project-test-redirect",
        secret: SECRET,
        baseUrl: api.url,
        onResponse: (event) => events.push(event),
      });
      const call = stytch.organizations.members.create(
        { organization_id: ORG, email_address: "ada@example.com" },
        { authorization: { session_token: SESSION } },
      );
      const error = await call.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StytchRedirectError);
      expect(error).toMatchObject({ status: code, location: other.url, attempts: 1 });
      expect((error as Error).message).toContain(String(code));
      expect((error as Error).message).toContain(other.url);
      expect(JSON.stringify(error) + (error as Error).message).not.toContain(SESSION);
      // Nothing at all reached the other origin: no connection, so no header and no body.
      expect(other.connections).toBe(0);
      expect(other.bytes).toBe(0);
      // Not retried, and reported once.
      expect(requests).toBe(1);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ status: code, retry: false, error: expect.any(StytchRedirectError) });
    },
  );

  it("a safe GET is not retried after a redirect either, and a relative Location names the API's own origin", async () => {
    status = 302;
    location = "/elsewhere";
    requests = 0;
    const stytch = createStytchClient({
      projectId: "project-test-redirect",
      secret: SECRET,
      baseUrl: api.url,
      maxRetries: 3,
    });
    await expect(stytch.users.get({ user_id: "user-test-1" })).rejects.toMatchObject({
      name: "StytchRedirectError",
      status: 302,
      location: api.url,
    });
    expect(requests).toBe(1);
    expect(other.connections).toBe(0);
  });
});

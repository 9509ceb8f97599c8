import { createServer, type Server } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { AUTH } from "../emulator/support.js";
import { startProxy } from "./support.js";

/** A target speaking raw HTTP/1.1: it answers every request with `head` (and closes), whatever was asked. */
async function rawTarget(head: string): Promise<string> {
  const server: Server = createServer((socket) => {
    socket.on("error", () => undefined);
    socket.once("data", () => socket.end(head));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  afterAll(() => new Promise<void>((r) => server.close(() => r())));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}

describe("a target answering a status that is not a final HTTP status", async () => {
  const below100 = await startProxy(await rawTarget("HTTP/1.1 099 Weird\r\ncontent-length: 2\r\n\r\n{}"), {
    timeoutMs: 2_000,
  });
  const upgrade = await startProxy(
    await rawTarget("HTTP/1.1 101 Switching Protocols\r\nupgrade: websocket\r\nconnection: upgrade\r\n\r\n"),
    { timeoutMs: 2_000 },
  );
  const bare101 = await startProxy(await rawTarget("HTTP/1.1 101 Switching Protocols\r\n\r\n"), { timeoutMs: 2_000 });

  it("gets the client a 502 in the API's error object, and the proxy stays up", { timeout: 15_000 }, async () => {
    for (const proxy of [below100, upgrade, bare101]) {
      for (let i = 0; i < 2; i++) {
        const answer = await fetch(`${proxy.url}/v1/users/user-test-1`, {
          headers: { authorization: AUTH },
          signal: AbortSignal.timeout(4_000),
        });
        expect(answer.status).toBe(502);
        expect(await answer.json()).toMatchObject({
          status_code: 502,
          error_type: "upstream_invalid",
          error_message: expect.any(String),
        });
      }
    }
  });
});

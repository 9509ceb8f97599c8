// The control for the "no socket" assertions of test/msw/: the same spy sees the socket that Node's fetch opens when
// nothing intercepts it (to a server on this machine's loopback), so its silence under MSW means something.
import { createServer } from "node:http";
import net from "node:net";
import { once } from "node:events";
import { afterAll, expect, it, vi } from "vitest";

it("a spy on net.Socket.prototype.connect sees fetch's socket when no MSW server is listening", async () => {
  const server = createServer((_req, res) => res.end("{}")).listen(0, "127.0.0.1");
  afterAll(() => void server.close());
  await once(server, "listening");
  const { port } = server.address() as net.AddressInfo;
  const connect = vi.spyOn(net.Socket.prototype, "connect");
  try {
    const response = await fetch(`http://127.0.0.1:${port}/`, { headers: { connection: "close" } });
    await response.text();
    expect(connect).toHaveBeenCalled();
  } finally {
    connect.mockRestore();
  }
});

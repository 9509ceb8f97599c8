// The bench's HTTP server, run in its own process so that its work does not share the client's event loop:
// answers every request with canned JSON (a user, or a 100-user search page) and prints its port on stdout.
import { createServer } from "node:http";
import { bodyFor } from "./lib/bodies.mjs";

const server = createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    res.writeHead(200, { "content-type": "application/json", "x-request-id": "r" });
    res.end(bodyFor(req.url));
  });
});
server.listen(0, "127.0.0.1", () => {
  const { port } = /** @type {import("node:net").AddressInfo} */ (server.address());
  process.stdout.write(`${port}\n`);
});
process.on("disconnect", () => process.exit(0));
process.stdin.on("end", () => process.exit(0)).resume();

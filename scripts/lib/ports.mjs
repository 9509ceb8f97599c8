// Ports: read from a flag (--name 1234 or --name=1234), then an environment variable, then a default; check that one
// is free; or ask the OS for a free one (the scripts' private ports and the tests').
import { createServer } from "node:net";

/**
 * The port given by `flag`, else by the environment variable `envName`, else `fallback`; throws on anything that is
 * not a port number.
 * @example const port = portOption("--mock-port", "MOCK_PORT", 4010);
 * @param {string} flag
 * @param {string} envName
 * @param {number} fallback
 * @param {string[]} [argv]
 * @returns {number}
 */
export function portOption(flag, envName, fallback, argv = process.argv.slice(2)) {
  let raw = process.env[envName];
  for (const [i, arg] of argv.entries()) {
    if (arg === flag) raw = argv[i + 1];
    else if (arg.startsWith(`${flag}=`)) raw = arg.slice(flag.length + 1);
  }
  if (raw === undefined || raw === "") return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`${flag} / ${envName} must be a port number (1-65535), got ${JSON.stringify(raw)}`);
  }
  return port;
}

/**
 * Rejects with a clear message when something already listens on host:port (e.g. a mock from another terminal).
 * @example await ensurePortFree(4010, "another mock running? Use MOCK_PORT or --port");
 * @param {number} port
 * @param {string} hint  what to do about it, appended to the message
 * @param {string} [host]
 * @returns {Promise<void>}
 */
export async function ensurePortFree(port, hint, host = "127.0.0.1") {
  await new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", (/** @type {NodeJS.ErrnoException} */ error) =>
      reject(new Error(`Port ${port} is not free (${error.code ?? error.message}): ${hint}`)),
    );
    probe.listen(port, host, () => probe.close(resolve));
  });
}

/**
 * A free TCP port on `host`, from the OS (listen on port 0, note the port, close).
 * @example const prism = spawnPrism({ spec, port: await freePort() });
 * @param {string} [host]
 * @returns {Promise<number>}
 */
export function freePort(host = "127.0.0.1") {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, host, () => {
      const { port } = /** @type {import("node:net").AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

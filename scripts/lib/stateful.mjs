// The stateful mock (`--stateful`): the in-memory fake of src/fake/ on a private loopback port, behind
// `prism proxy --errors` on the public one, so that every request and every answer is validated against the spec.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, request as httpRequest } from "node:http";
import { createServer as createNetServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { spawnPrism } from "./prism.mjs";
import { root } from "./run.mjs";

/** Compiles src/fake/ (TypeScript) for this Node process and imports it: `{ createStytchFake, serveFake }`. */
export async function loadFake() {
  const dir = mkdtempSync(join(tmpdir(), "stytch-openapi-fake-"));
  try {
    const outfile = join(dir, "fake.mjs");
    await build({
      entryPoints: [join(root, "scripts/lib/stateful-entry.ts")],
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20",
      outfile,
      logLevel: "error",
    });
    return await import(pathToFileURL(outfile).href);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Reads `--data FILE` (JSON: `{ users, organizations, members, clients, grants }`), or undefined without it. */
export function dataOption(argv = process.argv) {
  const i = argv.indexOf("--data");
  if (i === -1) return undefined;
  const file = argv[i + 1];
  if (!file || file.startsWith("--")) throw new Error("--data needs a JSON file");
  return JSON.parse(readFileSync(file, "utf8"));
}

/**
 * Starts the fake (private port), Prism proxying to it with `--errors` (private port) and, on the public `port`, a
 * small front that answers the fake's controls (`/__fake/…`, which Prism would refuse as outside the spec) and
 * passes everything else to Prism untouched. `ready` resolves once all listen; `stop()` stops all three.
 */
export async function startStateful({ spec, port, host = "127.0.0.1", data, seed, quiet = false }) {
  const { createStytchFake, serveFake } = await loadFake();
  const fake = createStytchFake({ data, seed });
  const upstream = await serveFake(fake, { host });
  const prismPort = await freePort(host);
  const prism = spawnPrism({ spec, host, port: prismPort, quiet, upstream: upstream.url });
  const front = createServer((req, res) => {
    const target = req.url?.startsWith("/__fake/") ? new URL(upstream.url) : new URL(prism.url);
    const forward = httpRequest(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.once("error", (error) => {
      if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain" });
      res.end(`stateful mock: ${error.message}`);
    });
    req.pipe(forward);
  });
  const listening = new Promise((resolve, reject) => {
    front.once("error", reject);
    front.listen(port, host, resolve);
  });
  const closeFront = () =>
    new Promise((resolve) => {
      front.closeAllConnections();
      front.close(() => resolve());
    });
  const stop = async () => {
    await prism.stop();
    await closeFront().catch(() => undefined);
    await upstream.close();
  };
  const ready = Promise.all([prism.ready, listening]).then(
    () => undefined,
    async (error) => {
      await stop();
      throw error;
    },
  );
  return { url: `http://${host}:${port}`, upstreamUrl: upstream.url, fake, ready, stop, exited: prism.exited };
}

/** A free TCP port on `host`, from the OS. */
function freePort(host) {
  return new Promise((resolve, reject) => {
    const server = createNetServer();
    server.once("error", reject);
    server.listen(0, host, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

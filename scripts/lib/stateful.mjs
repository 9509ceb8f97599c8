// The emulator judged by Prism (`npm run mock -- --stateful`, and the test suite's shared stateful mock): the
// emulator of src/emulator/ on a private loopback port, behind `prism proxy --errors` on the public one, so that
// every request and every answer is also validated by Prism, independently of the emulator's own validator.
import { readFileSync } from "node:fs";
import { createServer, request as httpRequest } from "node:http";
import { loadEmulator, SOURCE_SPEC } from "./emulator.mjs";
import { freePort } from "./ports.mjs";
import { spawnPrism } from "./prism.mjs";

/** @import { FakeData, StytchFake } from "../../src/fake/index.js" */
/** @import { Exit } from "./prism.mjs" */

/**
 * The running stateful mock: its public URL, the emulator's own (the controls) and its fake.
 * @typedef {object} RunningStateful
 * @property {string} url
 * @property {string} upstreamUrl
 * @property {StytchFake} fake
 * @property {Promise<void>} ready  resolves once all three listen; on failure, stops what started and rejects
 * @property {Promise<Exit>} exited  Prism's end
 * @property {() => Promise<void>} stop
 */

/**
 * Reads `--data FILE` (JSON: `{ users, organizations, members, clients, grants }`), or undefined without it.
 * @example const data = dataOption(); // from process.argv
 * @param {string[]} [argv]
 * @returns {FakeData | undefined}
 */
export function dataOption(argv = process.argv) {
  const i = argv.indexOf("--data");
  if (i === -1) return undefined;
  const file = argv[i + 1];
  if (!file || file.startsWith("--")) throw new Error("--data needs a JSON file");
  return JSON.parse(readFileSync(file, "utf8"));
}

/**
 * Starts the emulator (private port, any credentials), Prism proxying to it with `--errors` (private port) and, on
 * the public `port`, a small front that sends the emulator's controls (`/__fake/…`, which Prism would refuse as
 * outside the spec) to the emulator and everything else to Prism untouched. `ready` resolves once all listen; `stop()` stops all three.
 * @example const mock = await startStateful({ spec: BUNDLED_SPEC, port: 4010 }); await mock.ready;
 * @param {object} options
 * @param {string} options.spec  the bundled spec Prism validates against
 * @param {number} options.port  the public port
 * @param {string} [options.host]
 * @param {FakeData} [options.data]  the starting records
 * @param {number} [options.seed]  for the fake's ids
 * @param {boolean} [options.quiet]
 * @returns {Promise<RunningStateful>}
 */
export async function startStateful({ spec, port, host = "127.0.0.1", data, seed, quiet = false }) {
  const { serveEmulator, loadBundledSpec } = await loadEmulator();
  const upstream = await serveEmulator({ spec: loadBundledSpec(SOURCE_SPEC), host, data, seed });
  const fake = upstream.fake;
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
    front.listen(port, host, () => resolve(undefined));
  });
  const closeFront = () =>
    /** @type {Promise<void>} */ (
      new Promise((resolve) => {
        front.closeAllConnections();
        front.close(() => resolve());
      })
    );
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

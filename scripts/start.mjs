// `npm start`: the Stytch emulator on http://127.0.0.1:4010 (src/emulator, compiled on the fly: no bundling, no
// Prism) and the offline docs on http://127.0.0.1:4011, built while the emulator already answers. Ctrl-C or SIGTERM
// stops both (`exec` in package.json, so that a signal to the npm process reaches this one).
//   --mock-port / MOCK_PORT, --docs-port / DOCS_PORT   the ports
//   --data FILE, --save FILE, --seed N, --quiet, --log json, --project-id ID, --secret S   as `stytch-openapi serve`
//   --no-docs       the emulator alone
//   --examples      Prism's example mock of dist/openapi.yaml instead of the emulator (the `Prefer` headers);
//                   bundles the spec first unless --no-bundle
import { dirname, relative } from "node:path";
import { buildDocs, DOCS_FILE } from "./docs.mjs";
import { banner } from "./lib/banner.mjs";
import { BUNDLED_SPEC, bundleSpec } from "./lib/bundle.mjs";
import { loadEmulator, SOURCE_SPEC } from "./lib/emulator.mjs";
import { ensurePortFree, portOption } from "./lib/ports.mjs";
import { spawnPrism } from "./lib/prism.mjs";
import { serveStatic } from "./lib/static-server.mjs";

const argv = process.argv.slice(2);
const flag = (/** @type {string} */ name) => argv.includes(name);
const value = (/** @type {string} */ name) => {
  const i = argv.indexOf(name);
  if (i === -1) return undefined;
  const v = argv[i + 1];
  if (v === undefined || v.startsWith("--")) throw new Error(`${name} needs a value`);
  return v;
};

const controller = new AbortController();
/** @type {(() => unknown)[]} */
const cleanups = [];
let stopping = false;
/** @param {number} code */
async function stop(code) {
  if (stopping) return;
  stopping = true;
  controller.abort();
  for (const cleanup of cleanups.reverse())
    await Promise.resolve(cleanup()).catch((e) => console.error(`while stopping: ${e.message}`));
  process.exit(code);
}
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => void stop(0));

async function main() {
  const mockPort = portOption("--mock-port", "MOCK_PORT", portOption("--port", "MOCK_PORT", 4010));
  const docsPort = portOption("--docs-port", "DOCS_PORT", 4011);
  const withDocs = !flag("--no-docs");
  await ensurePortFree(mockPort, "another emulator or mock running? Use MOCK_PORT or --mock-port");
  if (withDocs) await ensurePortFree(docsPort, "use DOCS_PORT or --docs-port");

  if (flag("--examples")) return examples(mockPort, withDocs ? docsPort : undefined);

  const { serveCommand } = await loadEmulator();
  const served = serveCommand(
    {
      port: mockPort,
      host: "127.0.0.1",
      projectId: value("--project-id"),
      secret: value("--secret"),
      data: value("--data"),
      save: value("--save"),
      seed: value("--seed") === undefined ? undefined : Number(value("--seed")),
      quiet: flag("--quiet"),
      log: value("--log") === "json" ? "json" : "text",
      specFile: SOURCE_SPEC,
    },
    { stdout: process.stdout, stderr: process.stderr, env: process.env, signal: controller.signal, argv },
  );
  // serveCommand resolves when the signal aborts (after saving and closing) or rejects on a bad option.
  cleanups.push(() => served.catch(() => undefined));
  served.then(
    () => undefined,
    (/** @type {Error} */ error) => {
      console.error(`stytch emulator: ${error.message}`);
      void stop(2);
    },
  );
  if (withDocs) await docs(docsPort, `http://127.0.0.1:${mockPort}`, SOURCE_SPEC);
}

/**
 * Builds the docs page and serves it on `port`.
 * @param {number} port
 * @param {string} mockUrl  what the page's samples call
 * @param {string} spec
 */
async function docs(port, mockUrl, spec) {
  const built = await buildDocs({ spec, mockUrl, signal: controller.signal });
  const server = await serveStatic(dirname(DOCS_FILE), { port }).catch((error) => {
    throw new Error(`Cannot serve the docs on port ${port}: ${error.message} (use DOCS_PORT or --docs-port)`);
  });
  cleanups.push(server.close);
  const size = `${(built.bytes / 1024 / 1024).toFixed(1)} MB`;
  console.log(
    `API docs         ${server.url}/   (${relative(process.cwd(), DOCS_FILE)}: ${built.operations} operations, ${size}, works offline)`,
  );
}

/**
 * `--examples`: Prism's example mock on `mockPort`, and the docs on `docsPort` unless it is undefined.
 * @param {number} mockPort
 * @param {number | undefined} docsPort
 */
async function examples(mockPort, docsPort) {
  if (!flag("--no-bundle")) console.log("Bundling openapi/openapi.yaml -> dist/openapi.yaml …");
  const spec = flag("--no-bundle") ? BUNDLED_SPEC : await bundleSpec();
  const prism = spawnPrism({ spec, port: mockPort });
  cleanups.push(prism.stop);
  let docsUrl;
  if (docsPort !== undefined) {
    const built = await buildDocs({ spec, mockUrl: `http://127.0.0.1:${mockPort}`, signal: controller.signal });
    const server = await serveStatic(dirname(DOCS_FILE), { port: docsPort });
    cleanups.push(server.close);
    docsUrl = server.url;
    console.log(`  ${relative(process.cwd(), DOCS_FILE)}: ${built.operations} operations`);
  }
  await prism.ready;
  console.log(banner({ mockUrl: prism.url, docsUrl }));
  const { code, signal } = await prism.exited;
  if (!stopping) {
    console.error(`Prism stopped unexpectedly (${signal ?? `exit code ${code}`}).`);
    await stop(1);
  }
}

main().catch((error) => {
  if (stopping) return;
  console.error(error.message ?? error);
  void stop(1);
});

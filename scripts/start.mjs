// `npm start`: everything a frontend developer needs, in one command. Bundles the spec, builds the offline docs,
// serves the Prism mock on http://127.0.0.1:4010 and the docs on http://127.0.0.1:4011 (ports: --mock-port /
// --docs-port or MOCK_PORT / DOCS_PORT), prints both URLs, and on Ctrl-C or SIGTERM stops all it started.
// --no-bundle serves the existing dist/openapi.yaml instead (the tests use it, so as not to rewrite a file other
// tests are reading). --stateful serves the in-memory fake behind `prism proxy --errors` (optionally loaded from
// --data FILE) instead of the example mock.
import { dirname, relative } from "node:path";
import { buildDocs, DOCS_FILE } from "./docs.mjs";
import { banner } from "./lib/banner.mjs";
import { BUNDLED_SPEC, bundleSpec } from "./lib/bundle.mjs";
import { ensurePortFree, portOption } from "./lib/ports.mjs";
import { spawnPrism } from "./lib/prism.mjs";
import { onShutdown, runUntilStopped } from "./lib/shutdown.mjs";
import { dataOption, startStateful } from "./lib/stateful.mjs";
import { serveStatic } from "./lib/static-server.mjs";

async function main() {
  const mockPort = portOption("--mock-port", "MOCK_PORT", 4010);
  const docsPort = portOption("--docs-port", "DOCS_PORT", 4011);

  const stateful = process.argv.includes("--stateful");
  const data = dataOption();
  if (data && !stateful) throw new Error("--data needs --stateful");
  await ensurePortFree(mockPort, "another mock running? Use MOCK_PORT or --mock-port");
  await ensurePortFree(docsPort, "use DOCS_PORT or --docs-port");
  const reuse = process.argv.includes("--no-bundle");
  if (!reuse) console.log("Bundling openapi/openapi.yaml -> dist/openapi.yaml …");
  const spec = reuse ? BUNDLED_SPEC : await bundleSpec();
  console.log("Building the docs …");
  const docs = await buildDocs({ spec, mockUrl: `http://127.0.0.1:${mockPort}` });
  const size = `${(docs.bytes / 1024 / 1024).toFixed(1)} MB`;
  console.log(`  ${relative(process.cwd(), DOCS_FILE)}: ${docs.operations} operations, ${size}, works offline`);

  const server = await serveStatic(dirname(DOCS_FILE), { port: docsPort }).catch((error) => {
    throw new Error(`Cannot serve the docs on port ${docsPort}: ${error.message} (use DOCS_PORT or --docs-port)`);
  });
  onShutdown(server.close);
  console.log(`Starting ${stateful ? "the stateful mock (fake + Prism proxy)" : "Prism"} on port ${mockPort} …`);
  const prism = stateful ? await startStateful({ spec, port: mockPort, data }) : spawnPrism({ spec, port: mockPort });
  onShutdown(prism.stop);
  await prism.ready;

  console.log(banner({ mockUrl: prism.url, docsUrl: server.url, stateful }));
  return prism;
}

runUntilStopped(main);

// `npm run mock`: bundles the spec and serves only the Prism mock, on http://127.0.0.1:4010
// (port: --port / --mock-port or MOCK_PORT). Ctrl-C or SIGTERM stops Prism's whole process group.
import { banner } from "./lib/banner.mjs";
import { bundleSpec } from "./lib/bundle.mjs";
import { ensurePortFree, portOption } from "./lib/ports.mjs";
import { spawnPrism } from "./lib/prism.mjs";
import { onShutdown, runUntilStopped } from "./lib/shutdown.mjs";

async function main() {
  const port = portOption("--port", "MOCK_PORT", portOption("--mock-port", "MOCK_PORT", 4010));
  await ensurePortFree(port, "another mock running? Use MOCK_PORT or --port");
  console.log("Bundling openapi/openapi.yaml -> dist/openapi.yaml …");
  const spec = await bundleSpec();
  console.log(`Starting Prism on port ${port} …`);
  const prism = spawnPrism({ spec, port });
  onShutdown(prism.stop);
  await prism.ready;
  console.log(banner({ mockUrl: prism.url }));
  return prism;
}

runUntilStopped(main);

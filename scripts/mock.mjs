// `npm run mock`: bundles the spec and serves only the Prism mock, on http://127.0.0.1:4010
// (port: --port / --mock-port or MOCK_PORT). Ctrl-C or SIGTERM stops Prism's whole process group.
// --stateful serves the in-memory fake (src/fake/) behind `prism proxy --errors` instead, optionally loaded from
// --data FILE; see scripts/lib/stateful.mjs. --no-bundle serves the existing dist/openapi.yaml (as in start.mjs).
import { banner } from "./lib/banner.mjs";
import { BUNDLED_SPEC, bundleSpec } from "./lib/bundle.mjs";
import { ensurePortFree, portOption } from "./lib/ports.mjs";
import { spawnPrism } from "./lib/prism.mjs";
import { onShutdown, runUntilStopped } from "./lib/shutdown.mjs";
import { dataOption, startStateful } from "./lib/stateful.mjs";

async function main() {
  const port = portOption("--port", "MOCK_PORT", portOption("--mock-port", "MOCK_PORT", 4010));
  await ensurePortFree(port, "another mock running? Use MOCK_PORT or --port");
  const reuse = process.argv.includes("--no-bundle");
  if (!reuse) console.log("Bundling openapi/openapi.yaml -> dist/openapi.yaml …");
  const spec = reuse ? BUNDLED_SPEC : await bundleSpec();
  const stateful = process.argv.includes("--stateful");
  const data = dataOption();
  if (data && !stateful) throw new Error("--data needs --stateful");
  console.log(`Starting ${stateful ? "the stateful mock (fake + Prism proxy)" : "Prism"} on port ${port} …`);
  const prism = stateful ? await startStateful({ spec, port, data }) : spawnPrism({ spec, port });
  onShutdown(prism.stop);
  await prism.ready;
  console.log(banner({ mockUrl: prism.url, stateful }));
  return prism;
}

runUntilStopped(main);

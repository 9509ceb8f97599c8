// `npm run build` (also run by `prepack`): writes the publishable package into dist/
//   - openapi.yaml: the bundled spec, the very file Prism serves (`npm run bundle`), and openapi.json, the same
//     document as JSON, for generators that want JSON;
//   - index.js / index.cjs with index.d.ts / index.d.cts and source maps: the client, and fake.* the same for
//     `stytch-openapi/fake` (the in-memory fake), built by tsdown
//     (tsdown.config.ts).
// dist/docs (from `npm run docs`) is left alone; earlier build outputs are removed first so nothing stale ships.
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { parse } from "yaml";
import { bundleSpec } from "./lib/bundle.mjs";
import { root, runBin } from "./lib/run.mjs";

const dist = `${root}dist/`;
for (const name of safeList(dist)) {
  if (/\.(c?js|d\.c?ts|map|json)$/.test(name)) rmSync(`${dist}${name}`);
}

const yamlPath = await bundleSpec();
const spec = parse(readFileSync(yamlPath, "utf8"));
writeFileSync(`${dist}openapi.json`, `${JSON.stringify(spec)}\n`); // minified: the tarball's size budget

await runBin("tsdown", ["--config", "tsdown.config.ts", "--log-level", "warn"]);
console.log(
  `built ${safeList(dist)
    .filter((n) => !n.startsWith("docs"))
    .join(", ")} in dist/`,
);

/**
 * The names in `dir`, or none when it does not exist yet.
 * @param {string} dir
 */
function safeList(dir) {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

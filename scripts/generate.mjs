// `npm run generate`: bundles openapi/ into dist/openapi.yaml and writes src/generated/stytch.ts from it, in one
// Node process (it used to be two CLIs, `redocly bundle` then `openapi-typescript`, each starting Node and
// loading Redocly: ~5 s). The output is byte for byte what those CLIs wrote (test/scripts/generate.test.ts).
// It also writes src/generated/openapi.json, the same bundle as JSON: what the emulator (src/emulator/) validates
// against when it runs from source, with no bundling at start (the package ships it as dist/openapi.json).
// And src/generated/operations.ts, the operation table (scripts/lib/operation-table.mjs): what the client, the fake,
// the tools and the tests read instead of writing an API path by hand.
// `npm run check:generated` (`--check`): writes nothing and exits 1 when src/generated/ is stale.
// `--types FILE` / `--json FILE` check or write those files instead, `--bundle FILE` writes the bundle there (tests).
// Linting is `npm run lint`'s job (`npm test` runs it first); openapi-typescript's own lint pass is skipped.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { bundle, createConfig, loadConfig, stringifyYaml } from "@redocly/openapi-core";
import openapiTS, { astToString, COMMENT_HEADER } from "openapi-typescript";
import { operationTable } from "./lib/operation-table.mjs";

const ROOT = new URL("../", import.meta.url);
const SPEC = new URL("openapi/openapi.yaml", ROOT);
/** @type {(name: string, fallback: URL) => URL} */
const option = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i === -1 ? fallback : new URL(String(process.argv[i + 1]), `file://${process.cwd()}/`);
};
const BUNDLE = option("--bundle", new URL("dist/openapi.yaml", ROOT));
const TYPES = option("--types", new URL("src/generated/stytch.ts", ROOT));
const JSON_SPEC = option("--json", new URL("src/generated/openapi.json", ROOT));
const TABLE = option("--operations", new URL("src/generated/operations.ts", ROOT));
const check = process.argv.includes("--check");

// The key order of the root object in Redocly CLI 2's bundles (openapi-core 1.x keeps the source order instead).
const ROOT_ORDER = [
  "openapi",
  "info",
  "jsonSchemaDialect",
  "servers",
  "security",
  "tags",
  "externalDocs",
  "paths",
  "webhooks",
  "components",
];

const config = await loadConfig({ configPath: new URL("redocly.yaml", ROOT).pathname });
const { bundle: document, problems } = await bundle({ ref: SPEC.pathname, config, dereference: false });
const errors = problems.filter((p) => p.severity === "error");
if (errors.length > 0) {
  for (const p of errors) console.error(`${p.message} at ${p.location?.[0]?.pointer ?? "?"}`);
  process.exit(1);
}
const spec = document.parsed;
const types = `${COMMENT_HEADER}${astToString(
  // Already bundled and linted elsewhere, so no rules here: openapi-typescript would otherwise lint it again.
  await openapiTS(spec, {
    defaultNonNullable: false,
    excludeDeprecated: true,
    redocly: await createConfig({ extends: [], rules: {} }),
    silent: true,
  }),
)}`;

const ordered = Object.fromEntries([
  ...ROOT_ORDER.filter((key) => key in spec).map((key) => [key, spec[key]]),
  ...Object.entries(spec).filter(([key]) => !ROOT_ORDER.includes(key)),
]);
const json = `${JSON.stringify(ordered, null, 1)}\n`;
const table = operationTable(spec);

if (check) {
  for (const [file, text] of /** @type {[URL, string][]} */ ([
    [TYPES, types],
    [JSON_SPEC, json],
    [TABLE, table],
  ])) {
    if (readSafe(file) !== text) {
      console.error(
        `${file.pathname} is not up to date with openapi/: run \`npm run generate\` and commit the result.`,
      );
      process.exit(1);
    }
  }
  console.log(`${TYPES.pathname}, ${JSON_SPEC.pathname} and ${TABLE.pathname} are up to date.`);
} else {
  mkdirSync(new URL(".", BUNDLE), { recursive: true });
  writeFileSync(BUNDLE, stringifyYaml(ordered, { noRefs: true, lineWidth: -1 }));
  writeFileSync(TYPES, types);
  writeFileSync(JSON_SPEC, json);
  writeFileSync(TABLE, table);
  console.log(`${BUNDLE.pathname}, ${TYPES.pathname}, ${JSON_SPEC.pathname} and ${TABLE.pathname} written.`);
}

/** @param {URL} file */
function readSafe(file) {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

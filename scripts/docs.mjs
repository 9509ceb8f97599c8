// `npm run docs`: bundles the spec, adds a TypeScript (our client) and a curl sample to every operation, and
// builds ONE self-contained, offline HTML page with Redocly: dist/docs/index.html.
//   node scripts/docs.mjs [--no-bundle] [--out file.html] [--mock-url http://127.0.0.1:4010]
//   node scripts/docs.mjs --examples-md     prints the README's list of mock examples (markdown) instead
//   node scripts/docs.mjs --update-readme   writes that list into README.md, between the mock-and-docs markers
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parse, stringify } from "yaml";
import { BUNDLED_SPEC, bundleSpec } from "./lib/bundle.mjs";
import { codeSamples, LANGUAGES } from "./lib/code-samples.mjs";
import { examplesMarkdown } from "./lib/examples-md.mjs";
import { makeOffline } from "./lib/offline-html.mjs";
import { clientCalls } from "./lib/operation-table.mjs";
import { portOption } from "./lib/ports.mjs";
import { updateReadme } from "./lib/readme.mjs";
import { root, runBin } from "./lib/run.mjs";
import { loadSpec, operations } from "./lib/spec.mjs";

/**
 * Where `npm run docs` writes the page.
 * @example await serveStatic(dirname(DOCS_FILE), { port: 4011 });
 */
export const DOCS_FILE = join(root, "dist/docs/index.html");

/**
 * Builds the docs page from an already bundled spec; resolves with the page's path, size and operation count.
 * @example const { file, operations } = await buildDocs({ spec: BUNDLED_SPEC, mockUrl: "http://127.0.0.1:4010" });
 * @param {{ spec?: string, out?: string, mockUrl?: string, signal?: AbortSignal }} [options]
 * @returns {Promise<{ file: string, bytes: number, operations: number, withoutSample: string[] }>}
 */
export async function buildDocs({
  spec = BUNDLED_SPEC,
  out = DOCS_FILE,
  mockUrl = "http://127.0.0.1:4010",
  signal,
} = {}) {
  const document = await loadSpec(spec);
  const methods = clientCalls(document);
  const ops = operations(document);
  for (const operation of ops) {
    const method = methods.get(`${operation.method} ${operation.path}`);
    operation.op["x-codeSamples"] = codeSamples(document, operation, method, mockUrl);
  }
  const work = await mkdtemp(join(tmpdir(), "stytch-docs-"));
  try {
    const withSamples = join(work, "openapi.json");
    const html = join(work, "index.html");
    const config = join(work, "redocly.yaml");
    await writeFile(withSamples, JSON.stringify(document));
    await writeFile(config, await docsConfig());
    // --inlineBundle: Redoc's code goes into the page instead of being loaded from the Redocly CDN.
    await runBin(
      "redocly",
      ["build-docs", withSamples, "--config", config, "--lint-config", "off", "--inlineBundle", "-o", html],
      { signal },
    );
    await mkdir(dirname(out), { recursive: true });
    await writeFile(out, makeOffline(await readFile(html, "utf8")));
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  const withoutSample = ops.filter((o) => !methods.has(`${o.method} ${o.path}`)).map((o) => o.operationId);
  return { file: out, bytes: (await stat(out)).size, operations: ops.length, withoutSample };
}

/** The project's redocly.yaml `openapi:` (Redoc) options, plus the language picker for our code samples. */
async function docsConfig() {
  const project = parse(await readFile(join(root, "redocly.yaml"), "utf8")) ?? {};
  return stringify({ openapi: { ...project.openapi, codeSamples: { languages: LANGUAGES } } });
}

/** @param {string[]} argv */
async function main(argv) {
  const flag = (/** @type {string} */ name) => argv.includes(name);
  const value = (/** @type {string} */ name) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const mockUrl = value("--mock-url") ?? `http://127.0.0.1:${portOption("--mock-port", "MOCK_PORT", 4010, argv)}`;
  const spec = flag("--no-bundle") ? BUNDLED_SPEC : await bundleSpec();
  if (flag("--examples-md") || flag("--update-readme")) {
    const document = await loadSpec(spec);
    const markdown = examplesMarkdown(document, operations(document), clientCalls(document), mockUrl);
    if (flag("--update-readme")) await updateReadme(join(root, "docs", "mock.md"), markdown);
    else process.stdout.write(`${markdown}\n`);
    return;
  }
  const result = await buildDocs({ spec, out: resolve(value("--out") ?? DOCS_FILE), mockUrl });
  console.log(
    `Docs: ${relative(process.cwd(), result.file)} (${(result.bytes / 1024 / 1024).toFixed(1)} MB, ` +
      `${result.operations} operations, self-contained: open it from disk or serve it)`,
  );
  if (result.withoutSample.length) {
    console.warn(`No client method found (curl sample only) for: ${result.withoutSample.join(", ")}`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main(process.argv.slice(2)).catch((error) => {
    console.error(error.message ?? error);
    process.exit(1);
  });
}

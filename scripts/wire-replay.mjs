// `npm run wire:replay`: how many operations each official Stytch SDK's calls are accepted on, by a Prism mock of
// this description and of Stytch's own description, printed as the README's "Proven against" table.
//   node scripts/wire-replay.mjs                   our working tree, plus Stytch's description when it is present
//   node scripts/wire-replay.mjs --ref main        our description as committed at a git ref (e.g. before a change)
//   node scripts/wire-replay.mjs --upstream FILE   Stytch's description (default: vendor/stytch-openapi/openapi.yml,
//                                                  then ../shared/upstream/…); --no-upstream skips it
//   node scripts/wire-replay.mjs --details         also lists every refused operation with Prism's first reason
//   node scripts/wire-replay.mjs --update-readme   writes the table into README.md, between the proven-against markers
// Ruby, Python and Go: the recorded requests in test/fixtures/sdk-wire/ are sent byte for byte. Node: the official
// SDK (npm `stytch`) is called live with the vendor test's cases (test/vendor/vendor.cases.ts), through a proxy.
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, request } from "node:http";
import { createServer as createTcpServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { bundleRef, bundleSpec } from "./lib/bundle.mjs";
import { spawnPrism } from "./lib/prism.mjs";
import { root } from "./lib/run.mjs";
import { loadSpec } from "./lib/spec.mjs";
import { badTimestamps, loadRecordings, replay, routeFor, specRoutes, summarize, timestamps } from "./lib/wire-replay.mjs";

const BEGIN = "<!-- BEGIN proven-against -->";
const END = "<!-- END proven-against -->";
// The project keeps shared material beside its checkout (../shared, or ../../shared from a worktree under wt/).
const UPSTREAM_CANDIDATES = [
  `${root}vendor/stytch-openapi/openapi.yml`,
  `${root}../shared/upstream/stytch-openapi/openapi.yml`,
  `${root}../../shared/upstream/stytch-openapi/openapi.yml`,
];

function option(name) {
  const argv = process.argv.slice(2);
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}
const flag = (name) => process.argv.slice(2).includes(name);

/** Bundles our description: the working tree, or the `openapi/` folder as committed at a git ref. */
const bundleOurs = (ref, work) => (ref ? bundleRef(ref, work) : bundleSpec());

/** A free loopback port, from the OS. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createTcpServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Serves `file` with Prism on a free port while `fn` runs. */
async function withPrism(file, fn) {
  const prism = spawnPrism({ spec: file, port: await freePort(), quiet: true });
  try {
    await prism.ready;
    return await fn(prism.url);
  } finally {
    await prism.stop();
  }
}

/** The official Node SDK's vendor-test calls (minimal and full) through a proxy that keeps Prism's verdicts. */
async function replayNode(spec, baseUrl, work) {
  const entry = join(work, "node-cases.mjs");
  const { build } = await import("esbuild");
  await build({
    entryPoints: [join(root, "test/vendor/vendor.cases.ts")],
    bundle: true,
    platform: "node",
    format: "esm",
    external: ["stytch"],
    outfile: entry,
    logLevel: "error",
  });
  const { vendorCases } = await import(pathToFileURL(entry).href);
  const stytch = (await import("stytch")).default;
  const proxy = await startProxy(baseUrl);
  const warn = console.warn;
  console.warn = () => undefined; // the SDK warns that `env` is not a Stytch URL
  try {
    const config = { project_id: "project-test-11111111-2222", secret: "secret-test-abc", env: `${proxy.url}/` };
    const sdk = { b2c: new stytch.Client(config), b2b: new stytch.B2BClient(config) };
    const { version } = JSON.parse(await readFile(join(root, "node_modules/stytch/package.json"), "utf8"));
    const routes = specRoutes(spec);
    const results = [];
    for (const [operationId, c] of Object.entries(vendorCases)) {
      for (const variant of ["minimal", "full"]) {
        proxy.seen.length = 0;
        await c[variant](sdk).catch(() => undefined);
        for (const seen of proxy.seen) {
          const recording = { sdk: "node", sdk_version: version, operation: operationId, variant, method: seen.method, path: seen.path };
          const route = routeFor(routes, seen.method, seen.path);
          results.push(
            route
              ? { recording, route, ...seen, accepted: seen.status >= 200 && seen.status < 300 && seen.violations.length === 0 }
              : { recording, route },
          );
        }
      }
    }
    return results;
  } finally {
    console.warn = warn;
    await proxy.close();
  }
}

async function startProxy(target) {
  const upstream = new URL(target);
  const seen = [];
  const server = createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const out = request(
        { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
        (answer) => {
          const body = [];
          answer.on("data", (c) => body.push(c));
          answer.on("end", () => {
            const raw = answer.headers["sl-violations"];
            let json;
            try {
              json = JSON.parse(Buffer.concat(body).toString("utf8"));
            } catch {
              json = undefined;
            }
            seen.push({
              method: req.method,
              path: (req.url ?? "").split("?")[0],
              status: answer.statusCode ?? 0,
              violations: typeof raw === "string" ? JSON.parse(raw) : [],
              badTimestamps: badTimestamps(json),
              timestamps: timestamps(json).length,
            });
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            res.end(Buffer.concat(body));
          });
        },
      );
      out.on("error", (error) => res.writeHead(502).end(String(error)));
      out.end(Buffer.concat(chunks));
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    seen,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** Every SDK's calls against one description: Node live, the others from the recordings. */
async function measure(file, work) {
  const spec = await loadSpec(file);
  const recordings = await loadRecordings();
  return withPrism(file, async (url) => {
    const node = await replayNode(spec, url, work);
    const recorded = await replay(spec, url, recordings);
    return summarize([...node, ...recorded]);
  });
}

const NAMES = { node: "Node `stytch`", ruby: "Ruby gem `stytch`", python: "Python `stytch`", go: "Go `stytch-go/v18`" };
const ORDER = ["node", "ruby", "python", "go"];

/** "bad of with": answers whose timestamps are not all RFC 3339, of the answers carrying a timestamp. */
const stamps = (s) => `${s.badTimestampAnswers} of ${s.timestampAnswers}`;

function table(ours, upstream) {
  const n = ours[0].described.length;
  const rows = ORDER.map((sdk) => {
    const o = ours.find((s) => s.sdk === sdk);
    const cells = [`${NAMES[sdk]} ${o.version}`, `${o.accepted.length}/${o.described.length}`];
    const u = upstream?.find((s) => s.sdk === sdk);
    if (upstream) {
      // Stytch's description is compared on the operations ours describes, so that both columns count the same calls.
      const extra = u.described.filter((name) => !o.described.includes(name));
      const accepted = (names) => u.accepted.filter((name) => names.includes(name)).length;
      cells.push(`${accepted(o.described)}/${o.described.length}`, extra.length ? `${accepted(extra)}/${extra.length}` : "not recorded");
    }
    cells.push(stamps(o));
    if (upstream) cells.push(stamps(u));
    return `| ${cells.join(" | ")} |`;
  });
  const head = upstream
    ? [
        `| official SDK | operations accepted: this description | Stytch's description, the same ${n} operations | Stytch's description, its other recorded operations | answers with a non-RFC 3339 timestamp, of those carrying one: this description | the same, Stytch's description |`,
        "|---|---|---|---|---|---|",
      ]
    : [
        "| official SDK | operations accepted: this description | answers with a non-RFC 3339 timestamp, of those carrying one |",
        "|---|---|---|",
      ];
  return [...head, ...rows].join("\n");
}

function details(label, summary) {
  const lines = [`\n${label}`];
  for (const s of summary) {
    lines.push(`  ${s.sdk} ${s.version}: ${s.accepted.length}/${s.described.length} operations accepted`);
    for (const r of s.refused) lines.push(`    refused ${r.name}: ${r.reasons[0]}`);
    if (s.notDescribed.length) lines.push(`    not described (skipped): ${s.notDescribed.join(", ")}`);
    if (s.badTimestampOperations.length) {
      lines.push(`    answers with a non-RFC 3339 timestamp on: ${s.badTimestampOperations.join(", ")}`);
    }
  }
  return lines.join("\n");
}

async function main() {
  const work = await mkdtemp(join(tmpdir(), "stytch-wire-replay-"));
  try {
    const ref = option("--ref");
    const ours = await measure(await bundleOurs(ref, work), work);
    let upstreamFile = flag("--no-upstream") ? undefined : (option("--upstream") ?? UPSTREAM_CANDIDATES.find((f) => existsSync(f)));
    const upstream = upstreamFile ? await measure(upstreamFile, work) : undefined;
    const md = table(ours, upstream);
    console.log(md);
    if (flag("--details")) {
      console.log(details(`this description (${ref ?? "working tree"})`, ours));
      if (upstream) console.log(details(`Stytch's description (${upstreamFile})`, upstream));
    }
    if (flag("--update-readme")) {
      const file = join(root, "docs", "upstream.md");
      const text = await readFile(file, "utf8");
      const start = text.indexOf(BEGIN);
      const end = text.indexOf(END);
      if (start < 0 || end < start) throw new Error(`README.md: markers ${BEGIN} … ${END} not found`);
      await writeFile(file, `${text.slice(0, start + BEGIN.length)}\n${md}\n${text.slice(end)}`);
      console.error("README.md updated");
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});

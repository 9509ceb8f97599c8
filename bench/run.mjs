// Benchmarks our client against the official Node SDK (npm `stytch`) as the baseline, side by side:
//   1. time per call (users.get and users.search) against one local node:http server answering canned JSON,
//      so that what is measured is the client's own overhead plus loopback HTTP, the same for both;
//   2. size of each client bundled and minified with esbuild (what an app ships).
// Usage: npm run bench [-- --calls 2000]
import { createServer } from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { readFileSync } from "node:fs";
import { build } from "esbuild";
import stytch from "stytch";

const calls = Number(process.argv[process.argv.indexOf("--calls") + 1]) || 2000;
const warmup = Math.min(200, calls);

const user = JSON.parse(readFileSync(new URL("./fixtures/user.json", import.meta.url), "utf8"));
const search = { request_id: "r", status_code: 200, results: Array(100).fill(user), results_metadata: { total: 100, next_cursor: null } };
const bodies = { get: JSON.stringify({ ...user, request_id: "r", status_code: 200 }), search: JSON.stringify(search) };

const server = createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(req.url.endsWith("/search") ? bodies.search : bodies.get);
  });
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const base = `http://127.0.0.1:${server.address().port}`;

const dir = mkdtempSync(join(tmpdir(), "stytch-bench-"));
const ours = await bundle("src/index.ts", "ours.mjs", "neutral");
const theirs = await bundle("node_modules/stytch/dist/index.js", "theirs.mjs", "node");
const { createStytchClient } = await import(ours.file);

const mine = createStytchClient({ projectId: "project-test-bench", secret: "secret", baseUrl: base, maxRetries: 0 });
console.warn = () => {}; // the SDK warns about a non-standard env URL
const official = new stytch.Client({ project_id: "project-test-bench", secret: "secret", env: `${base}/` });
const user_id = "user-test-16d9ba61-97a1-4ba4-9720-b03761dc50c6";

const rows = [];
for (const [name, a, b] of [
  ["users.get", () => mine.users.get({ user_id }), () => official.users.get({ user_id })],
  ["users.search (100 users)", () => mine.users.search({ limit: 100 }), () => official.users.search({ limit: 100 })],
]) {
  // Interleave rounds so that both see the same machine state.
  const t = { ours: [], theirs: [] };
  for (let round = 0; round < 5; round++) {
    t.theirs.push(await time(b));
    t.ours.push(await time(a));
  }
  rows.push([name, median(t.theirs), median(t.ours)]);
}

console.log(`\nTime per call, median of 5 rounds of ${calls} sequential calls (lower is better)`);
console.log(table(["operation", "official SDK (baseline)", "ours", "ours / baseline"], rows.map(([n, b, o]) => [n, `${b.toFixed(1)} µs`, `${o.toFixed(1)} µs`, (o / b).toFixed(2)])));

console.log("\nBundle size, esbuild --minify (lower is better)");
console.log(
  table(
    ["", "official SDK (baseline)", "ours", "ours / baseline"],
    [
      ["minified", kb(theirs.bytes), kb(ours.bytes), (ours.bytes / theirs.bytes).toFixed(2)],
      ["minified + gzip", kb(theirs.gzip), kb(ours.gzip), (ours.gzip / theirs.gzip).toFixed(2)],
    ],
  ),
);
console.log(`\n(our bundle: all 46 operations, retries, pagination; baseline: the whole official SDK, which covers far more of the API and cannot be tree-shaken to these three areas)`);

server.close();
rmSync(dir, { recursive: true, force: true });

async function time(fn) {
  for (let i = 0; i < warmup; i++) await fn();
  const start = process.hrtime.bigint();
  for (let i = 0; i < calls; i++) await fn();
  return Number(process.hrtime.bigint() - start) / 1000 / calls;
}

async function bundle(entry, name, platform) {
  const file = join(dir, name);
  await build({ entryPoints: [entry], bundle: true, minify: true, format: "esm", platform, outfile: file, logLevel: "error" });
  const bytes = readFileSync(file);
  return { file, bytes: bytes.length, gzip: gzipSync(bytes).length };
}

function median(xs) {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
}

function kb(n) {
  return `${(n / 1024).toFixed(1)} KiB`;
}

function table(head, rows) {
  const all = [head, ...rows];
  const w = head.map((_, i) => Math.max(...all.map((r) => String(r[i]).length)));
  const line = (r) => r.map((c, i) => String(c).padEnd(w[i])).join("  ");
  return [line(head), w.map((n) => "-".repeat(n)).join("  "), ...rows.map(line)].join("\n");
}

// Benchmarks our client side by side with raw `fetch` (the floor) and the official Node SDK (npm `stytch`):
//   1. time per call (users.get and a 100-user users.search) against a node:http server in a second process
//      answering canned JSON, so that what is measured is each client's own overhead plus loopback HTTP;
//      "ours + hooks" is the same client with no-op onRequest/onResponse hooks, to show what hooks cost when set
//      (the "ours" column has none: that is the cost when unset); the same loops are timed twice, as wall time
//      per call and as this process's CPU time per call (user + system), which the server's work does not enter
//      and which other load on the machine disturbs less;
//   2. size of each client bundled and minified with esbuild (what an app ships).
// Usage: npm run bench [-- --calls 250 --rounds 31]
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import stytch from "stytch";

const arg = (name, fallback) => Number(process.argv[process.argv.indexOf(`--${name}`) + 1]) || fallback;
const calls = arg("calls", 250);
const rounds = arg("rounds", 31);
const warmup = 1000;

const server = spawn(process.execPath, [new URL("./server.mjs", import.meta.url).pathname], {
  stdio: ["pipe", "pipe", "inherit"],
});
const port = await new Promise((resolve, reject) => {
  server.once("error", reject);
  server.once("exit", (code) => reject(new Error(`bench server exited (${code})`)));
  createInterface({ input: server.stdout }).once("line", resolve);
});
const base = `http://127.0.0.1:${port}`;

const dir = mkdtempSync(join(tmpdir(), "stytch-bench-"));
const ours = await bundle("src/index.ts", "ours.mjs", "neutral");
const theirs = await bundle("node_modules/stytch/dist/index.js", "theirs.mjs", "node");
const { createStytchClient } = await import(ours.file);

const projectId = "project-test-bench";
const secret = "secret";
const mine = createStytchClient({ projectId, secret, baseUrl: base, maxRetries: 0 });
let hookCalls = 0;
const hooked = createStytchClient({
  projectId,
  secret,
  baseUrl: base,
  maxRetries: 0,
  onRequest: () => void (hookCalls += 1),
  onResponse: () => void (hookCalls += 1),
});
console.warn = () => {}; // the SDK warns about a non-standard env URL
const official = new stytch.Client({ project_id: projectId, secret, env: `${base}/` });
const user_id = "user-test-16d9ba61-97a1-4ba4-9720-b03761dc50c6";

// Raw fetch: what a hand-written call does at the least — URL, Basic auth, JSON body, status check, JSON parse.
const authorization = `Basic ${btoa(`${projectId}:${secret}`)}`;
async function raw(method, path, body) {
  const init = body === undefined
    ? { method, headers: { authorization } }
    : { method, headers: { authorization, "content-type": "application/json" }, body: JSON.stringify(body) };
  const response = await fetch(`${base}${path}`, init);
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response.json();
}

const cases = [
  [
    "users.get",
    () => raw("GET", `/v1/users/${encodeURIComponent(user_id)}`),
    () => official.users.get({ user_id }),
    () => mine.users.get({ user_id }),
    () => hooked.users.get({ user_id }),
  ],
  [
    "users.search (100 users)",
    () => raw("POST", "/v1/users/search", { limit: 100 }),
    () => official.users.search({ limit: 100 }),
    () => mine.users.search({ limit: 100 }),
    () => hooked.users.search({ limit: 100 }),
  ],
];

const rows = { wall: [], cpu: [] };
for (const [name, ...fns] of cases) {
  // Many short rounds, each running every client once in a rotated order, so that every client sees the same
  // machine state and none is always first after another's garbage; ratios are taken round by round (paired).
  for (const fn of fns) for (let i = 0; i < warmup; i++) await fn();
  const t = { wall: fns.map(() => []), cpu: fns.map(() => []) };
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < fns.length; k++) {
      const i = (round + k) % fns.length;
      const { wall, cpu } = await time(fns[i]);
      t.wall[i].push(wall);
      t.cpu[i].push(cpu);
    }
  }
  rows.wall.push([name, ...t.wall]);
  rows.cpu.push([name, ...t.cpu]);
}
const hooksWork = hookCalls > 0;

for (const [kind, title] of [
  ["wall", "Wall time per call"],
  ["cpu", "Client CPU time per call (this process, user + system)"],
]) {
  console.log(
    `\n${title} in µs: median of ${rounds} rounds of ${calls} sequential calls [quartiles]; ratios: median of the` +
      ` rounds' ratios (lower is better)`,
  );
  console.log(
    table(
      ["operation", "raw fetch", "official SDK", "ours", "ours + no-op hooks", "ours / SDK", "ours / raw"],
      rows[kind].map(([n, r, b, o, h]) => [
        n,
        cell(r),
        cell(b),
        cell(o),
        hooksWork ? cell(h) : "n/a (no hooks)",
        ratio(o, b),
        ratio(o, r),
      ]),
    ),
  );
}

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
console.log(`\n(our bundle: all operations, retries, pagination, hooks; baseline: the whole official SDK, which covers far more of the API and cannot be tree-shaken to these areas)`);

server.stdin.end();
server.kill();
rmSync(dir, { recursive: true, force: true });

async function time(fn) {
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  for (let i = 0; i < calls; i++) await fn();
  const wall = Number(process.hrtime.bigint() - start) / 1000 / calls;
  const used = process.cpuUsage(cpu);
  return { wall, cpu: (used.user + used.system) / calls };
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

function quantile(xs, q) {
  return [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) * q)];
}

function cell(xs) {
  return `${median(xs).toFixed(1)} [${quantile(xs, 0.25).toFixed(0)}–${quantile(xs, 0.75).toFixed(0)}]`;
}

/** The median of the per-round ratios a[i] / b[i]: both were measured in the same round. */
function ratio(a, b) {
  return median(a.map((x, i) => x / b[i])).toFixed(2);
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

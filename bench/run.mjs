// Benchmarks our client side by side with raw `fetch` (the floor), raw `fetch` with an AbortSignal per request (the
// honest floor for a client that tears a timed-out request down), openapi-fetch used plainly, and the official Node
// SDK (npm `stytch`), for users.get and a 100-user users.search:
//   1. per call against a node:http server in a second process answering canned JSON: each client's own work plus
//      loopback HTTP, as wall time and as this process's CPU time (user + system), which the server's work does
//      not enter and which other load on the machine disturbs less;
//   2. per call with an in-memory `fetch` that answers the same JSON at once: each client's own work alone, with
//      no network and no server, so the differences between clients are not drowned in HTTP's;
//   3. size of each client bundled and minified with esbuild (what an app ships).
// "ours" is the client as created with its defaults (retries and timeouts on, no hooks: the cost of hooks when
// unset); "ours + no-op hooks" sets onRequest/onResponse to show what they cost when set.
// Each section runs many short rounds, every client once per round in a rotated order, after a warm-up, so that
// every client sees the same machine state; a cell is the median over rounds [quartiles], a ratio the median of
// the rounds' own ratios (both clients measured in the same round).
// Usage: npm run bench [-- --calls 250 --rounds 31]
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import createClient from "openapi-fetch";
import stytch from "stytch";
import { bodyFor } from "./lib/bodies.mjs";
import { numberOption } from "./lib/options.mjs";
import { cell, kb, ratio, table, time } from "./lib/stats.mjs";

const calls = numberOption("calls", 250);
const rounds = numberOption("rounds", 31);
const warmup = 1000;

const server = spawn(process.execPath, [new URL("./server.mjs", import.meta.url).pathname], {
  stdio: ["pipe", "pipe", "inherit"],
});
const port = await new Promise((resolve, reject) => {
  server.once("error", reject);
  server.once("exit", (code) => reject(new Error(`bench server exited (${code})`)));
  createInterface({ input: server.stdout }).once("line", resolve);
});

const dir = mkdtempSync(join(tmpdir(), "stytch-bench-"));
const ours = await bundle("src/index.ts", "ours.mjs", "neutral");
const theirs = await bundle("node_modules/stytch/dist/index.js", "theirs.mjs", "node");
const { createStytchClient } = await import(ours.file);

const projectId = "project-test-bench";
const secret = "secret";
const user_id = "user-test-16d9ba61-97a1-4ba4-9720-b03761dc50c6";
const authorization = `Basic ${btoa(`${projectId}:${secret}`)}`;
console.warn = () => {}; // the SDK warns about a non-standard env URL
let hookCalls = 0;

/** The six clients against `base`, each looking `fetch` up on globalThis at call time. */
function contenders(base) {
  // Raw fetch: what a hand-written call does at the least — URL, Basic auth, JSON body, status check, JSON parse.
  async function raw(method, path, body, signal) {
    const init =
      body === undefined
        ? { method, headers: { authorization }, signal }
        : {
            method,
            headers: { authorization, "content-type": "application/json" },
            body: JSON.stringify(body),
            signal,
          };
    const response = await fetch(`${base}${path}`, init);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return response.json();
  }
  // The same with a signal of its own per request, aborted by a timer, as any client that can tear down must do.
  async function rawSignal(method, path, body) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 30_000);
    try {
      return await raw(method, path, body, controller.signal);
    } finally {
      clearTimeout(timer);
    }
  }
  // openapi-fetch as its README shows it: the runtime under our client, with none of our settings.
  const plain = createClient({ baseUrl: base, headers: { Authorization: authorization }, fetch: (r) => fetch(r) });
  const unwrap = ({ data, error }) => {
    if (error !== undefined) throw new Error("HTTP error");
    return data;
  };
  const official = new stytch.Client({ project_id: projectId, secret, env: `${base}/` });
  const mine = createStytchClient({ projectId, secret, baseUrl: base });
  const hooked = createStytchClient({
    projectId,
    secret,
    baseUrl: base,
    onRequest: () => void (hookCalls += 1),
    onResponse: () => void (hookCalls += 1),
  });
  const search = { limit: 100 };
  return [
    [
      "users.get",
      () => raw("GET", `/v1/users/${encodeURIComponent(user_id)}`),
      () => rawSignal("GET", `/v1/users/${encodeURIComponent(user_id)}`),
      () => plain.GET("/v1/users/{user_id}", { params: { path: { user_id } } }).then(unwrap),
      () => official.users.get({ user_id }),
      () => mine.users.get({ user_id }),
      () => hooked.users.get({ user_id }),
    ],
    [
      "users.search (100 users)",
      () => raw("POST", "/v1/users/search", search),
      () => rawSignal("POST", "/v1/users/search", search),
      () => plain.POST("/v1/users/search", { body: search }).then(unwrap),
      () => official.users.search(search),
      () => mine.users.search(search),
      () => hooked.users.search(search),
    ],
  ];
}

const head = [
  "operation",
  "raw fetch",
  "raw fetch + signal",
  "openapi-fetch",
  "official SDK",
  "ours",
  "ours + no-op hooks",
  "ours / SDK",
  "ours / raw",
  "ours / raw + signal",
];

console.log(
  `${rounds} rounds of ${calls} sequential calls per client; in µs per call, median [quartiles]; lower is better`,
);

const http = await measure(contenders(`http://127.0.0.1:${port}`), calls);
print("1. Loopback HTTP, wall time per call", http.wall);
print("1. Loopback HTTP, client CPU time per call (this process, user + system)", http.cpu);

// In memory: every client's fetch is the global one, answered at once; the URL is never contacted.
const realFetch = globalThis.fetch;
globalThis.fetch = async (input) => {
  const body = bodyFor(typeof input === "string" ? input : input.url);
  return new Response(body, {
    status: 200,
    headers: {
      "content-type": "application/json",
      "content-length": String(Buffer.byteLength(body)),
      "x-request-id": "r",
    },
  });
};
const memory = await measure(contenders("http://127.0.0.1:9"), calls * 2);
globalThis.fetch = realFetch;
print("2. In-memory fetch (no network), CPU time per call: each client's own work", memory.cpu);

console.log("\n3. Bundle size, esbuild --minify (lower is better)");
console.log(
  table(
    ["", "official SDK (baseline)", "ours", "ours / baseline"],
    [
      ["minified", kb(theirs.bytes), kb(ours.bytes), (ours.bytes / theirs.bytes).toFixed(2)],
      ["minified + gzip", kb(theirs.gzip), kb(ours.gzip), (ours.gzip / theirs.gzip).toFixed(2)],
    ],
  ),
);
console.log(
  `\n(our bundle: all operations, retries, pagination, hooks; baseline: the whole official SDK, which covers far more of the API and cannot be tree-shaken to these areas)`,
);

server.stdin.end();
server.kill();
rmSync(dir, { recursive: true, force: true });

/** Runs every case's clients in rotated rounds; per client, the wall and CPU µs per call of each round. */
async function measure(cases, n) {
  const rows = { wall: [], cpu: [] };
  for (const [name, ...fns] of cases) {
    for (const fn of fns) for (let i = 0; i < warmup; i++) await fn();
    const t = { wall: fns.map(() => []), cpu: fns.map(() => []) };
    for (let round = 0; round < rounds; round++) {
      for (let k = 0; k < fns.length; k++) {
        const i = (round + k) % fns.length;
        const { wall, cpu } = await time(fns[i], n);
        t.wall[i].push(wall);
        t.cpu[i].push(cpu);
      }
    }
    rows.wall.push([name, ...t.wall]);
    rows.cpu.push([name, ...t.cpu]);
  }
  return rows;
}

function print(title, rows) {
  console.log(`\n${title}`);
  console.log(
    table(
      head,
      rows.map(([n, r, rs, p, b, o, h]) => [
        n,
        cell(r),
        cell(rs),
        cell(p),
        cell(b),
        cell(o),
        hookCalls > 0 ? cell(h) : "n/a (no hooks)",
        ratio(o, b),
        ratio(o, r),
        ratio(o, rs),
      ]),
    ),
  );
}

async function bundle(entry, name, platform) {
  const file = join(dir, name);
  await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: "esm",
    platform,
    outfile: file,
    logLevel: "error",
  });
  const bytes = readFileSync(file);
  return { file, bytes: bytes.length, gzip: gzipSync(bytes).length };
}

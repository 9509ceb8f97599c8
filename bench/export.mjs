// Benchmarks of exporting, side by side in one run, against one search server in a second process
// (bench/search-server.mjs):
//   1. paginating 100 pages × 1,000 users with 20 ms of server time and 20 ms of the caller's work per page: the
//      official SDK's `users.searchAll` (the baseline) vs our `searchPages` without and with `prefetch`; wall time
//      and peak RSS growth (in pages of JSON);
//   2. `stytch-openapi export users` vs the logic of Stytch's export script (stytch-node-export-users: the
//      official SDK, every user in one array, one JSON file at the end), as whole processes: wall time, peak RSS;
//   3. a paced export against a server that refuses more than N requests a minute: the rate reached and the 429s.
// Usage: npm run bench:export [-- --pages 100 --page-size 1000 --rounds 3 --paced-seconds 30]
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { setTimeout as sleep } from "node:timers/promises";
import stytch from "stytch";
import { createStytchClient } from "../dist/index.js";
import { measure, pacedExport, startServer } from "./lib/export-tools.mjs";
import { numberOption as option } from "./lib/options.mjs";
import { median, table } from "./lib/stats.mjs";

const pages = option("pages", 100);
const pageSize = option("page-size", 1000);
const rounds = option("rounds", 3);
const pacedSeconds = option("paced-seconds", 30);
const work = 20;
const root = fileURLToPath(new URL("..", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "stytch-bench-export-"));
const ENV = { ...process.env, STYTCH_PROJECT_ID: "project-test-bench", STYTCH_SECRET: "secret-bench" };
console.warn = () => {}; // the official SDK warns about a non-standard env URL

/** The caller's work on a page: 20 ms of waiting (a database write, say); in the memory pass, also a sample. */
let sampling;
async function consumerWork() {
  await sleep(work);
  sampling?.();
}

// 1. Pagination, in this process.
{
  const server = await startServer(["--total", String(pages * pageSize), "--delay", "20"]);
  const pageBytes = (
    await (
      await fetch(`${server.url}/v1/users/search`, { method: "POST", body: JSON.stringify({ limit: pageSize }) })
    ).text()
  ).length;
  const official = new stytch.Client({
    project_id: "project-test-bench",
    secret: "secret-bench",
    env: `${server.url}/`,
  });
  const ours = createStytchClient({ projectId: "project-test-bench", secret: "secret-bench", baseUrl: server.url });
  const variants = {
    "official SDK users.searchAll (baseline)": async () => {
      for await (const results of official.users.searchAll({ limit: pageSize }))
        if (results.length) await consumerWork();
    },
    "ours searchPages": async () => {
      for await (const page of ours.users.searchPages({ limit: pageSize }))
        if (page.results.length) await consumerWork();
    },
    "ours searchPages, prefetch: 1": async () => {
      for await (const page of ours.users.searchPages({ limit: pageSize }, { prefetch: 1 }))
        if (page.results.length) await consumerWork();
    },
    "ours searchPages, prefetch: 2": async () => {
      for await (const page of ours.users.searchPages({ limit: pageSize }, { prefetch: 2 }))
        if (page.results.length) await consumerWork();
    },
  };
  // One untimed pass first, so that the server has built every page before anything is measured.
  await variants["ours searchPages"]();
  // What one page costs in memory once parsed: the unit the growth is given in, besides JSON bytes.
  const pageJson = await (
    await fetch(`${server.url}/v1/users/search`, { method: "POST", body: JSON.stringify({ limit: pageSize }) })
  ).text();
  globalThis.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const held = JSON.parse(pageJson);
  globalThis.gc?.();
  const parsedBytes = process.memoryUsage().heapUsed - heapBefore;
  void held.results.length;
  const results = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
  for (let round = 0; round < rounds; round++) {
    for (const [name, fn] of Object.entries(variants)) results[name].push(await measure(fn));
  }
  // Memory, in a pass of its own (forced collections would distort the times): after each page, a full GC and
  // the heap still in use, over the heap before the run. What stays is what the paginator holds.
  const retained = {};
  for (const [name, fn] of Object.entries(variants)) {
    globalThis.gc();
    const before = process.memoryUsage().heapUsed;
    let peak = 0;
    sampling = () => {
      globalThis.gc();
      peak = Math.max(peak, process.memoryUsage().heapUsed - before);
    };
    await fn();
    sampling = undefined;
    retained[name] = peak;
  }
  const base = median(results["official SDK users.searchAll (baseline)"].map((r) => r.seconds));
  const floor = (pages * Math.max(work, 20)) / 1000;
  console.log(
    `\n1. ${pages} pages × ${pageSize} users, ${20} ms server + ${work} ms caller work a page; median of ${rounds} (lower is better; the overlap floor is ~${floor.toFixed(1)} s)`,
  );
  console.log(
    table(
      ["", "wall", "× baseline", "peak RSS growth", "heap held after a page (GC'd)", "in pages"],
      Object.entries(results).map(([name, rs]) => {
        const s = median(rs.map((r) => r.seconds));
        const g = median(rs.map((r) => r.growth));
        const h = retained[name];
        return [
          name,
          `${s.toFixed(2)} s`,
          (s / base).toFixed(2),
          `${(g / 2 ** 20).toFixed(1)} MiB`,
          `${(h / 2 ** 20).toFixed(1)} MiB`,
          (h / parsedBytes).toFixed(1),
        ];
      }),
    ),
  );
  console.log(
    `(a page: ${(pageBytes / 2 ** 20).toFixed(2)} MiB of JSON, ${(parsedBytes / 2 ** 20).toFixed(2)} MiB of heap once parsed. RSS growth: peak RSS over RSS before the run, GC slack included)`,
  );
  server.stop();
}

// 2. The command line tool vs the logic of Stytch's export script, as whole processes.
{
  const server = await startServer(["--total", String(pages * pageSize), "--delay", "20"]);
  const script = join(dir, "stytch-export-script.mjs");
  // What stytchauth/stytch-node-export-users does: page through search with the official SDK, keep every user,
  // write one pretty-printed JSON array at the end.
  writeFileSync(
    script,
    `import stytch from ${JSON.stringify(join(root, "node_modules/stytch/dist/index.js"))};
import { writeFileSync } from "node:fs";
console.warn = () => {};
const client = new stytch.Client({ project_id: process.env.STYTCH_PROJECT_ID, secret: process.env.STYTCH_SECRET, env: process.argv[2] + "/" });
const users = [];
let cursor = null;
do {
  const res = await client.users.search({ limit: ${pageSize}, cursor });
  users.push(...res.results);
  cursor = res.results_metadata.next_cursor;
} while (cursor);
writeFileSync(process.argv[3], JSON.stringify(users, null, 2));
`,
  );
  const run = (args) =>
    new Promise((resolve, reject) => {
      const start = performance.now();
      const child = spawn("/usr/bin/time", ["-f", "%M", process.execPath, ...args], {
        env: ENV,
        stdio: ["ignore", "ignore", "pipe"],
      });
      let err = "";
      child.stderr.on("data", (d) => (err += d));
      child.once("close", (code) => {
        if (code !== 0) return reject(new Error(`${args.join(" ")} exited with ${code}: ${err}`));
        resolve({ seconds: (performance.now() - start) / 1000, rssKiB: Number(err.trim().split("\n").at(-1)) });
      });
    });
  const outScript = join(dir, "script.json");
  const outCli = join(dir, "cli.ndjson");
  const t = { script: [], cli: [] };
  for (let round = 0; round < rounds; round++) {
    t.script.push(await run([script, server.url, outScript]));
    t.cli.push(
      await run([
        join(root, "dist/cli.js"),
        "export",
        "users",
        "--out",
        outCli,
        "--base-url",
        server.url,
        "--rpm",
        "1000000",
      ]),
    );
  }
  const s = median(t.script.map((r) => r.seconds));
  const c = median(t.cli.map((r) => r.seconds));
  console.log(
    `\n2. Exporting ${pages * pageSize} users to a file, whole processes, median of ${rounds} (lower is better)`,
  );
  console.log(
    table(
      ["", "wall", "× baseline", "peak RSS", "file"],
      [
        [
          "Stytch's export script logic (baseline)",
          `${s.toFixed(2)} s`,
          "1.00",
          `${(median(t.script.map((r) => r.rssKiB)) / 1024).toFixed(0)} MiB`,
          `${(statSync(outScript).size / 2 ** 20).toFixed(0)} MiB JSON`,
        ],
        [
          "stytch-openapi export users",
          `${c.toFixed(2)} s`,
          (c / s).toFixed(2),
          `${(median(t.cli.map((r) => r.rssKiB)) / 1024).toFixed(0)} MiB`,
          `${(statSync(outCli).size / 2 ** 20).toFixed(0)} MiB NDJSON`,
        ],
      ],
    ),
  );
  server.stop();
}

// 3. Pacing against a server that enforces N requests a minute.
await pacedExport({ dir, seconds: pacedSeconds, env: ENV });

rmSync(dir, { recursive: true, force: true });

// Helpers of bench/export.mjs: the search server in its own process, a measurement of time and RSS, and tables.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { setTimeout as sleep } from "node:timers/promises";
import { table } from "./stats.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));

/**
 * Starts bench/search-server.mjs in its own process; resolves when it listens.
 * @param {string[]} args
 * @returns {Promise<{ url: string, stats: () => Promise<any>, stop: () => boolean }>}
 */
export async function startServer(args) {
  const child = spawn(process.execPath, [join(root, "bench/search-server.mjs"), ...args], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = await new Promise((resolve) => child.stdout.once("data", (d) => resolve(String(d).trim())));
  return { url, stats: () => fetch(`${url}/__stats`).then((r) => r.json()), stop: () => child.kill() };
}

/**
 * Runs `fn` once, sampling this process's RSS; resolves with seconds and the peak growth in bytes.
 * @param {() => Promise<unknown>} fn
 */
export async function measure(fn) {
  globalThis.gc?.();
  const before = process.memoryUsage.rss();
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 5);
  const start = performance.now();
  await fn();
  const seconds = (performance.now() - start) / 1000;
  clearInterval(timer);
  return { seconds, growth: Math.max(0, peak - before) };
}

/**
 * 3. Pacing: `stytch-openapi export users --rpm N` for `seconds` against a server that enforces N requests a minute
 * (over a 10 s window, N/6 requests in any 10 s); prints the rate reached and the 429s.
 * @param {{ dir: string, seconds: number, env: NodeJS.ProcessEnv }} options
 */
export async function pacedExport({ dir, seconds: pacedSeconds, env: ENV }) {
  const rpm = 300;
  const server = await startServer([
    "--total",
    "100000000",
    "--delay",
    "20",
    "--rpm",
    String(rpm),
    "--window-ms",
    "10000",
  ]);
  const out = join(dir, "paced.ndjson");
  const child = spawn(
    process.execPath,
    [
      join(root, "dist/cli.js"),
      "export",
      "users",
      "--out",
      out,
      "--base-url",
      server.url,
      "--rpm",
      String(rpm),
      "--page-size",
      "10",
    ],
    {
      env: ENV,
      stdio: "ignore",
    },
  );
  await sleep(pacedSeconds * 1000);
  child.kill("SIGINT");
  await new Promise((resolve) => child.once("close", resolve));
  const stats = await server.stats();
  const minutes = (stats.last - stats.first) / 60_000;
  const reached = (stats.requests - 1) / minutes;
  console.log(
    `\n3. Paced export for ${pacedSeconds} s against a server allowing ${rpm} requests a minute (higher is better, no 429s)`,
  );
  console.log(
    table(
      ["limit", "--rpm", "requests", "rate reached", "of the limit", "429s"],
      [
        [
          `${rpm}/min`,
          rpm,
          stats.requests,
          `${reached.toFixed(1)}/min`,
          `${((reached / rpm) * 100).toFixed(1)} %`,
          stats.limited,
        ],
      ],
    ),
  );
  server.stop();
}

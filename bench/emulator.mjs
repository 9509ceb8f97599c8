// The emulator (`stytch-openapi serve`, built into dist/) side by side with Prism's example mock of the same spec
// (`prism mock dist/openapi.yaml --verboseLevel error`, its fastest setting), each in its own process:
//   1. the time from spawning each to its first correct answer (a GET that returns the API's JSON);
//   2. requests per second for users.get, users.create and users.search at concurrency 1 and 16, from a keep-alive
//      node:http agent in this process, in rounds that alternate the two servers (median of rounds [min–max]);
//   3. the emulator's cost of a users.create over HTTP with 1,000 and with 20,000 users in the store.
// Usage: npm run bench:emulator [-- --seconds 2 --rounds 3]   (builds dist/ first)
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { Agent, request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { numberOption } from "./lib/options.mjs";

const seconds = numberOption("seconds", 2);
const rounds = numberOption("rounds", 3);
const root = new URL("../", import.meta.url).pathname;
const AUTH = `Basic ${Buffer.from("project-test-11111111-1111-1111-1111-111111111111:secret-test-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx").toString("base64")}`;
const work = mkdtempSync(join(tmpdir(), "stytch-bench-emulator-"));
const children = [];
process.on("exit", () => {
  for (const child of children) child.kill("SIGKILL");
  rmSync(work, { recursive: true, force: true });
});

let nextPort = 4700 + Math.floor(Math.random() * 500);

/** Spawns a server and resolves once a GET answers with the API's JSON: { url, ms, stop }. */
async function start(name, args) {
  const port = nextPort++;
  const started = performance.now();
  const child = spawn(process.execPath, args(port), {
    cwd: root,
    stdio: ["ignore", "ignore", "ignore"],
    detached: true,
  });
  children.push(child);
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    const answer = await call(
      url,
      "GET",
      "/v1/users/user-test-16d9ba61-97a1-4ba4-9720-b03761dc50c6",
      undefined,
      undefined,
    ).catch(() => undefined);
    if (answer && /"request_id"/.test(answer.body)) break;
    if (child.exitCode !== null) throw new Error(`${name} exited (${child.exitCode})`);
    if (performance.now() - started > 60_000) throw new Error(`${name} did not answer within 60 s`);
    await new Promise((r) => setTimeout(r, 5));
  }
  const ms = performance.now() - started;
  return {
    url,
    ms,
    stop: () => {
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        /* gone */
      }
    },
  };
}

function call(base, method, path, body, agent) {
  const url = new URL(path, base);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        method,
        path: url.pathname + url.search,
        agent,
        headers: {
          authorization: AUTH,
          ...(payload ? { "content-type": "application/json", "content-length": Buffer.byteLength(payload) } : {}),
        },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (d) => (text += d));
        res.on("end", () => resolve({ status: res.statusCode, body: text }));
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}

/** Requests per second of `make()` at `concurrency` for `seconds`; every answer must be a 200. */
async function rate(base, concurrency, make) {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const deadline = performance.now() + seconds * 1000;
  let done = 0;
  let bad = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        const [method, path, body] = make();
        const answer = await call(base, method, path, body, agent);
        if (answer.status !== 200) bad++;
        done++;
      }
    }),
  );
  agent.destroy();
  if (bad > 0) throw new Error(`${bad} of ${done} answers were not 200`);
  return done / ((performance.now() - started) / 1000);
}

let counter = 0;
const CASES = {
  "users.get": (userId) => () => ["GET", `/v1/users/${userId}`],
  "users.create": () => () => ["POST", "/v1/users", { email: `bench-${process.pid}-${counter++}@example.com` }],
  "users.search": () => () => [
    "POST",
    "/v1/users/search",
    {
      limit: 10,
      query: {
        operator: "AND",
        operands: [
          { filter_name: "email_address", filter_value: [`bench-${process.pid}-${counter++ % 1000}@example.com`] },
        ],
      },
    },
  ],
};

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (xs) =>
  `${Math.round(median(xs)).toLocaleString("en-US")} [${Math.round(Math.min(...xs)).toLocaleString("en-US")}–${Math.round(Math.max(...xs)).toLocaleString("en-US")}]`;

// Throughput is measured with the rate limits off: with them on (the default), users.search answers 429 after
// 150 requests a minute, as Stytch documents; users.get and users.create have no documented limit either way.
const emulatorArgs =
  (extra = []) =>
  (port) => ["dist/cli.js", "serve", "--port", String(port), "--quiet", "--rate-limits", "off", ...extra];
const prismArgs = (port) => [
  "node_modules/.bin/prism",
  "mock",
  "dist/openapi.yaml",
  "--port",
  String(port),
  "--verboseLevel",
  "error",
];

console.log(`Node ${process.version}, ${seconds} s per measurement, ${rounds} rounds\n`);

// 1. Start to first correct answer, alternated.
const startTimes = { emulator: [], prism: [] };
for (let i = 0; i < rounds; i++) {
  for (const [name, args] of [
    ["emulator", emulatorArgs()],
    ["prism", prismArgs],
  ]) {
    const server = await start(name, args);
    startTimes[name].push(server.ms);
    server.stop();
  }
}
console.log("| start to first correct answer | emulator (`serve`) | Prism mock |\n|---|---|---|");
console.log(`| ms, median [min–max] | ${fmt(startTimes.emulator)} | ${fmt(startTimes.prism)} |\n`);

// 2. Throughput, both servers up, rounds alternating.
const emulator = await start("emulator", emulatorArgs());
const prism = await start("prism", prismArgs);
const created = JSON.parse(
  (await call(emulator.url, "POST", "/v1/users", { email: "bench-get@example.com" })).body,
).user_id;
const results = {};
for (let round = 0; round < rounds; round++) {
  for (const [name, make] of Object.entries(CASES)) {
    for (const concurrency of [1, 16]) {
      for (const [server, base, userId] of [
        ["emulator", emulator.url, created],
        ["prism", prism.url, "user-test-16d9ba61-97a1-4ba4-9720-b03761dc50c6"],
      ]) {
        const key = `${name} c${concurrency}`;
        results[key] ??= { emulator: [], prism: [] };
        results[key][server].push(await rate(base, concurrency, make(userId)));
      }
    }
  }
}
emulator.stop();
prism.stop();
console.log("| requests/s, median [min–max] | emulator | Prism mock | ratio |\n|---|---|---|---|");
for (const [key, { emulator: e, prism: p }] of Object.entries(results)) {
  console.log(`| ${key} | ${fmt(e)} | ${fmt(p)} | ${(median(e) / median(p)).toFixed(1)}× |`);
}

// 3. A create with 1,000 and with 20,000 users already stored (loaded with --data).
console.log("\n| users.create at concurrency 1 | per second, median [min–max] | µs per create |\n|---|---|---|");
const perSize = {};
for (const size of [1_000, 20_000]) {
  const file = join(work, `users-${size}.json`);
  writeFileSync(
    file,
    JSON.stringify({
      users: Array.from({ length: size }, (_, i) => ({
        emails: [{ email_id: `email-test-${i}`, email: `seed-${i}@example.com`, verified: true }],
      })),
    }),
  );
  const server = await start(`emulator ${size}`, emulatorArgs(["--data", file]));
  const rates = [];
  for (let round = 0; round < rounds; round++) rates.push(await rate(server.url, 1, CASES["users.create"]()));
  server.stop();
  perSize[size] = median(rates);
  console.log(`| ${size.toLocaleString("en-US")} users stored | ${fmt(rates)} | ${Math.round(1e6 / median(rates))} |`);
}
console.log(
  `\nA create at 20,000 users costs ${(perSize[1000] / perSize[20000]).toFixed(2)}× one at 1,000 (goal: at most 2×).`,
);
process.exit(0);

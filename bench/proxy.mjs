// The drift proxy's added latency on loopback: the emulator (`stytch-openapi serve`) and the proxy in front of it
// (`stytch-openapi proxy --target <emulator>`), each its own process from dist/; one keep-alive client in this
// process sends users.get and users.create one at a time, alternating direct and proxied in rounds, and prints p50
// and p99 of each and of the difference. Goal: under 1 ms added at p50.
// Usage: npm run bench:proxy [-- --requests 2000 --rounds 5]   (builds dist/ first)
import { spawn } from "node:child_process";
import { Agent, request } from "node:http";
import { numberOption } from "./lib/options.mjs";

const requests = numberOption("requests", 2000);
const rounds = numberOption("rounds", 5);
const root = new URL("../", import.meta.url).pathname;
const AUTH = `Basic ${Buffer.from("project-test-11111111-1111-1111-1111-111111111111:secret-test-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx").toString("base64")}`;
const children = [];
process.on("exit", () => {
  for (const child of children) child.kill("SIGKILL");
});

async function start(args, ready) {
  const child = spawn(process.execPath, [`${root}dist/cli.js`, ...args], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (out += d));
  for (let i = 0; i < 3000 && !out.includes(ready); i++) await new Promise((r) => setTimeout(r, 10));
  if (!out.includes(ready)) throw new Error(`did not start: ${out}`);
}

const agent = new Agent({ keepAlive: true, maxSockets: 1 });
function call(port, method, path, body) {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = request(
      {
        host: "127.0.0.1",
        port,
        method,
        path,
        agent,
        headers: {
          authorization: AUTH,
          ...(payload ? { "content-type": "application/json", "content-length": Buffer.byteLength(payload) } : {}),
        },
      },
      (res) => {
        let text = "";
        res.on("data", (d) => (text += d));
        res.on("end", () =>
          res.statusCode === 200
            ? resolve({ ms: performance.now() - started, text })
            : reject(new Error(`${res.statusCode} ${text.slice(0, 200)}`)),
        );
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}

const pct = (list, p) => {
  const sorted = [...list].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

const emulatorPort = 4800 + Math.floor(Math.random() * 400);
const proxyPort = emulatorPort + 1;
await start(["serve", "--port", String(emulatorPort), "--quiet"], "Ctrl-C stops it.");
await start(
  ["proxy", "--port", String(proxyPort), "--target", `http://127.0.0.1:${emulatorPort}`, "--quiet"],
  "Ctrl-C stops it",
);
const { user_id } = JSON.parse((await call(emulatorPort, "POST", "/v1/users", { email: "bench@example.com" })).text);

const ops = {
  "users.get": (port) => call(port, "GET", `/v1/users/${user_id}`),
  "users.create": (port, i) =>
    call(port, "POST", "/v1/users", { email: `bench-${port}-${i}-${Math.random().toString(36).slice(2)}@example.com` }),
};
console.log(
  `node ${process.version}, ${requests} requests per side per round, ${rounds} rounds, concurrency 1, keep-alive`,
);
console.log("| operation | direct p50 | direct p99 | proxied p50 | proxied p99 | added p50 | added p99 |");
console.log("|---|---|---|---|---|---|---|");
for (const [name, op] of Object.entries(ops)) {
  const direct = [];
  const proxied = [];
  // warm-up (compiles the validators)
  for (let i = 0; i < 200; i++) {
    await op(emulatorPort, i);
    await op(proxyPort, i);
  }
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < requests; i++) direct.push((await op(emulatorPort, i)).ms);
    for (let i = 0; i < requests; i++) proxied.push((await op(proxyPort, i)).ms);
  }
  const f = (n) => `${n.toFixed(3)} ms`;
  console.log(
    `| ${name} | ${f(pct(direct, 50))} | ${f(pct(direct, 99))} | ${f(pct(proxied, 50))} | ${f(pct(proxied, 99))} | ${f(pct(proxied, 50) - pct(direct, 50))} | ${f(pct(proxied, 99) - pct(direct, 99))} |`,
  );
}
process.exit(0);

// Starts the Prism mock as its own process group, so that stopping it leaves no orphan processes behind.
import { spawn } from "node:child_process";
import { connect } from "node:net";
import { root } from "./run.mjs";

/**
 * How a child process ended: its exit code or signal, and what it wrote on stderr.
 * @typedef {{ code: number | null, signal: NodeJS.Signals | null, stderr: string }} Exit
 */

/**
 * A Prism process started by `spawnPrism`.
 * @typedef {object} SpawnedPrism
 * @property {string} url
 * @property {number | undefined} pid
 * @property {Promise<void>} ready  resolves once its port accepts connections; rejects if it dies first
 * @property {Promise<Exit>} exited  resolves when it is gone, for whatever reason
 * @property {() => Promise<void>} stop  SIGTERM to its process group, SIGKILL after 3 s
 */

/**
 * With `upstream` (a URL), runs `prism proxy … --errors` in front of it instead of the mock: every request and answer
 * is validated against the spec, and an answer that breaks it becomes a 500 with the violations.
 * Spawns node_modules/.bin/prism (not npx, which would leave the real node process alive) detached, so that
 * `stop()` can kill its whole process group. `ready` resolves once its port accepts connections (rejects if it dies first);
 * `exited` resolves when it is gone, for whatever reason.
 * @example const prism = spawnPrism({ spec: BUNDLED_SPEC, port: 4010 }); await prism.ready;
 * @param {object} options
 * @param {string} options.spec  the bundled spec
 * @param {string} [options.host]
 * @param {number} options.port
 * @param {boolean} [options.quiet]  errors only, and nothing on this process's stdout
 * @param {string} [options.upstream]  proxy to this URL with `--errors` instead of mocking
 * @returns {SpawnedPrism}
 */
export function spawnPrism({ spec, host = "127.0.0.1", port, quiet = false, upstream }) {
  const args = upstream
    ? ["proxy", spec, upstream, "--errors", "--host", host, "--port", String(port)]
    : ["mock", spec, "--host", host, "--port", String(port)];
  if (quiet) args.push("--verboseLevel", "error");
  const child = spawn(`${root}node_modules/.bin/prism`, args, {
    cwd: root,
    detached: true,
    stdio: ["ignore", quiet ? "ignore" : "inherit", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (d) => {
    stderr += d;
    if (!quiet) process.stderr.write(d);
  });
  const url = `http://${host}:${port}`;
  /** @type {Promise<Exit>} */
  const exited = new Promise((resolve) => {
    child.once("exit", (code, signal) => resolve({ code, signal, stderr }));
    child.once("error", (error) => resolve({ code: null, signal: null, stderr: String(error) }));
  });

  const stop = async () => {
    const pid = child.pid;
    if (pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
    try {
      process.kill(-pid, "SIGTERM");
    } catch {
      return; // the group is already gone
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-pid, "SIGKILL");
      } catch {
        /* already gone */
      }
    }, 3_000);
    await exited;
    clearTimeout(timer);
  };

  const died = exited.then(({ code }) => {
    throw new Error(`prism exited before it was ready (code ${code}):\n${stderr}`);
  });
  const ready = Promise.race([waitForPort(host, port, 60_000), died]);
  died.catch(() => undefined);
  return { url, pid: child.pid, ready, exited, stop };
}

/**
 * Resolves once host:port accepts a TCP connection; rejects after `timeoutMs`. A TCP probe rather than an HTTP one,
 * so that Prism does not log a "no path matched" error for it.
 * @param {string} host
 * @param {number} port
 * @param {number} timeoutMs
 * @returns {Promise<void>}
 */
async function waitForPort(host, port, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    /** @type {boolean} */
    const open = await new Promise((resolve) => {
      const socket = connect(port, host);
      socket.once("connect", () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`prism did not listen on ${host}:${port} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));

/** A running Prism mock of the bundled spec, in its own process group so that stopping it leaves no orphans. */
export interface RunningPrism {
  url: string;
  stop(): Promise<void>;
}

/** Asks the OS for a free loopback port. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Runs a command from node_modules/.bin to completion, failing with its output. */
export async function run(bin: string, args: string[]): Promise<void> {
  const child = spawn(`${root}node_modules/.bin/${bin}`, args, { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  if (code !== 0) throw new Error(`${bin} ${args.join(" ")} exited with ${code}:\n${output}`);
}

/**
 * Starts `prism mock` on the given spec and resolves once it answers HTTP. Spawns the real binary (not npx)
 * detached, so `stop()` can kill the whole process group.
 */
export async function startPrism(spec: string, port?: number): Promise<RunningPrism> {
  const p = port ?? (await freePort());
  const child: ChildProcess = spawn(
    `${root}node_modules/.bin/prism`,
    ["mock", spec, "--host", "127.0.0.1", "--port", String(p), "--verboseLevel", "error"],
    { cwd: root, detached: true, stdio: ["ignore", "ignore", "pipe"] },
  );
  let stderr = "";
  child.stderr?.on("data", (d) => (stderr += d));
  const url = `http://127.0.0.1:${p}`;
  const exited = new Promise<never>((_, reject) =>
    child.once("exit", (code) => reject(new Error(`prism exited early (${code}):\n${stderr}`))),
  );
  const stop = async () => {
    if (child.exitCode !== null || child.pid === undefined) return;
    const gone = new Promise((resolve) => child.once("exit", resolve));
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      return;
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        /* already gone */
      }
    }, 3_000);
    await gone;
    clearTimeout(timer);
  };
  try {
    await Promise.race([waitForHttp(url, 30_000), exited]);
  } catch (error) {
    await stop();
    throw error;
  }
  exited.catch(() => undefined);
  return { url, stop };
}

async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await fetch(url);
      return;
    } catch {
      if (Date.now() > deadline) throw new Error(`prism did not answer on ${url} within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

import { execFileSync } from "node:child_process";
import { freePort } from "../../scripts/lib/ports.mjs";
import { spawnPrism } from "../../scripts/lib/prism.mjs";

/** A free loopback port, from the OS: one helper for the scripts and the tests. */
export { freePort };

/** A running Prism mock, in its own process group so that stopping it leaves no orphans. */
export interface RunningPrism {
  url: string;
  stop(): Promise<void>;
}

/** Starts `prism mock` on `spec` (with the same launcher as `npm start`) and resolves once it listens. */
export async function startPrism(spec: string, port?: number): Promise<RunningPrism> {
  const prism = spawnPrism({ spec, port: port ?? (await freePort()), quiet: true });
  try {
    await prism.ready;
  } catch (error) {
    await prism.stop();
    throw error;
  }
  return { url: prism.url, stop: prism.stop };
}

/** Pids of the `prism mock` (or `prism proxy`) processes serving on `port`, by their command line, which names it. */
export function prismPids(port: number, mode: "mock" | "proxy" = "mock"): number[] {
  return execFileSync("ps", ["-eo", "pid=,args="], { encoding: "utf8" })
    .split("\n")
    .filter((line) => line.includes("prism") && line.includes(` ${mode} `) && line.includes(`--port ${port}`))
    .map((line) => Number(line.trim().split(/\s+/)[0]));
}

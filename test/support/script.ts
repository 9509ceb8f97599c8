import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));

/** A long-running script of scripts/ (`npm start`, `npm run mock`), started as a user would, with its output. */
export interface RunningScript {
  output(): string;
  exited: Promise<number | null>;
  /** Sends SIGINT (Ctrl-C) and resolves with the exit code. */
  interrupt(): Promise<number | null>;
}

/**
 * Runs `node scripts/<args>` (or `npm <args>` with `npm: true`) from the project root and resolves once it prints
 * `ready` (default: the mock's banner) or after 60 s.
 */
export async function startScript(
  args: string[],
  { ready = "Ctrl-C stops everything", npm = false } = {},
): Promise<RunningScript & { pid: number }> {
  const child = npm
    ? spawn("npm", args, { cwd: root, stdio: ["ignore", "pipe", "pipe"] })
    : spawn(process.execPath, args, { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  const deadline = Date.now() + 60_000;
  while (!output.includes(ready) && child.exitCode === null && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    pid: child.pid!,
    output: () => output,
    exited,
    interrupt: () => {
      child.kill("SIGINT");
      return exited;
    },
  };
}

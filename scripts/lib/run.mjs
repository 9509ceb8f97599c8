// Runs a tool from node_modules/.bin to completion (never through npx), failing with its output.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

export const root = fileURLToPath(new URL("../..", import.meta.url));

/**
 * Runs `node_modules/.bin/<bin> ...args` from the project root; rejects with the tool's output on failure. An
 * aborted `signal` kills the tool (so that stopping `npm start` while the docs build leaves no process behind).
 */
export async function runBin(bin, args, { signal } = {}) {
  const child = spawn(`${root}node_modules/.bin/${bin}`, args, { cwd: root, stdio: ["ignore", "pipe", "pipe"], signal });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const code = await new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", resolve);
  });
  if (code !== 0) throw new Error(`${bin} ${args.join(" ")} exited with ${code}:\n${output}`);
  return output;
}

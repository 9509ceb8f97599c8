// Runs a tool from node_modules/.bin to completion (never through npx), failing with its output.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

/**
 * The project's root folder, with a trailing slash.
 * @example const readme = `${root}README.md`;
 */
export const root = fileURLToPath(new URL("../..", import.meta.url));

/**
 * Runs `node_modules/.bin/<bin> ...args` from the project root; rejects with the tool's output on failure. An
 * aborted `signal` kills the tool (so that stopping `npm start` while the docs build leaves no process behind).
 * @example await runBin("redocly", ["bundle", "openapi/openapi.yaml", "-o", out]);
 * @param {string} bin
 * @param {string[]} args
 * @param {{ signal?: AbortSignal }} [options]
 * @returns {Promise<string>} its stdout and stderr
 */
export async function runBin(bin, args, { signal } = {}) {
  const child = spawn(`${root}node_modules/.bin/${bin}`, args, {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
    signal,
  });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  /** @type {number | null} */
  const code = await new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", resolve);
  });
  if (code !== 0) throw new Error(`${bin} ${args.join(" ")} exited with ${code}:\n${output}`);
  return output;
}

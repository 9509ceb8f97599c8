#!/usr/bin/env node
// The `stytch-openapi` bin: hands the process's arguments, environment, streams and Ctrl-C/SIGTERM to `run`
// (program.ts parses and dispatches) and exits with the code it resolves with. Nothing else happens here.
import { run } from "./program.js";

const controller = new AbortController();
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => controller.abort(new Error(signal)));
}
const argv = process.argv.slice(2);
process.exitCode = await run(argv, {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  signal: controller.signal,
  argv,
});

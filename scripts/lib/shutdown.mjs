// Stops everything a long-running script started, once, on Ctrl-C (SIGINT), SIGTERM or a fatal error.
const cleanups = [];
let started = false;

/** True once a shutdown has begun. */
export const stopping = () => started;

/** Registers a cleanup; cleanups run in reverse order of registration before the process exits. */
export function onShutdown(cleanup) {
  cleanups.push(cleanup);
}

/** Runs every cleanup, then exits with `code`. Safe to call more than once. */
export async function shutdown(code = 0) {
  if (started) return;
  started = true;
  for (const cleanup of cleanups.reverse()) {
    try {
      await cleanup();
    } catch (error) {
      console.error(`while stopping: ${error.message ?? error}`);
    }
  }
  process.exit(code);
}

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => {
    console.log(`\n${signal}: stopping…`);
    shutdown(0);
  });
}

/**
 * The life of a long-running script: runs `main`, which starts things and resolves with the Prism mock it
 * started; then waits until Prism exits. Exiting on our own shutdown is fine; anything else is an error that stops
 * whatever else was started.
 */
export function runUntilStopped(main) {
  main()
    .then(async (prism) => {
      const { code, signal } = await prism.exited;
      if (!stopping()) throw new Error(`Prism stopped unexpectedly (${signal ?? `exit code ${code}`}).`);
    })
    .catch((error) => {
      if (stopping()) return;
      console.error(error.message ?? error);
      shutdown(1);
    });
}

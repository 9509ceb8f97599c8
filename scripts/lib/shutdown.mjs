// Stops everything a long-running script started, once, on Ctrl-C (SIGINT), SIGTERM or a fatal error.
/** @type {(() => unknown)[]} */
const cleanups = [];
let started = false;

/**
 * True once a shutdown has begun.
 * @example if (!stopping()) throw new Error("Prism stopped unexpectedly");
 */
export const stopping = () => started;

/**
 * Registers a cleanup; cleanups run in reverse order of registration before the process exits.
 * @example onShutdown(prism.stop);
 * @param {() => unknown} cleanup  may return a promise, which is awaited
 */
export function onShutdown(cleanup) {
  cleanups.push(cleanup);
}

/**
 * Runs every cleanup, then exits with `code`. Safe to call more than once.
 * @example shutdown(1);
 * @param {number} [code]
 */
export async function shutdown(code = 0) {
  if (started) return;
  started = true;
  for (const cleanup of cleanups.reverse()) {
    try {
      await cleanup();
    } catch (error) {
      console.error(`while stopping: ${error instanceof Error ? error.message : error}`);
    }
  }
  process.exit(code);
}

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => {
    console.log(`\n${signal}: stopping…`);
    void shutdown(0); // it exits the process when done
  });
}

/**
 * The life of a long-running script: runs `main`, which starts things and resolves with the Prism mock it
 * started; then waits until Prism exits. Exiting on our own shutdown is fine; anything else is an error that stops
 * whatever else was started.
 * @example runUntilStopped(async () => { const prism = spawnPrism({ spec, port }); onShutdown(prism.stop); return prism; });
 * @param {() => Promise<{ exited: Promise<{ code: number | null, signal: NodeJS.Signals | null }> }>} main
 */
export function runUntilStopped(main) {
  main()
    .then(async (prism) => {
      const { code, signal } = await prism.exited;
      if (!stopping()) throw new Error(`Prism stopped unexpectedly (${signal ?? `exit code ${code}`}).`);
    })
    .catch((/** @type {Error} */ error) => {
      if (stopping()) return;
      console.error(error.message ?? error);
      void shutdown(1);
    });
}

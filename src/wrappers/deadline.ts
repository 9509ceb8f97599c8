import { MAX_TIMER_MS } from "./retry.js";

/** What `withDeadline` rejects with when `timeoutMs` passes first. */
export class AttemptTimeout extends Error {}

/**
 * `run`, settled by its own outcome, the timeout or the caller's abort, whichever comes first: the call never
 * waits past `timeoutMs` or the caller's abort, even when the fetch in use ignores signals.
 *
 * `run` gets an AbortSignal of its own, aborted on the timeout or the caller's abort, so that a request given up
 * on is torn down (its socket closed) instead of being left open until the server answers or undici's own limits
 * (300 s for headers, 300 s between body chunks) end it. The signal costs undici 20-50 µs of CPU per request
 * (nodejs/undici#1203), which a call over the network, tens of milliseconds, does not notice. The caller's signal
 * itself is never handed to fetch: undici adds a listener to it per request and drops it only when the request is
 * garbage-collected, so a long walk under one signal warned of a listener leak (MaxListenersExceededWarning after
 * 1,500 requests on Node 20, 22 and 24; nodejs/node#51441).
 * @example
 * const response = await withDeadline((signal) => fetch(url, { signal }), 30_000, options.signal);
 */
export function withDeadline<T>(
  run: (signal: AbortSignal) => Promise<T>,
  timeoutMs: number,
  caller?: AbortSignal,
): Promise<T> {
  const controller = new AbortController();
  return new Promise<T>((resolve, reject) => {
    const stop = (reason: unknown) => {
      settle();
      controller.abort(reason);
      reject(reason);
    };
    const onAbort = caller ? () => stop(caller.reason) : undefined;
    if (onAbort) caller!.addEventListener("abort", onAbort, { once: true });
    const timer = setTimeout(() => stop(new AttemptTimeout()), Math.min(timeoutMs, MAX_TIMER_MS));
    function settle() {
      clearTimeout(timer);
      if (onAbort) caller!.removeEventListener("abort", onAbort);
    }
    // A late outcome after a timeout or abort lands in an already settled promise: never an unhandled rejection.
    run(controller.signal).then(
      (value) => {
        settle();
        resolve(value);
      },
      (error: unknown) => {
        settle();
        reject(error);
      },
    );
  });
}

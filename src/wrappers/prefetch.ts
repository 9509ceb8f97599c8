import { StytchAbortError } from "./errors.js";

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * Runs an async iterator ahead of its consumer: while the caller works on one item, up to `depth` further items
 * are fetched, one request at a time and in order. So at most `depth + 1` items are held (the buffer plus the
 * caller's). An error of a fetched-ahead item is thrown when the caller reaches it; `break`, `return` or an abort of
 * `outer` aborts the signal given to `start`, which cancels the request in flight.
 * @example
 * for await (const page of ahead((signal) => paginate(search, args, { signal }), 2, options.signal)) use(page);
 */
export async function* ahead<T>(
  start: (signal: AbortSignal) => AsyncIterator<T>,
  depth: number,
  outer?: AbortSignal,
): AsyncGenerator<T, void, undefined> {
  const controller = new AbortController();
  const cancel = () => controller.abort(outer?.reason);
  if (outer?.aborted) cancel();
  outer?.addEventListener("abort", cancel, { once: true });
  const iterator = start(controller.signal);
  const buffer: Settled<T>[] = [];
  let finished = false;
  let notifyConsumer: (() => void) | undefined;
  let notifyProducer: (() => void) | undefined;
  const wakeConsumer = () => {
    notifyConsumer?.();
    notifyConsumer = undefined;
  };

  const producer = (async () => {
    try {
      for (;;) {
        while (buffer.length >= depth && !controller.signal.aborted) {
          await new Promise<void>((resolve) => (notifyProducer = resolve));
        }
        if (controller.signal.aborted) return;
        const next = await iterator.next();
        if (next.done) return;
        buffer.push({ ok: true, value: next.value });
        wakeConsumer();
      }
    } catch (error) {
      buffer.push({ ok: false, error });
    } finally {
      finished = true;
      wakeConsumer();
    }
  })();

  try {
    for (;;) {
      if (outer?.aborted) {
        throw new StytchAbortError("The pagination was aborted", { method: "POST", path: "search", attempts: 0 });
      }
      const item = buffer.shift();
      if (item === undefined) {
        if (finished) return;
        await new Promise<void>((resolve) => (notifyConsumer = resolve));
        continue;
      }
      notifyProducer?.();
      if (!item.ok) throw item.error;
      yield item.value;
    }
  } finally {
    controller.abort();
    notifyProducer?.();
    outer?.removeEventListener("abort", cancel);
    await producer;
    await iterator.return?.();
  }
}

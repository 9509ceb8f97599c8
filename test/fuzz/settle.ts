// How fuzz-area.ts runs one call and tells its outcomes apart: resolved, rejected, thrown synchronously, or hung.

/** A call that has not settled by then is a hang: Prism answers in milliseconds and timeoutMs is at most 5 s. */
export const HANG_MS = 15_000;
/** How far the fuzz walks a search iterator before breaking out of it. */
const ITERATOR_STEPS = 3;

/** Walks a search iterator a few steps, then breaks out of it. */
export async function walk(iterable: unknown): Promise<number> {
  let steps = 0;
  for await (const _ of iterable as AsyncIterable<unknown>) if (++steps >= ITERATOR_STEPS) break;
  return steps;
}

export type Settled =
  | { kind: "resolved" }
  | { kind: "rejected"; error: unknown }
  | { kind: "sync"; error: unknown }
  | { kind: "hang" };

/** Runs `call`, telling a synchronous throw apart from a rejection, and a hang apart from both. */
export async function settle(call: () => unknown): Promise<Settled> {
  let promise: Promise<unknown>;
  try {
    const value = call();
    if (!(value instanceof Promise)) throw new Error(`returned ${typeof value} instead of a promise`);
    promise = value;
  } catch (error) {
    return { kind: "sync", error };
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hang = new Promise<Settled>((resolve) => {
    timer = setTimeout(() => resolve({ kind: "hang" }), HANG_MS);
  });
  try {
    return await Promise.race([
      promise.then(
        (): Settled => ({ kind: "resolved" }),
        (error: unknown): Settled => ({ kind: "rejected", error }),
      ),
      hang,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Whether a call failed because nothing listens on the mock's port any more, or it hung up mid-answer. */
export function mockWentAway(outcome: Settled): boolean {
  if (outcome.kind !== "rejected") return false;
  const cause = (outcome.error as { cause?: { message?: unknown } } | null)?.cause;
  return /ECONNREFUSED|other side closed/.test(String(cause?.message ?? ""));
}

/** Waits up to 30 s for the mock to answer again. */
export async function waitForMock(url: string, during: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      await (await globalThis.fetch(url)).arrayBuffer();
      return;
    } catch {
      if (Date.now() > deadline) throw new Error(`the Prism mock went away during ${during} and did not come back`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

export function explain(error: unknown): string {
  if (error instanceof Error) return `${error.constructor.name}: ${error.message}`;
  try {
    return `${typeof error} ${String(error)}`;
  } catch {
    return typeof error;
  }
}

// Vitest runs every project's global setups in its main process, but loads a setup file once per project that
// lists it, so a module-level variable there is per project: two projects would bundle the spec twice and start two
// Prism mocks. What one test run shares is therefore kept on globalThis, made by the first project that asks and
// stopped when the last project that asked tears down.

interface Shared {
  value: Promise<unknown>;
  users: number;
  stop: (value: never) => Promise<void> | void;
}

const KEY = Symbol.for("stytch-openapi.test.run-shared");
const holder = globalThis as Record<symbol, unknown>;
const registry = (holder[KEY] as Map<string, Shared> | undefined) ?? new Map<string, Shared>();
holder[KEY] = registry;

/**
 * The run's one `name` resource: `start()` on the first call, the same promise for every later one.
 *
 * @example const prism = await acquire("prism", () => startPrism(spec), (p) => p.stop());
 */
export function acquire<T>(
  name: string,
  start: () => Promise<T>,
  stop: (value: T) => Promise<void> | void,
): Promise<T> {
  let shared = registry.get(name);
  if (!shared) {
    shared = { value: start(), users: 0, stop: stop as Shared["stop"] };
    registry.set(name, shared);
  }
  shared.users += 1;
  return shared.value as Promise<T>;
}

/**
 * Gives back one `acquire` of `name`; the last one stops the resource (a resource that failed to start has nothing
 * to stop).
 *
 * @example export const teardown = () => release("prism");
 */
export async function release(name: string): Promise<void> {
  const shared = registry.get(name);
  if (!shared || --shared.users > 0) return;
  registry.delete(name);
  const value = await shared.value.catch(() => undefined);
  if (value !== undefined) await shared.stop(value as never);
}

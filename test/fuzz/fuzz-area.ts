import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createStytchClient, StytchBaseError, type StytchClient } from "../../src/index.js";
import { connectedAppCases } from "../contract/connected-apps.cases.js";
import { memberCases } from "../contract/members.cases.js";
import { organizationCases } from "../contract/organizations.cases.js";
import { userCases } from "../contract/users.cases.js";
import { fakeFetch } from "../support/fake-fetch.js";
import { clientFunctions, discoverOperations, methodAt, type DiscoveredOperation } from "../support/operations.js";

/**
 * At least 500 runs per area in CI; `FUZZ_RUNS=5000` locally for a longer hunt, `FUZZ_SEED` to replay or vary one,
 * `FUZZ_PRISM_URL` to aim at a Prism started by hand (to read its log), `FUZZ_DEBUG=1` to tally error messages.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? (process.env.CI ? 500 : 500));
const SEED = Number(process.env.FUZZ_SEED ?? 0x5717c4);
/** A call that has not settled by then is a hang: Prism answers in milliseconds and timeoutMs is at most 5 s. */
const HANG_MS = 15_000;
/** How far the fuzz walks a search iterator before breaking out of it. */
const ITERATOR_STEPS = 3;

/** A typical call of one wrapper method, as the contract cases make it. */
interface GoodCall {
  args: unknown;
  options: unknown;
}

/** The arguments and options each contract case passes to its wrapper method, keyed by the method's dotted name. */
async function goodCalls(): Promise<Map<string, GoodCall>> {
  const recorded = new Map<string, GoodCall>();
  const stytch = createStytchClient({ projectId: "project-test-x", secret: "s", fetch: fakeFetch().fetch });
  const spy = (node: unknown, prefix: string): unknown =>
    new Proxy(node as object, {
      get(target, key) {
        const value = (target as Record<string | symbol, unknown>)[key];
        const name = `${prefix}.${String(key)}`;
        if (typeof value === "function") {
          return (args: unknown, options: unknown) => {
            recorded.set(name.slice(1), { args: structuredClone(args), options: structuredClone(options) });
            return (value as (a: unknown, o: unknown) => unknown)(args, options);
          };
        }
        return typeof value === "object" && value !== null ? spy(value, name) : value;
      },
    });
  for (const c of Object.values({ ...userCases, ...memberCases, ...organizationCases, ...connectedAppCases })) {
    await c.call(spy(stytch, "") as StytchClient);
  }
  return recorded;
}

const small = { maxDepth: 2, maxKeys: 4 } as const;
/**
 * Any JavaScript value, including the awkward ones: bigints, boxed values, null prototypes, sparse arrays, any
 * code point in strings. Object keys stay printable ASCII (hence no `withObjectString`, which also makes keys):
 * Prism 5.14 echoes an unexpected property's name in its `sl-violations` header, and a control or non-Latin-1
 * character there makes Node's `setHeader` throw and kills the shared mock
 * (related: https://github.com/stoplightio/prism/issues/1934).
 */
const anything = fc.anything({
  ...small,
  key: fc.string(),
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withSparseArray: true,
  withTypedArray: true,
  stringUnit: "binary",
});

const hostileString = fc.constantFrom(
  "",
  " ",
  ".",
  "..",
  "%2e%2e",
  "a/b",
  "../../v1/users",
  "a?b=c",
  "a#b",
  "a&b=c",
  "\t",
  "\u0000",
  "\r\nX-Evil: 1",
  "\u007f",
  "用户",
  "😀",
  "\ud800",
  "a\udc00b",
  "x".repeat(10_000),
  "__proto__",
  "constructor",
);
const anyString = fc.oneof(fc.string(), fc.string({ unit: "binary" }), hostileString);
/** A value for any field: mostly strings, sometimes anything at all. */
const junk = fc.oneof(anyString, anything);

/** Mostly a good value, sometimes junk: each option is still exercised with values that pass its check. */
const mostly = <T>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<unknown>) =>
  fc.oneof({ weight: 4, arbitrary: good }, { weight: 1, arbitrary: bad });

const timeoutMs = mostly(
  fc.integer({ min: 100, max: 5_000 }),
  fc.oneof(fc.constantFrom(0, -1, 0.5, 1e-9, NaN, Infinity, -Infinity, 2 ** 31, 1e12, "1000", null, true), junk),
);
// Never a large valid integer: with `Prefer: code=500` and an instant sleep, that would only test patience.
const maxRetries = mostly(
  fc.integer({ min: 0, max: 3 }),
  fc.constantFrom(-1, 1.5, NaN, Infinity, "2", null, false, {}),
);
const requestsPerMinute = mostly(
  fc.integer({ min: 60_000, max: 6_000_000 }),
  fc.constantFrom(0, -1, NaN, -Infinity, "6000", [6000], null, {}),
);
/** Stands for a signal that the fetch aborts while the request is in flight: deterministic, unlike a timer. */
const IN_FLIGHT = Symbol("abort in flight");
const signal = mostly(
  fc.oneof(
    fc.constant(undefined),
    fc.constant(null).map(() => AbortSignal.abort()),
    fc.constant(IN_FLIGHT),
    fc.constant(null).map(() => new AbortController().signal),
  ),
  fc.oneof(fc.constantFrom({ aborted: true }, { aborted: false }, "signal", 1), anything),
);
const authorization = mostly(
  fc.constantFrom(
    { session_token: "mZAYn5aLEqKUlZ_Ad9U_fWr38GaAQ1oFAhT8ds245v7Q" },
    { session_jwt: "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJtZW1iZXIifQ.c2ln" },
  ),
  fc.oneof(fc.record({ session_token: junk, session_jwt: junk }, { requiredKeys: [] }), junk),
);
/** Per-call options: missing, a well-formed mix of good and junk settings, or anything at all. */
const options = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom(undefined, null, 0, "", "options", [], true) },
  {
    weight: 8,
    arbitrary: fc.record(
      {
        timeoutMs,
        maxRetries,
        signal,
        authorization,
        requestsPerMinute,
        extra: fc.dictionary(fc.string(), junk, small),
      },
      { requiredKeys: [] },
    ).map(({ extra, ...known }) => ({ ...extra, ...known })),
  },
  { weight: 1, arbitrary: anything },
);

/** Arguments for one method: its typical call, that call bent out of shape, its path ids made hostile, or junk. */
function argsFor(good: GoodCall | undefined, op: DiscoveredOperation | undefined) {
  const base = (good?.args ?? {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(base), ...(op?.pathKeys ?? [])])];
  const key = keys.length > 0 ? fc.oneof(fc.constantFrom(...keys), fc.string()) : fc.string();
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant(null).map(() => structuredClone(base)) },
    {
      weight: 4,
      arbitrary: fc
        .tuple(fc.subarray(keys), fc.array(fc.tuple(key, junk), { maxLength: 3 }))
        .map(([dropped, set]) => {
          const args: Record<string, unknown> = structuredClone(base);
          for (const k of dropped) delete args[k];
          // defineProperty, so that a key such as `__proto__` becomes an own property instead of a prototype.
          for (const [k, v] of set) {
            Object.defineProperty(args, k, { value: v, enumerable: true, writable: true, configurable: true });
          }
          return args;
        }),
    },
    {
      weight: 3,
      arbitrary: fc
        .record(Object.fromEntries((op?.pathKeys ?? []).map((k) => [k, fc.oneof(anyString, anything)])))
        .map((ids) => ({ ...structuredClone(base), ...ids })),
    },
    { weight: 2, arbitrary: anything },
  );
}

const PREFER = fc.oneof(
  { weight: 6, arbitrary: fc.constant(undefined) },
  { weight: 3, arbitrary: fc.constantFrom("code=400", "code=401", "code=403", "code=404", "code=429", "code=500") },
  { weight: 1, arbitrary: fc.constant("dynamic=true") },
);

type Outcome = "resolved" | "rejected";

/**
 * Property-based fuzz of every wrapper method of one API area against the Prism mock: whatever the arguments
 * and options, each call resolves or rejects with a `StytchBaseError` — never an untyped error, a synchronous
 * throw, an unhandled rejection or a hang.
 */
export function fuzzArea(area: "users" | "organizations" | "organizations.members" | "connectedApp.clients"): void {
  describe(`${area} fuzz against the Prism mock`, () => {
    let unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    let operations: DiscoveredOperation[];
    let good: Map<string, GoodCall>;

    beforeAll(async () => {
      [operations, good] = await Promise.all([discoverOperations(), goodCalls()]);
      process.on("unhandledRejection", onUnhandled);
    });
    afterAll(() => {
      process.off("unhandledRejection", onUnhandled);
    });

    it(`every method: any arguments and options resolve or reject with StytchBaseError (${RUNS} runs)`, async () => {
      unhandled = [];
      const url = process.env.FUZZ_PRISM_URL ?? inject("prismUrl");
      let prefer: string | undefined;
      let abortInFlight: AbortController | undefined;
      const fetch = (input: string, init: RequestInit): Promise<Response> => {
        abortInFlight?.abort(new Error("aborted by the fuzz while in flight"));
        if (prefer === undefined) return globalThis.fetch(input, init);
        const headers = new Headers(init.headers);
        headers.set("Prefer", prefer);
        return globalThis.fetch(input, { ...init, headers });
      };
      const stytch = createStytchClient({
        projectId: "project-test-11111111-2222-3333-4444-555555555555",
        secret: "secret-test-fuzz",
        baseUrl: url,
        fetch,
        maxRetries: 0,
        timeoutMs: 5_000,
        sleep: async () => undefined,
      });
      const functions = clientFunctions(stytch).filter((f) => f.area === area);
      const requestMethods = functions.filter((f) => !f.iterator).map((f) => f.name);
      expect(requestMethods.sort()).toEqual(operations.filter((o) => o.area === area).map((o) => o.name).sort());

      const calls = fc.constantFrom(...functions).chain((f) => {
        const op = operations.find((o) => o.name === (f.iterator ? f.name.replace(/\.[^.]+$/, ".search") : f.name));
        const typical = good.get(op?.name ?? "");
        return fc.record({
          f: fc.constant(f),
          args: argsFor(typical, op),
          options: fc.oneof(fc.constant(null).map(() => structuredClone(typical?.options)), options, options),
          prefer: PREFER,
        });
      });

      const tally = new Map<string, number>();
      const perMethod = new Map<string, number>();
      const messages = new Map<string, number>();
      const count = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
      const started = performance.now();

      await fc.assert(
        fc.asyncProperty(calls, async ({ f, args, options: generated, prefer: p }) => {
          prefer = p;
          abortInFlight = undefined;
          let opts = generated;
          if ((opts as { signal?: unknown } | null)?.signal === IN_FLIGHT) {
            abortInFlight = new AbortController();
            opts = { ...(opts as object), signal: abortInFlight.signal };
          }
          count(perMethod, f.name);
          const fn = methodAt(stytch, f.name);
          // Called here, not inside an async helper, so that a synchronous throw is seen as one.
          const run = () => settle(() => (f.iterator ? walk(fn(args, opts)) : fn(args, opts)));
          let outcome = await run();
          if (mockWentAway(outcome)) {
            // Prism restarts when dist/openapi.yaml is rewritten (another vitest run bundling it); one that we
            // crashed stays down, and that fails here.
            await waitForMock(url, f.name);
            outcome = await run();
          }
          if (outcome.kind === "sync") throw new Error(`${f.name} threw synchronously: ${explain(outcome.error)}`);
          if (outcome.kind === "hang") throw new Error(`${f.name} did not settle within ${HANG_MS} ms`);
          if (outcome.kind === "rejected") {
            if (!(outcome.error instanceof StytchBaseError)) {
              throw new Error(`${f.name} rejected with an untyped ${explain(outcome.error)}`);
            }
            if (process.env.FUZZ_DEBUG) count(messages, `${outcome.error.name}: ${outcome.error.message.slice(0, 99)}`);
            if (mockWentAway(outcome)) throw new Error(`the Prism mock went away twice during ${f.name}`);
            count(tally, outcome.error.name + ("status_code" in outcome.error ? ` ${outcome.error.status_code}` : ""));
          } else {
            count(tally, "resolved");
          }
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
      if (process.env.FUZZ_DEBUG) console.log([...messages.entries()].sort((a, b) => b[1] - a[1]));
      // Give a stray rejection a turn of the event loop to surface before counting.
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(unhandled).toEqual([]);
      // The mock is shared with the contract tests: the fuzz must leave it standing.
      await expect(globalThis.fetch(url).then((r) => r.status)).resolves.toBeGreaterThan(0);
      expect(perMethod.size, "every method was driven at least once").toBe(functions.length);
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      console.log(
        `fuzz ${area}: ${RUNS} runs over ${functions.length} methods in ${seconds} s (seed ${SEED}); outcomes: ` +
          [...tally.entries()]
            .sort((a, b) => b[1] - a[1])
            .map(([k, n]) => `${k} ×${n}`)
            .join(", ") +
          `; unhandled rejections: ${unhandled.length}`,
      );
    }, 120_000);
  });
}

/** Walks a search iterator a few steps, then breaks out of it. */
async function walk(iterable: unknown): Promise<number> {
  let steps = 0;
  for await (const _ of iterable as AsyncIterable<unknown>) if (++steps >= ITERATOR_STEPS) break;
  return steps;
}

type Settled =
  | { kind: "resolved" }
  | { kind: "rejected"; error: unknown }
  | { kind: "sync"; error: unknown }
  | { kind: "hang" };

/** Runs `call`, telling a synchronous throw apart from a rejection, and a hang apart from both. */
async function settle(call: () => unknown): Promise<Settled> {
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
function mockWentAway(outcome: Settled): boolean {
  if (outcome.kind !== "rejected") return false;
  const cause = (outcome.error as { cause?: { message?: unknown } } | null)?.cause;
  return /ECONNREFUSED|other side closed/.test(String(cause?.message ?? ""));
}

/** Waits up to 30 s for the mock to answer again. */
async function waitForMock(url: string, during: string): Promise<void> {
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

function explain(error: unknown): string {
  if (error instanceof Error) return `${error.constructor.name}: ${error.message}`;
  try {
    return `${typeof error} ${String(error)}`;
  } catch {
    return typeof error;
  }
}

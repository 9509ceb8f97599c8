import fc from "fast-check";
import { createStytchClient, type StytchClient } from "../../src/index.js";
import { connectedAppCases } from "../contract/connected-apps.cases.js";
import { memberCases } from "../contract/members.cases.js";
import { organizationCases } from "../contract/organizations.cases.js";
import { userCases } from "../contract/users.cases.js";
import { fakeFetch } from "../support/fake-fetch.js";
import type { DiscoveredOperation } from "../support/operations.js";

// What fuzz-area.ts draws from: the typical call of each wrapper method (as the contract cases make it), and
// arbitraries that bend its arguments and options out of shape.

/** A typical call of one wrapper method, as the contract cases make it. */
export interface GoodCall {
  args: unknown;
  options: unknown;
}

/** The arguments and options each contract case passes to its wrapper method, keyed by the method's dotted name. */
export async function goodCalls(): Promise<Map<string, GoodCall>> {
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
export const IN_FLIGHT = Symbol("abort in flight");
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
export const options = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom(undefined, null, 0, "", "options", [], true) },
  {
    weight: 8,
    arbitrary: fc
      .record(
        {
          timeoutMs,
          maxRetries,
          signal,
          authorization,
          requestsPerMinute,
          extra: fc.dictionary(fc.string(), junk, small),
        },
        { requiredKeys: [] },
      )
      .map(({ extra, ...known }) => ({ ...extra, ...known })),
  },
  { weight: 1, arbitrary: anything },
);

/** Arguments for one method: its typical call, that call bent out of shape, its path ids made hostile, or junk. */
export function argsFor(good: GoodCall | undefined, op: DiscoveredOperation | undefined) {
  const base = (good?.args ?? {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(base), ...(op?.pathKeys ?? [])])];
  const key = keys.length > 0 ? fc.oneof(fc.constantFrom(...keys), fc.string()) : fc.string();
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant(null).map(() => structuredClone(base)) },
    {
      weight: 4,
      arbitrary: fc.tuple(fc.subarray(keys), fc.array(fc.tuple(key, junk), { maxLength: 3 })).map(([dropped, set]) => {
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

export const PREFER = fc.oneof(
  { weight: 6, arbitrary: fc.constant(undefined) },
  { weight: 3, arbitrary: fc.constantFrom("code=400", "code=401", "code=403", "code=404", "code=429", "code=500") },
  { weight: 1, arbitrary: fc.constant("dynamic=true") },
);

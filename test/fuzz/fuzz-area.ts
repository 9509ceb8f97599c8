import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createStytchClient, StytchBaseError } from "../../src/index.js";
import { clientFunctions, discoverOperations, methodAt, type DiscoveredOperation } from "../support/operations.js";
import { argsFor, goodCalls, IN_FLIGHT, options, PREFER, type GoodCall } from "./arbitraries.js";
import { explain, HANG_MS, mockWentAway, settle, waitForMock, walk } from "./settle.js";

/**
 * At least 500 runs per area in CI; `FUZZ_RUNS=5000` locally for a longer hunt, `FUZZ_SEED` to replay or vary one,
 * `FUZZ_PRISM_URL` to aim at a Prism started by hand (to read its log), `FUZZ_DEBUG=1` to tally error messages.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? (process.env.CI ? 500 : 500));
const SEED = Number(process.env.FUZZ_SEED ?? 0x5717c4);

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
      expect(requestMethods.sort()).toEqual(
        operations
          .filter((o) => o.area === area)
          .map((o) => o.name)
          .sort(),
      );

      const calls = fc.constantFrom(...functions).chain((f) => {
        const op = operations.find((o) => o.name === (f.iterator ? f.name.replace(/\.[^.]+$/, ".search") : f.name));
        const typical = good.get(op?.name ?? "");
        return fc.record({
          f: fc.constant(f),
          args: argsFor(typical, op),
          options: fc.oneof(
            fc.constant(null).map(() => structuredClone(typical?.options)),
            options,
            options,
          ),
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

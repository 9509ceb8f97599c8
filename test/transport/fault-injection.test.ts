import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { StytchBaseError, StytchError, StytchRequestError } from "../../src/index.js";
import { FAULTS, startFaulty, TOTAL, userId, type Fault, type faultyServer } from "./faulty-server.js";

let faulty: ReturnType<typeof faultyServer>;
let client: Awaited<ReturnType<typeof startFaulty>>["client"];
let close: () => Promise<void>;

beforeAll(async () => {
  ({ faulty, client, close } = await startFaulty(20_250_101));
});

afterAll(() => close());

const snapshot = () => ({ ...faulty.injected });
const since = (before: Record<Fault, number>) =>
  Object.fromEntries(FAULTS.map((f) => [f, faulty.injected[f] - before[f]])) as Record<Fault, number>;
const sum = (counts: Record<Fault, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

describe("users.searchAll over a server that fails 20% of requests", () => {
  it("with retries returns exactly the 25 000 users, in order, none lost or duplicated", async () => {
    const { stytch, waits } = client(8);
    const before = snapshot();
    const pagesBefore = faulty.served.pages;
    const started = performance.now();
    const ids: string[] = [];
    for await (const user of stytch.users.searchAll({ limit: 100 })) ids.push(user.user_id);
    const ms = Math.round(performance.now() - started);
    const injected = since(before);

    expect(ids).toHaveLength(TOTAL);
    expect(new Set(ids).size).toBe(TOTAL);
    expect(ids).toEqual(Array.from({ length: TOTAL }, (_, i) => userId(i)));
    expect(faulty.served.pages - pagesBefore).toBe(TOTAL / 100);
    // Every fault was survived by exactly one retry; `Retry-After: 0` was honoured, the rest backed off.
    expect(waits).toHaveLength(sum(injected));
    expect(waits.filter((w) => w === 0)).toHaveLength(injected["429 Retry-After: 0"]);
    expect(waits.filter((w) => w > 0).every((w) => w >= 250 && w <= 8_000)).toBe(true);
    for (const kind of FAULTS) expect(injected[kind], kind).toBeGreaterThan(0);
    console.log(
      `fault-injection: ${TOTAL} users in ${TOTAL / 100} pages over ${TOTAL / 100 + sum(injected)} requests ` +
        `in ${ms} ms; ` +
        `survived ${sum(injected)} injected faults: ` +
        FAULTS.map((f) => `${f} ×${injected[f]}`).join(", "),
    );
  });

  it("without retries fails with a typed error, not an untyped throw", async () => {
    const { stytch } = client(0);
    const before = snapshot();
    let count = 0;
    const error = await (async () => {
      for await (const _ of stytch.users.searchAll({ limit: 100 })) count += 1;
    })().then(
      () => undefined,
      (e: unknown) => e,
    );
    const injected = since(before);
    expect(sum(injected)).toBe(1);
    expect(error).toBeInstanceOf(StytchBaseError);
    const kind = FAULTS.find((f) => injected[f] === 1)!;
    if (kind === "reset") {
      expect(error).toBeInstanceOf(StytchRequestError);
    } else {
      expect(error).toBeInstanceOf(StytchError);
      expect((error as StytchError).status_code).toBe(Number(kind.slice(0, 3)));
      expect((error as StytchError).attempts).toBe(1);
    }
    expect(count % 100).toBe(0);
    console.log(
      `fault-injection (maxRetries: 0): stopped after ${count} users by "${kind}" → ${(error as Error).name}`,
    );
  });

  it("without retries, every kind of fault surfaces as its typed error", async () => {
    const { stytch } = client(0);
    const seen = new Map<string, string>();
    // Keep paging from wherever the last failure left off until each kind of fault has been met once.
    let cursor: string | undefined;
    for (let guard = 0; seen.size < FAULTS.length && guard < 1_000; guard += 1) {
      const before = snapshot();
      try {
        const page = await stytch.users.search({ limit: 1000, cursor });
        cursor = page.results_metadata.next_cursor ?? undefined;
      } catch (error) {
        const kind = FAULTS.find((f) => since(before)[f] === 1)!;
        expect(error, kind).toBeInstanceOf(kind === "reset" ? StytchRequestError : StytchError);
        if (error instanceof StytchError) expect(error.status_code).toBe(Number(kind.slice(0, 3)));
        seen.set(kind, (error as Error).name);
      }
    }
    expect([...seen.keys()].sort()).toEqual([...FAULTS].sort());
  });
});

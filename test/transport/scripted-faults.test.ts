import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { StytchError, StytchPaginationError, StytchRequestError } from "../../src/index.js";
import { startFaulty, userId, type faultyServer } from "./faulty-server.js";

// Scripted answers of the faulty server (faulty-server.ts): which faults a create is retried after, and what a
// search answer that is not a page ends in.

let faulty: ReturnType<typeof faultyServer>;
let client: Awaited<ReturnType<typeof startFaulty>>["client"];
let close: () => Promise<void>;

beforeAll(async () => {
  ({ faulty, client, close } = await startFaulty(20_250_101));
});

afterAll(() => close());

describe("users.create (POST /v1/users) is retried only where it cannot land twice", () => {
  it("is not retried after a 500", async () => {
    faulty.scriptCreates(["500", "ok"]);
    const error = await client(8)
      .stytch.users.create({ email: "ada@example.com" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StytchError);
    expect(error).toMatchObject({ status_code: 500, attempts: 1 });
    expect(faulty.served.creates).toBe(1);
  });

  it("is not retried after a connection reset", async () => {
    faulty.scriptCreates(["reset", "ok"]);
    const error = await client(8)
      .stytch.users.create({ email: "ada@example.com" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StytchRequestError);
    expect(error).toMatchObject({ attempts: 1 });
    expect(faulty.served.creates).toBe(1);
  });

  it("is retried after 429s, with and without Retry-After", async () => {
    faulty.scriptCreates(["429 Retry-After: 0", "429", "ok"]);
    const { stytch, waits } = client(8);
    await expect(stytch.users.create({ email: "ada@example.com" })).resolves.toMatchObject({ user_id: userId(0) });
    expect(faulty.served.creates).toBe(3);
    expect(waits[0]).toBe(0);
    expect(waits[1]).toBeGreaterThanOrEqual(250);
  });
});

// Bug: a 200 search answer that is not a page ended searchAll / searchPages with an untyped TypeError
// ("Cannot read properties of undefined (reading 'next_cursor')", "… reading 'Symbol(Symbol.asyncIterator)'").
describe("a 200 search answer that is not a page", () => {
  const ok = { request_id: "r", status_code: 200 };
  it.each([
    ["without results_metadata or results", JSON.stringify(ok), StytchPaginationError],
    ["with results_metadata: null", JSON.stringify({ ...ok, results_metadata: null }), StytchPaginationError],
    [
      "with results: null",
      JSON.stringify({ ...ok, results: null, results_metadata: { next_cursor: null } }),
      StytchPaginationError,
    ],
    ["that is JSON null", "null", StytchPaginationError],
    ["that is an array", "[]", StytchPaginationError],
    ["that is not JSON", "<html>", StytchRequestError],
  ])("%s ends searchAll with a typed error", async (_, body, Kind) => {
    faulty.scriptSearches([body]);
    const run = async () => {
      for await (const _user of client(0).stytch.users.searchAll({ limit: 10 })) void _user;
    };
    const error = await run().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Kind);
  });
});

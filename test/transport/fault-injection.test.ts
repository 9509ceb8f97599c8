import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createStytchClient,
  StytchBaseError,
  StytchError,
  StytchPaginationError,
  StytchRequestError,
} from "../../src/index.js";

/** A tiny seeded PRNG (mulberry32), so that every run injects the same faults in the same places. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TOTAL = 25_000;
const FAULT_RATE = 0.2;
const FAULTS = ["429 Retry-After: 0", "429", "500", "503", "reset"] as const;
type Fault = (typeof FAULTS)[number];

const userId = (i: number) => `user-test-${String(i).padStart(8, "0")}`;
// Opaque to the client: it must hand back exactly what it was given.
const cursorFor = (offset: number) => Buffer.from(`offset:${offset}:salt`).toString("base64url");
const offsetOf = (cursor: string) =>
  Number(/^offset:(\d+):salt$/.exec(Buffer.from(cursor, "base64url").toString())?.[1]);

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
}

const apiError = (status: number) => ({
  status_code: status,
  request_id: "r",
  error_type: status === 429 ? "too_many_requests" : "internal_server_error",
  error_message: "injected",
  error_url: "https://stytch.com/docs/api/errors",
});

/**
 * A users API on loopback: `POST /v1/users/search` pages through 25 000 users by `limit` and `cursor`; on a
 * seeded-random 20% of requests it answers 429 (half with `Retry-After: 0`), 500, 503, or resets the connection.
 * `POST /v1/users` answers from a script of faults, then 200.
 */
function faultyServer(seed: number) {
  const random = mulberry32(seed);
  const injected: Record<Fault, number> = { "429 Retry-After: 0": 0, "429": 0, "500": 0, "503": 0, reset: 0 };
  const served = { pages: 0, creates: 0 };
  let createScript: (Fault | "ok")[] = [];
  let searchScript: string[] = [];
  const fault = (res: ServerResponse, req: IncomingMessage, kind: Fault) => {
    injected[kind] += 1;
    if (kind === "reset") return req.socket.resetAndDestroy();
    const status = Number(kind.slice(0, 3));
    send(res, status, apiError(status), kind === "429 Retry-After: 0" ? { "retry-after": "0" } : {});
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      if (req.method === "POST" && req.url === "/v1/users") {
        served.creates += 1;
        const next = createScript.shift() ?? "ok";
        if (next !== "ok") return fault(res, req, next);
        return send(res, 200, { request_id: "r", status_code: 200, user_id: userId(0) });
      }
      if (req.method !== "POST" || req.url !== "/v1/users/search") return send(res, 404, apiError(404));
      const scripted = searchScript.shift();
      if (scripted !== undefined) return res.writeHead(200, { "content-type": "application/json" }).end(scripted);
      if (random() < FAULT_RATE) return fault(res, req, FAULTS[Math.floor(random() * FAULTS.length)]!);
      const body = JSON.parse(Buffer.concat(chunks).toString()) as { limit?: number; cursor?: string };
      const offset = body.cursor === undefined ? 0 : offsetOf(body.cursor);
      if (!Number.isInteger(offset)) return send(res, 400, apiError(400));
      const end = Math.min(offset + (body.limit ?? 100), TOTAL);
      served.pages += 1;
      send(res, 200, {
        request_id: "r",
        status_code: 200,
        results: Array.from({ length: end - offset }, (_, i) => ({ user_id: userId(offset + i) })),
        results_metadata: { total: TOTAL, next_cursor: end < TOTAL ? cursorFor(end) : null },
      });
    });
  });
  return {
    server,
    injected,
    served,
    /** Raw 200 bodies for the next search requests, ahead of the seeded faults and real pages. */
    scriptSearches: (bodies: string[]) => {
      searchScript = [...bodies];
    },
    scriptCreates: (script: (Fault | "ok")[]) => {
      createScript = [...script];
      served.creates = 0;
    },
  };
}

let faulty: ReturnType<typeof faultyServer>;
let baseUrl: string;

beforeAll(async () => {
  faulty = faultyServer(20_250_101);
  await new Promise<void>((resolve) => faulty.server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(faulty.server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  faulty.server.closeAllConnections();
  await new Promise<void>((resolve) => faulty.server.close(() => resolve()));
});

/** A client on the faulty server whose waits between retries are recorded instead of slept. */
function client(maxRetries: number) {
  const waits: number[] = [];
  const stytch = createStytchClient({
    projectId: "project-test-x",
    secret: "secret-x",
    baseUrl,
    maxRetries,
    sleep: async (ms) => {
      waits.push(ms);
    },
  });
  return { stytch, waits };
}

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

describe("users.create (POST /v1/users) is retried only where it cannot land twice", () => {
  it("is not retried after a 500", async () => {
    faulty.scriptCreates(["500", "ok"]);
    const error = await client(8).stytch.users.create({ email: "ada@example.com" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StytchError);
    expect(error).toMatchObject({ status_code: 500, attempts: 1 });
    expect(faulty.served.creates).toBe(1);
  });

  it("is not retried after a connection reset", async () => {
    faulty.scriptCreates(["reset", "ok"]);
    const error = await client(8).stytch.users.create({ email: "ada@example.com" }).catch((e: unknown) => e);
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

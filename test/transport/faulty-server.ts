import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createStytchClient } from "../../src/index.js";

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

export const TOTAL = 25_000;
const FAULT_RATE = 0.2;
export const FAULTS = ["429 Retry-After: 0", "429", "500", "503", "reset"] as const;
export type Fault = (typeof FAULTS)[number];

export const userId = (i: number) => `user-test-${String(i).padStart(8, "0")}`;
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
export function faultyServer(seed: number) {
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

/**
 * The faulty server listening on loopback, and a factory of clients on it whose waits between retries are recorded
 * instead of slept.
 */
export async function startFaulty(seed: number) {
  const faulty = faultyServer(seed);
  await new Promise<void>((resolve) => faulty.server.listen(0, "127.0.0.1", resolve));
  const baseUrl = `http://127.0.0.1:${(faulty.server.address() as AddressInfo).port}`;
  const client = (maxRetries: number) => {
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
  };
  const close = async () => {
    faulty.server.closeAllConnections();
    await new Promise<void>((resolve) => faulty.server.close(() => resolve()));
  };
  return { faulty, client, close };
}

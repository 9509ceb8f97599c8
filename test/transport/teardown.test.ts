// Every timed-out attempt is torn down: its socket is closed, whether or not the caller gave a signal, on a fresh
// client as on a busy one. Counted on the server side, against a server that never answers and one that trickles a
// byte of its body every 100 ms (undici's own body timeout restarts with each byte, so it would never end it).
// What is counted is a socket that carries a request and that the client has not closed (its FIN ends it: an HTTP
// server keeps its own side of a half-closed socket open while the response is unfinished). After an abort, undici
// (Node 20) opens idle connections of its own, without a request, which its keep-alive timer closes a few seconds
// later: those hold no request and are not counted.
import { createServer, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import { createStytchClient, StytchTimeoutError } from "../../src/index.js";

const CONCURRENCY = 20;
const TIMEOUT_MS = 300;

interface Counting {
  url: string;
  open: Set<Socket>;
  requests: number;
  close(): Promise<void>;
}

async function start(kind: "hung" | "trickling"): Promise<Counting> {
  const open = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const state = { url: "", open, requests: 0, close: async () => {} };
  const server: Server = createServer((req, res) => {
    state.requests += 1;
    const socket = req.socket;
    if (!socket.readableEnded && !socket.destroyed) {
      open.add(socket);
      const gone = () => open.delete(socket);
      socket.once("end", gone);
      socket.once("close", gone);
    }
    req.resume();
    if (kind === "hung") return;
    res.writeHead(200, { "content-type": "application/json" });
    res.write("{");
    const timer = setInterval(() => res.write(" "), 100);
    timers.add(timer);
    res.on("close", () => {
      clearInterval(timer);
      timers.delete(timer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () =>
    new Promise<void>((resolve) => {
      for (const timer of timers) clearInterval(timer);
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}

/** Polls (bounded) until no socket is open or `ms` have passed; returns how many are still open. */
async function openAfter(server: Counting, ms: number): Promise<number> {
  const until = Date.now() + ms;
  while (server.open.size > 0 && Date.now() < until) await sleep(20);
  return server.open.size;
}

let running: Counting | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

describe.each(["hung", "trickling"] as const)("a %s server", (kind) => {
  it.each([
    ["without a caller signal", false],
    ["with a caller signal", true],
  ] as const)(
    `${CONCURRENCY} concurrent calls, twice, on a fresh client, ${"%s"}: 0 sockets open 1 s after they time out`,
    async (_name, withSignal) => {
      running = await start(kind);
      const stytch = createStytchClient({
        projectId: "project-test-x",
        secret: "s",
        baseUrl: running.url,
        timeoutMs: TIMEOUT_MS,
        maxRetries: 0,
      });
      const caller = new AbortController();
      for (let wave = 0; wave < 2; wave++) {
        const calls = Array.from({ length: CONCURRENCY }, (_, i) =>
          stytch.users.get({ user_id: `user-test-${wave}-${i}` }, withSignal ? { signal: caller.signal } : {}),
        );
        const results = await Promise.allSettled(calls);
        for (const result of results) {
          expect(result.status).toBe("rejected");
          expect((result as PromiseRejectedResult).reason).toBeInstanceOf(StytchTimeoutError);
        }
        expect(await openAfter(running, 1_000)).toBe(0);
      }
      expect(running.requests).toBe(2 * CONCURRENCY);
      expect(caller.signal.aborted).toBe(false);
    },
  );

  it("a retried call: each timed-out attempt is closed, the retries' too", async () => {
    running = await start(kind);
    const stytch = createStytchClient({
      projectId: "project-test-x",
      secret: "s",
      baseUrl: running.url,
      timeoutMs: TIMEOUT_MS,
      maxRetries: 2,
      sleep: async () => undefined,
    });
    const results = await Promise.allSettled(
      Array.from({ length: CONCURRENCY }, () => stytch.users.get({ user_id: "user-test-r" })),
    );
    expect(results.every((r) => r.status === "rejected" && (r.reason as { attempts: number }).attempts === 3)).toBe(
      true,
    );
    expect(running.requests).toBe(3 * CONCURRENCY);
    expect(await openAfter(running, 1_000)).toBe(0);
  });
});

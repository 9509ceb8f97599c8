import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createStytchClient, type StytchClient } from "../../src/index.js";

/** What the recording server saw: the raw request line's target and method, and the session headers. */
export interface Received {
  method: string;
  url: string;
  session: string | string[] | undefined;
  sessionJwt: string | string[] | undefined;
}

const OK_BODY = JSON.stringify({ request_id: "r", status_code: 200 });

/**
 * A loopback server that records every request and answers 200 (50 ms late for a path ending in `/slow`), and a
 * client on it without retries. `received` is cleared in place by `reset`, so a reference to it stays good.
 */
export async function startRecorder(): Promise<{
  stytch: StytchClient;
  received: Received[];
  reset(): void;
  close(): Promise<void>;
}> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    received.push({
      method: req.method ?? "",
      url: req.url ?? "",
      session: req.headers["x-stytch-member-session"],
      sessionJwt: req.headers["x-stytch-member-sessionjwt"],
    });
    req.resume();
    const delay = req.url?.endsWith("/slow") ? 50 : 0;
    req.on("end", () => {
      setTimeout(() => res.writeHead(200, { "content-type": "application/json" }).end(OK_BODY), delay);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const stytch = createStytchClient({
    projectId: "project-test-x",
    secret: "secret-x",
    baseUrl: `http://127.0.0.1:${port}`,
    maxRetries: 0,
  });
  return {
    stytch,
    received,
    reset: () => void received.splice(0),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Calls a wrapper method, failing the test if it throws synchronously instead of rejecting. */
export async function settle(
  call: () => unknown,
): Promise<{ ok: true; value: unknown } | { ok: false; error: unknown }> {
  let promise: unknown;
  try {
    promise = call();
  } catch (error) {
    throw new Error(`synchronous throw instead of a rejection: ${String(error)}`);
  }
  try {
    return { ok: true, value: await promise };
  } catch (error) {
    return { ok: false, error };
  }
}

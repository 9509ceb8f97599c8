import { createServer, request, type IncomingMessage, type Server } from "node:http";
import { afterAll } from "vitest";
import { SPEC } from "../emulator/support.js";
import { serveProxy, type ProxyOptions, type RecordedExchange, type RunningProxy } from "../../src/proxy/server.js";

/** A drift proxy in front of `target`, closed after the file's tests; `lines` is its console, `exchanges` its record. */
export async function startProxy(
  target: string,
  options: Partial<ProxyOptions> = {},
): Promise<RunningProxy & { lines: string[]; exchanges: RecordedExchange[] }> {
  const lines: string[] = [];
  const exchanges: RecordedExchange[] = [];
  const proxy = await serveProxy({
    spec: SPEC,
    target: new URL(target),
    port: 0,
    log: (l) => lines.push(l),
    onExchange: (x) => exchanges.push(x),
    ...options,
  });
  afterAll(() => proxy.close());
  return Object.assign(proxy, { lines, exchanges });
}

/** Waits (bounded) until the proxy has checked `n` exchanges: checks run just after each answer is out. */
export async function settled(
  proxy: { report: { json(): { summary: { exchanges: number } } } },
  n: number,
): Promise<void> {
  for (let i = 0; i < 200 && proxy.report.json().summary.exchanges < n; i++) await new Promise((r) => setTimeout(r, 5));
}

export type Mutation = (
  operation: { method: string; path: string },
  status: number,
  body: Record<string, unknown>,
) => { status: number; body: unknown } | undefined;

/** A "live-like" server: forwards to `upstream` and lets `mutate` change an answer (status or JSON body). */
export async function startMutatingServer(
  upstream: string,
  mutate: Mutation,
): Promise<{ url: string; server: Server }> {
  const target = new URL(upstream);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const forward = request(
        { hostname: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
        (answer: IncomingMessage) => {
          const parts: Buffer[] = [];
          answer.on("data", (c: Buffer) => parts.push(c));
          answer.on("end", () => {
            const text = Buffer.concat(parts).toString("utf8");
            let out = { status: answer.statusCode ?? 500, body: text as unknown };
            try {
              const changed = mutate(
                { method: req.method ?? "GET", path: (req.url ?? "").split("?")[0]! },
                answer.statusCode ?? 500,
                JSON.parse(text),
              );
              if (changed) out = { status: changed.status, body: JSON.stringify(changed.body) };
            } catch {
              // not JSON: passed on as is
            }
            res.writeHead(out.status, { "content-type": "application/json" }).end(out.body as string);
          });
        },
      );
      forward.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, server };
}

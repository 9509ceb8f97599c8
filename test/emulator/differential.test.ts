import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { createServer, request, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnPrism } from "../../scripts/lib/prism.mjs";
import { freePort } from "../support/prism.js";
import { contractCases, generated, HOSTILE, recorded, type Sample } from "./differential-corpus.js";
import { AUTH, startEmulator } from "./support.js";

/**
 * Accept or refuse, asked of two independent judges: the emulator's validator (Ajv) and `prism proxy --errors`
 * (Prism's own validator), over one corpus: the recorded Ruby, Python and Go SDK requests, our client's contract
 * cases, a hostile set, and bodies generated from the spec's request schemas with fast-check. Prism proxies to a
 * counting upstream: a request it forwards is one it accepted. Every disagreement must be listed, with its reason,
 * in openapi/NOTES-emulator.md (KNOWN below). The corpus is built in differential-corpus.ts.
 */

/** Disagreements explained in openapi/NOTES-emulator.md ("Where the emulator and Prism disagree"), by rule. */
const KNOWN: { rule: string; test: (s: Sample, emulator: boolean) => boolean }[] = [];

const emulator = await startEmulator({ data: undefined });
let upstream: Server;
let prism: ReturnType<typeof spawnPrism>;
let dir: string;

beforeAll(async () => {
  upstream = createServer((req, res) => {
    req.resume();
    res.writeHead(200, { "content-type": "application/json" }).end("{}");
  });
  await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
  dir = mkdtempSync(join(tmpdir(), "stytch-differential-"));
  const spec = join(dir, "openapi.yaml");
  copyFileSync(new URL("../../dist/openapi.yaml", import.meta.url), spec);
  const { port } = upstream.address() as { port: number };
  prism = spawnPrism({ spec, port: await freePort(), quiet: true, upstream: `http://127.0.0.1:${port}` });
  await prism.ready;
}, 90_000);

afterAll(async () => {
  await prism?.stop();
  await new Promise((resolve) => upstream?.close(resolve));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function send(base: string, s: Sample): Promise<{ status: number }> {
  const url = new URL(s.path, base);
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { authorization: AUTH, ...s.headers };
    if (s.body !== undefined) {
      headers["content-type"] = "application/json";
      headers["content-length"] = String(Buffer.byteLength(s.body));
    }
    const out = request(
      { host: url.hostname, port: url.port, method: s.method, path: url.pathname + url.search, headers },
      (answer) => {
        answer.resume();
        answer.on("end", () => resolve({ status: answer.statusCode ?? 0 }));
      },
    );
    out.on("error", reject);
    out.end(s.body);
  });
}

/** Whether the emulator's validator accepted the sample (its log names where it refused). */
async function emulatorAccepts(s: Sample): Promise<boolean> {
  emulator.logs.length = 0;
  await send(emulator.url, s);
  const entry = emulator.logs.at(-1)!;
  return entry.invalid === undefined && entry.error_type !== "route_not_found";
}

/**
 * Whether Prism accepted the sample: it refuses a request with a 422 problem. (Counting
 * what reaches the upstream is not enough: Prism 5.14's proxy sometimes fails to forward a request right after one
 * with a `null` body and answers a 500 of its own.)
 */
async function prismAccepts(s: Sample): Promise<boolean> {
  return (await send(prism.url, s)).status !== 422;
}

describe("the emulator's validator and Prism's agree on what to accept", () => {
  it("on the recorded SDK requests, the contract cases, a hostile set and generated bodies", {
    timeout: 240_000,
  }, async () => {
    const corpus = [...(await recorded()), ...(await contractCases()), ...HOSTILE, ...generated(12, 4242)];
    const disagreements: string[] = [];
    const explained: Record<string, number> = {};
    let accepted = 0;
    for (const sample of corpus) {
      const [ours, theirs] = [await emulatorAccepts(sample), await prismAccepts(sample)];
      if (ours) accepted++;
      if (ours === theirs) continue;
      const known = KNOWN.find((k) => k.test(sample, ours));
      if (known) explained[known.rule] = (explained[known.rule] ?? 0) + 1;
      else
        disagreements.push(
          `${sample.source}: emulator ${ours ? "accepts" : "refuses"}, Prism ${theirs ? "accepts" : "refuses"}: ${sample.method} ${sample.path} ${sample.body ?? ""}`.slice(
            0,
            400,
          ),
        );
    }
    console.log(
      `differential: ${corpus.length} requests, ${accepted} accepted by the emulator, explained disagreements: ${JSON.stringify(explained)}`,
    );
    expect(disagreements).toEqual([]);
    expect(corpus.length).toBeGreaterThan(900);
  });
});

// The official Node SDK's side of `npm run wire:replay`: its calls are not recorded but made live, with the vendor
// test's cases (test/vendor/vendor.cases.ts, compiled here with esbuild), through a proxy that keeps Prism's
// verdict on each request on its way to the mock.
import { readFile } from "node:fs/promises";
import { createServer, request } from "node:http";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { root } from "./run.mjs";
import { badTimestamps, routeFor, specRoutes, timestamps } from "./wire-replay.mjs";

/** @import { CallResult, Violation } from "./wire-replay.mjs" */
/** @import { Spec } from "./spec.mjs" */

/**
 * What the proxy saw of one request: the method and path sent, and Prism's verdict on it.
 * @typedef {{ method: string, path: string, status: number, violations: Violation[], badTimestamps: string[], timestamps: number }} Seen
 */

/**
 * The official Node SDK's vendor-test calls (minimal and full) against the mock at `baseUrl` serving `spec`, one
 * result per request the SDK sent. `work` is a scratch folder for the compiled cases.
 * @example const results = await replayNode(spec, prism.url, await mkdtemp(join(tmpdir(), "wire-")));
 * @param {Spec} spec
 * @param {string} baseUrl
 * @param {string} work
 * @returns {Promise<CallResult[]>}
 */
export async function replayNode(spec, baseUrl, work) {
  const entry = join(work, "node-cases.mjs");
  const { build } = await import("esbuild");
  await build({
    entryPoints: [join(root, "test/vendor/vendor.cases.ts")],
    bundle: true,
    platform: "node",
    format: "esm",
    external: ["stytch"],
    outfile: entry,
    logLevel: "error",
  });
  /** @type {typeof import("../../test/vendor/vendor.cases.js")} */
  const { vendorCases } = await import(pathToFileURL(entry).href);
  const stytch = (await import("stytch")).default;
  const proxy = await startProxy(baseUrl);
  const warn = console.warn;
  console.warn = () => undefined; // the SDK warns that `env` is not a Stytch URL
  try {
    const config = { project_id: "project-test-11111111-2222", secret: "secret-test-abc", env: `${proxy.url}/` };
    const sdk = { b2c: new stytch.Client(config), b2b: new stytch.B2BClient(config) };
    const { version } = JSON.parse(await readFile(join(root, "node_modules/stytch/package.json"), "utf8"));
    const routes = specRoutes(spec);
    /** @type {CallResult[]} */
    const results = [];
    for (const [operationId, c] of Object.entries(vendorCases)) {
      for (const variant of /** @type {const} */ (["minimal", "full"])) {
        proxy.seen.length = 0;
        await c[variant](sdk).catch(() => undefined);
        for (const seen of proxy.seen) {
          const recording = {
            sdk: "node",
            sdk_version: version,
            operation: operationId,
            variant,
            method: seen.method,
            path: seen.path,
          };
          const route = routeFor(routes, seen.method, seen.path);
          results.push(
            route
              ? {
                  recording,
                  route,
                  ...seen,
                  accepted: seen.status >= 200 && seen.status < 300 && seen.violations.length === 0,
                }
              : { recording, route },
          );
        }
      }
    }
    return results;
  } finally {
    console.warn = warn;
    await proxy.close();
  }
}

/**
 * A loopback proxy to `target` that notes the method, path and Prism's verdict of every request it forwards.
 * @param {string} target
 * @returns {Promise<{ url: string, seen: Seen[], close(): Promise<void> }>}
 */
async function startProxy(target) {
  const upstream = new URL(target);
  /** @type {Seen[]} */
  const seen = [];
  const server = createServer((req, res) => {
    /** @type {Buffer[]} */
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const out = request(
        { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
        (answer) => {
          /** @type {Buffer[]} */
          const body = [];
          answer.on("data", (c) => body.push(c));
          answer.on("end", () => {
            const raw = answer.headers["sl-violations"];
            let json;
            try {
              json = JSON.parse(Buffer.concat(body).toString("utf8"));
            } catch {
              json = undefined;
            }
            seen.push({
              method: req.method ?? "",
              path: (req.url ?? "").split("?")[0] ?? "",
              status: answer.statusCode ?? 0,
              violations: typeof raw === "string" ? JSON.parse(raw) : [],
              badTimestamps: badTimestamps(json),
              timestamps: timestamps(json).length,
            });
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            res.end(Buffer.concat(body));
          });
        },
      );
      out.on("error", (error) => res.writeHead(502).end(String(error)));
      out.end(Buffer.concat(chunks));
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(undefined)));
  const { port } = /** @type {import("node:net").AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

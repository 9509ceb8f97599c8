// The code samples that the docs page shows (built by scripts/lib/code-samples.mjs) must work as printed: each
// TypeScript sample's call, made with our client, and each curl sample's request get a 200 from the mock with no
// sl-violations. Runs in Node, next to the browser tests of the same docs.
import { join } from "node:path";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { createStytchClient } from "../../src/index.js";
import { clientCalls } from "../../scripts/lib/operation-table.mjs";
import { exampleCall, PROJECT_ID, SECRET } from "../../scripts/lib/code-samples.mjs";
import { loadSpec, operations, type SpecOperation } from "../../scripts/lib/spec.mjs";
import { root } from "./browser.js";

const prismUrl = inject("prismUrl");
let spec: Record<string, unknown>;
let ops: SpecOperation[];

beforeAll(async () => {
  spec = await loadSpec(join(root, "dist/openapi.yaml"));
  ops = operations(spec);
});

/** Our client pointed at the mock; its fetch records Prism's verdict and asks for the sample's example. */
function recordingClient(prefer: string | undefined) {
  const seen: { status: number; violations: string | null }[] = [];
  const stytch = createStytchClient({
    projectId: PROJECT_ID,
    secret: SECRET,
    baseUrl: prismUrl,
    maxRetries: 0,
    fetch: async (input, init) => {
      const headers = new Headers(init.headers);
      if (prefer) headers.set("Prefer", prefer);
      const response = await fetch(input, { ...init, headers });
      seen.push({ status: response.status, violations: response.headers.get("sl-violations") });
      return response;
    },
  });
  return { stytch, seen };
}

describe("the docs' code samples, run against the mock", () => {
  it("every operation has a TypeScript sample (a method of our client) whose call succeeds without violations", async () => {
    const methods = clientCalls(spec);
    const failures: string[] = [];
    for (const op of ops) {
      const method = methods.get(`${op.method} ${op.path}`);
      if (!method) {
        failures.push(`${op.operationId}: no client method`);
        continue;
      }
      const call = exampleCall(spec, op);
      const { stytch, seen } = recordingClient(call.responseExample && `example=${call.responseExample}`);
      // "stytch.users.get" -> the function at stytch.users.get
      const fn = method.call
        .split(".")
        .slice(1)
        .reduce<unknown>((obj, key) => (obj as Record<string, unknown>)[key], stytch) as (
        args: object,
      ) => Promise<unknown>;
      try {
        await fn({ ...call.pathParams, ...call.query, ...call.body });
      } catch (error) {
        failures.push(`${op.operationId} (${method.call}): ${(error as Error).message}`);
      }
      if (seen.length === 0) failures.push(`${op.operationId} (${method.call}): sent nothing`);
      for (const s of seen.filter((x) => x.status !== 200 || x.violations)) {
        failures.push(`${op.operationId} (${method.call}): ${s.status} ${s.violations ?? ""}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it("every curl sample's request gets a 200 without violations", async () => {
    const failures: string[] = [];
    for (const op of ops) {
      const call = exampleCall(spec, op);
      const query = new URLSearchParams(Object.entries(call.query).map(([k, v]) => [k, String(v)])).toString();
      const hasBody = op.method !== "get" && op.method !== "delete" && op.op.requestBody !== undefined;
      const response = await fetch(`${prismUrl}${call.path}${query ? `?${query}` : ""}`, {
        method: op.method.toUpperCase(),
        headers: {
          Authorization: `Basic ${btoa(`${PROJECT_ID}:${SECRET}`)}`,
          ...(call.responseExample ? { Prefer: `example=${call.responseExample}` } : {}),
          ...(hasBody ? { "Content-Type": "application/json" } : {}),
        },
        body: hasBody ? JSON.stringify(call.body) : undefined,
      });
      const violations = response.headers.get("sl-violations");
      if (response.status !== 200 || violations)
        failures.push(`${op.operationId}: ${response.status} ${violations ?? ""}`);
    }
    expect(failures).toEqual([]);
  });
});

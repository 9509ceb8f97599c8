import { readFileSync } from "node:fs";
import { parse } from "yaml";
import type { OperationId } from "../../src/generated/operations.js";
import { createStytchClient, type StytchClient } from "../../src/index.js";

/** One request the client sent to the mock and what came back. */
export interface Exchange {
  method: string;
  pathname: string;
  status: number;
  /** Parsed `sl-violations` header: Prism's list of request/response violations, or [] when absent. */
  violations: unknown[];
}

export const PROJECT_ID = "project-test-11111111-2222-3333-4444-555555555555";
export const SECRET = "secret-test-DO-NOT-LEAK-6f1c2d3e4f5a6b7c8d9e0f";

/**
 * A client of ours pointed at the Prism mock, whose injected fetch records every exchange (with Prism's
 * `sl-violations`) and can add a `Prefer` header to pick a status or a named example.
 */
export function contractClient(baseUrl: string) {
  const exchanges: Exchange[] = [];
  let prefer: string | undefined;
  const fetch = async (input: string, init: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const headers = new Headers(request.headers);
    if (prefer) headers.set("Prefer", prefer);
    const body = request.body ? await request.arrayBuffer() : undefined;
    const response = await globalThis.fetch(request.url, { method: request.method, headers, body });
    const raw = response.headers.get("sl-violations");
    exchanges.push({
      method: request.method,
      pathname: new URL(request.url).pathname,
      status: response.status,
      violations: raw ? (JSON.parse(raw) as unknown[]) : [],
    });
    return response;
  };
  const stytch = createStytchClient({ projectId: PROJECT_ID, secret: SECRET, baseUrl, fetch, maxRetries: 0 });
  return {
    stytch,
    exchanges,
    /** Sends `Prefer: <value>` on the following requests (`code=404`, `example=first_page`); undefined stops. */
    prefer(value: string | undefined) {
      prefer = value;
    },
  };
}

/** One operation's contract test: a typical call through our client (the route it must hit is the table's). */
export interface ContractCase {
  call: (stytch: StytchClient) => Promise<unknown>;
}

/** Contract cases of one API area, keyed by operationId (a misspelt one does not compile). */
export type ContractCases = { [Id in OperationId]?: ContractCase };

/** Whether a concrete pathname is an instance of a path template such as `/v1/users/{user_id}`. */
export function matchesTemplate(pathname: string, template: string): boolean {
  const got = pathname.split("/");
  const want = template.split("/");
  return (
    got.length === want.length &&
    want.every((segment, i) => (/^\{[^}]+\}$/.test(segment) ? got[i] !== "" : segment === got[i]))
  );
}

/** Every operation of the bundled spec: operationId → method, path and documented response codes. */
export function specOperations(): Map<string, SpecOperation> {
  type Param = { $ref?: string; name?: string; in?: string };
  const spec = parse(readFileSync(new URL("../../dist/openapi.yaml", import.meta.url), "utf8")) as {
    paths: Record<
      string,
      Record<string, { operationId?: string; responses?: Record<string, unknown>; parameters?: Param[] }>
    >;
    components: { parameters?: Record<string, Param> };
  };
  const resolve = (p: Param): Param => (p.$ref ? spec.components.parameters![p.$ref.split("/").pop()!]! : p);
  const ops = new Map<string, SpecOperation>();
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!["get", "post", "put", "delete", "patch"].includes(method) || !op.operationId) continue;
      const headers = (op.parameters ?? [])
        .map(resolve)
        .filter((p) => p.in === "header")
        .map((p) => p.name!);
      ops.set(op.operationId, { method, path, codes: Object.keys(op.responses ?? {}), headers });
    }
  }
  return ops;
}

/** An operation of the bundled spec: route, documented status codes and header parameters. */
export interface SpecOperation {
  method: string;
  path: string;
  codes: string[];
  headers: string[];
}

// A local user search for the export tests: `total` users in cursor pages, failing a seeded fraction of requests
// the ways a long export meets in production (429 with and without Retry-After, 500, 503, a reset connection), and
// able to run a callback at a chosen request (the kill -9 test).
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

export type Fault = "429 Retry-After: 0" | "429" | "500" | "503" | "reset";
const FAULTS: Fault[] = ["429 Retry-After: 0", "429", "500", "503", "reset"];

/** A user with values that CSV must quote: commas, quotes, a newline and non-ASCII text. */
export function user(i: number) {
  return {
    user_id: `user-test-${String(i).padStart(8, "0")}-0000-4000-8000-000000000000`,
    status: i % 7 === 0 ? "pending" : "active",
    name: { first_name: `Ada, "the" ${i}`, last_name: "Lovelace\nKing", middle_name: "Ñandú" },
    emails: [{ email_id: `email-test-${i}`, email: `user${i}@example.com`, verified: true }],
    created_at: "2026-11-30T12:00:00Z",
  };
}

/** A member of organization `organization_id`. */
export function member(organization_id: string, i: number) {
  return {
    organization_id,
    member_id: `member-test-${organization_id.slice(-4)}-${i}`,
    email_address: `m${i}@${organization_id.slice(-4)}.example.com`,
    status: "active",
  };
}

export interface FaultyApi {
  url: string;
  /** Faults served, by kind. */
  faults: Record<Fault, number>;
  /** Search requests answered with a page. */
  pages: number;
  close(): Promise<void>;
}

/**
 * `failRate` of requests fail (seeded, so a run is repeatable); `onRequest(n)` runs before the n-th request (from 1)
 * is answered, and may return true to leave it unanswered.
 */
export async function startFaultyApi(options: {
  total: number;
  failRate: number;
  seed?: number;
  onRequest?: (n: number) => boolean | undefined;
  /** Answers the n-th request with a 500 when true (an outage). */
  failWhen?: (n: number) => boolean;
  /** Answers the n-th request with this status and JSON body instead, when it returns one; gets the request's headers. */
  respond?: (n: number, headers: IncomingMessage["headers"]) => { status: number; body: unknown } | undefined;
  /** B2B: this many organizations (in pages of the requested limit), each with `membersPerOrganization` members. */
  organizations?: number;
  membersPerOrganization?: number;
}): Promise<FaultyApi> {
  const organizations = Array.from({ length: options.organizations ?? 0 }, (_, i) => ({
    organization_id: `organization-test-00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
    organization_name: `Org ${i}`,
  }));
  let state = options.seed ?? 42;
  const random = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const faults = Object.fromEntries(FAULTS.map((f) => [f, 0])) as Record<Fault, number>;
  let requests = 0;
  const api: FaultyApi = { url: "", faults, pages: 0, close: async () => {} };
  const server = createServer((req: IncomingMessage, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      requests++;
      if (options.onRequest?.(requests)) return;
      const answer = options.respond?.(requests, req.headers);
      if (answer) {
        res.writeHead(answer.status, { "content-type": "application/json" });
        return res.end(JSON.stringify(answer.body));
      }
      if (options.failWhen?.(requests)) {
        res.writeHead(500, { "content-type": "application/json" });
        return res.end(
          JSON.stringify({
            status_code: 500,
            request_id: `request-id-outage-${requests}`,
            error_type: "internal_server_error",
            error_message: "outage",
          }),
        );
      }
      if (random() < options.failRate) {
        const fault = FAULTS[Math.floor(random() * FAULTS.length)]!;
        faults[fault]++;
        if (fault === "reset") return req.socket.destroy();
        const status = Number(fault.slice(0, 3));
        res.writeHead(status, {
          "content-type": "application/json",
          ...(fault === "429 Retry-After: 0" ? { "retry-after": "0" } : {}),
        });
        return res.end(
          JSON.stringify({
            status_code: status,
            request_id: `request-id-fault-${requests}`,
            error_type: status === 429 ? "too_many_requests" : "internal_server_error",
            error_message: "injected fault",
          }),
        );
      }
      const {
        cursor,
        limit = 100,
        organization_ids,
      } = JSON.parse(body || "{}") as { cursor?: string; limit?: number; organization_ids?: string[] };
      const path = new URL(req.url ?? "/", "http://x").pathname;
      // Users; or organizations, each holding `membersPerOrganization` members; or one organization's members.
      const list =
        path === "/v1/b2b/organizations/search"
          ? { key: "organizations", size: organizations.length, item: (i: number) => organizations[i] }
          : path === "/v1/b2b/organizations/members/search"
            ? {
                key: "members",
                size: options.membersPerOrganization ?? 0,
                item: (i: number) => member(organization_ids![0]!, i),
              }
            : { key: "results", size: options.total, item: user };
      const start = cursor ? Number(cursor.replace("cursor-", "")) : 0;
      const end = Math.min(start + limit, list.size);
      api.pages++;
      res.writeHead(200, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          request_id: `request-id-${requests}`,
          status_code: 200,
          [list.key]: Array.from({ length: end - start }, (_, i) => list.item(start + i)),
          results_metadata: { total: list.size, next_cursor: end < list.size ? `cursor-${end}` : null },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  api.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  api.close = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return api;
}

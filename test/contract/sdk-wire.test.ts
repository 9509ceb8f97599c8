import { beforeAll, describe, expect, inject, it } from "vitest";
import { acceptedCounts, readWireResult } from "../../scripts/lib/sdk-wire-result.mjs";
import { routeFor, send, type Recording } from "../../scripts/lib/wire-replay.mjs";
import { discoverOperations } from "../support/operations.js";
import { described, line, recordings, routes, withBody } from "./sdk-wire-support.js";

/**
 * Every request the official Ruby, Python and Go SDKs sent (test/fixtures/sdk-wire/, recorded data), replayed
 * byte for byte against the Prism mock of the bundled spec: each must get a 2xx with no `sl-violations`. Lines of
 * operations the spec does not describe yet are skipped, and their names printed. Then the other side: what no
 * SDK sends stays refused.
 */
const notDescribed = [
  ...new Set(recordings.filter((r) => !routeFor(routes, r.method, r.path)).map((r) => r.operation)),
];

describe("official SDK traffic replayed against the mock", () => {
  it(`skips the operations the spec does not describe yet, by name: ${notDescribed.join(", ") || "none"}`, () => {
    if (notDescribed.length > 0)
      console.info(`sdk-wire replay: not described by the spec yet, skipped: ${notDescribed.join(", ")}`);
    // Only whole operations are skipped: every other line of the recordings is replayed below.
    expect(described.length + recordings.filter((r) => notDescribed.includes(r.operation)).length).toBe(
      recordings.length,
    );
  });

  it("replays every operation of the spec, from each of the three SDKs, minimal and full", () => {
    for (const sdk of ["ruby", "python", "go"]) {
      const covered = new Set(
        described
          .filter((r) => r.sdk === sdk)
          .map((r) => `${r.variant} ${routeFor(routes, r.method, r.path)!.operationId}`),
      );
      const want = routes.flatMap((route) => [`minimal ${route.operationId}`, `full ${route.operationId}`]);
      expect([...covered].sort(), sdk).toEqual(want.sort());
    }
  });

  it("wire:replay's result (openapi/sdk-wire.json, docs/upstream.md's Proven against table) says every SDK is accepted on every operation of the spec", async () => {
    const counts = acceptedCounts(await readWireResult());
    for (const sdk of ["node", "ruby", "python", "go"]) {
      expect(counts.find((c) => c.sdk === sdk)?.oursCell, sdk).toBe(`${routes.length}/${routes.length}`);
    }
  });

  it("routes each line to the operation our client's method of the same name calls", async () => {
    const ours = new Map((await discoverOperations()).map((o) => [o.name, `${o.method.toLowerCase()} ${o.template}`]));
    for (const r of described) {
      const route = routeFor(routes, r.method, r.path)!;
      expect(`${route.method} ${route.path}`, `${r.file}:${r.line} ${r.operation}`).toBe(ours.get(r.operation));
    }
  });

  for (const r of described) {
    it(`${r.file}:${r.line} ${r.operation} (${r.variant}): ${r.method} answers 2xx with no violations`, async () => {
      const answer = await send(inject("prismUrl"), r);
      expect(answer.violations).toEqual([]);
      expect(answer.status).toBeGreaterThanOrEqual(200);
      expect(answer.status).toBeLessThan(300);
    });
  }
});

describe("what no SDK sends is still refused", () => {
  let prism: string;
  beforeAll(() => {
    prism = inject("prismUrl");
  });

  /** Prism's verdict: refused when it lists violations (its 400 example, or 422). */
  async function refused(r: Recording): Promise<boolean> {
    const answer = await send(prism, r);
    return answer.violations.length > 0 && answer.status >= 400;
  }

  it("an unknown body field that is not a path parameter of the operation", async () => {
    const update = line("python", "users.update");
    const body = JSON.parse(update.body!) as Record<string, unknown>;
    expect(await refused(withBody(update, JSON.stringify({ ...body, nickname: "Ada" })))).toBe(true);
    // A path parameter of *another* operation is just as unknown here.
    expect(await refused(withBody(update, JSON.stringify({ ...body, member_id: "member-test-1" })))).toBe(true);
    const reactivate = line("go", "organizations.members.reactivate");
    expect(await refused(withBody(reactivate, JSON.stringify({ ...JSON.parse(reactivate.body!), force: true })))).toBe(
      true,
    );
  });

  it("a wrong type, in the body (also for an echoed id) and in a query boolean", async () => {
    const update = line("go", "users.update");
    expect(await refused(withBody(update, JSON.stringify({ user_id: 42 })))).toBe(true);
    expect(await refused(withBody(update, JSON.stringify({ name: "Ada" })))).toBe(true);
    const dangerouslyGet = line("python", "organizations.members.dangerouslyGet", "full");
    for (const spelling of ["maybe", "1", "TRUE", "yes"]) {
      const query = dangerouslyGet.query.replace("include_deleted=True", `include_deleted=${spelling}`);
      expect(await refused({ ...dangerouslyGet, query }), spelling).toBe(true);
    }
  });

  it("both Python spellings and both JSON spellings of a query boolean are accepted", async () => {
    const google = line("python", "organizations.members.oauthProviders.google", "full");
    for (const spelling of ["True", "False", "true", "false"]) {
      const query = google.query.replace("include_refresh_token=True", `include_refresh_token=${spelling}`);
      const answer = await send(prism, { ...google, query });
      expect([answer.status, answer.violations], spelling).toEqual([200, []]);
    }
  });

  it("a missing required field, even when the echoed path ids are there", async () => {
    const create = line("python", "organizations.members.create");
    const { email_address: _, ...withoutEmail } = JSON.parse(create.body!) as Record<string, unknown>;
    expect(await refused(withBody(create, JSON.stringify(withoutEmail)))).toBe(true);
    // "email_address or phone_number": the echoed user_id alone does not count as one of them.
    const exchange = line("go", "users.exchangePrimaryFactor");
    expect(await refused(withBody(exchange, JSON.stringify({ user_id: JSON.parse(exchange.body!).user_id })))).toBe(
      true,
    );
    const unlink = line("go", "organizations.members.unlinkRetiredEmail");
    const { email_id: __, ...onlyIds } = JSON.parse(unlink.body!) as Record<string, unknown>;
    expect(await refused(withBody(unlink, JSON.stringify(onlyIds)))).toBe(true);
  });

  it("DELETE with no body, with `{}`, or with an empty body and a JSON content type is accepted; a field is not", async () => {
    const del = line("ruby", "users.delete");
    expect(del.body).toBeNull();
    const cases: [string, Recording][] = [
      ["no body (Ruby, Go)", del],
      ["{} (Node)", withBody(del, "{}")],
      ["empty, Content-Length: 0 (Python)", line("python", "users.delete")],
      ["empty, JSON content type", withBody(del, "")],
    ];
    for (const [label, r] of cases) {
      const answer = await send(prism, r);
      expect([answer.status, answer.violations], label).toEqual([200, []]);
    }
    expect(await refused(withBody(del, JSON.stringify({ user_id: "user-test-1" })))).toBe(true);
  });
});

import { createServer, type Server } from "node:http";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openRecord, openReportFile } from "../../src/proxy/files.js";
import { createEmulator } from "../../src/emulator/index.js";
import { startEmulator, SPEC, DATA } from "../emulator/support.js";
import { PROJECT_ID, SECRET } from "../support/contract.js";
import { settled, startProxy } from "./support.js";

const emulator = await startEmulator();
const dir = mkdtempSync(join(tmpdir(), "drift-proxy-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const AUTH = `Basic ${Buffer.from(`${PROJECT_ID}:${SECRET}`).toString("base64")}`;

describe("no secret or personal value reaches the report, the record or the console", async () => {
  const record = openRecord(join(dir, "record"), 1);
  const proxy = await startProxy(emulator.url, { onExchange: (x) => record.add(x) });
  const writer = openReportFile(join(dir, "drift.md"), proxy.report, 1);

  it("searches every file written and every console line for each value sent", async () => {
    const sent = {
      email: "ada.lovelace.secret@example.com",
      phone: "+12025550199",
      first: "Augusta",
      last: "Byronesque",
      ip: "203.0.113.77",
      agent: "Mozilla/5.0 (SecretAgent 42)",
      token: "session-token-must-not-leak-1234567890",
      jwt: "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJtZW1iZXItbGVhayJ9.c2lnbmF0dXJlLWxlYWs",
    };
    const headers = { authorization: AUTH, "content-type": "application/json" };
    const created = await fetch(`${proxy.url}/v1/users`, {
      method: "POST",
      headers,
      body: JSON.stringify({
        email: sent.email,
        phone_number: sent.phone,
        name: { first_name: sent.first, last_name: sent.last },
        attributes: { ip_address: sent.ip, user_agent: sent.agent },
      }),
    });
    const { user_id } = (await created.json()) as { user_id: string };
    await fetch(`${proxy.url}/v1/users/${user_id}`, { headers });
    await fetch(`${proxy.url}/v1/users/search`, {
      method: "POST",
      headers,
      body: JSON.stringify({
        query: { operator: "AND", operands: [{ filter_name: "full_name_fuzzy", filter_value: sent.last }] },
        extra_field: sent.email,
      }),
    });
    await fetch(`${proxy.url}/v1/b2b/organizations/organization-test-x/members/member-test-x`, {
      headers: { ...headers, "x-stytch-member-session": sent.token, "x-stytch-member-session-jwt": sent.jwt },
    });
    await fetch(`${proxy.url}/v1/users?email=${encodeURIComponent(sent.email)}`, { headers }); // outside the description
    await settled(proxy, 5);
    writer.close();
    record.close();
    expect(proxy.report.size).toBeGreaterThan(0); // the search's extra_field at least: examples were written
    const files = [
      join(dir, "drift.json"),
      join(dir, "drift.md"),
      ...readdirSync(join(dir, "record")).map((f) => join(dir, "record", f)),
    ];
    const written = [
      ...files.map((f) => readFileSync(f, "utf8")),
      proxy.lines.join("\n"),
      proxy.report.markdown(),
    ].join("\n");
    const secretParts = [SECRET, AUTH.slice(6), PROJECT_ID];
    for (const value of [
      ...Object.values(sent),
      ...secretParts,
      encodeURIComponent(sent.email),
      sent.email.split("@")[0]!,
    ])
      expect(written, value).not.toContain(value);
    expect(written).toContain("@example.invalid"); // placeholders, stable within the run
    const exchanges = readFileSync(join(dir, "record/exchanges.ndjson"), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(exchanges[0].request.body.email).toBe(exchanges[0].response.body.user.emails[0].email);
  });

  it("the record loads into the emulator (serve --data)", () => {
    const data = JSON.parse(readFileSync(join(dir, "record/data.json"), "utf8"));
    expect(data.users.length).toBeGreaterThan(0);
    const loaded = createEmulator({
      spec: SPEC,
      data: { ...data, organizations: [...DATA.organizations, ...data.organizations] },
    });
    expect(loaded.fake.snapshot().users.map((u: { user_id: string }) => u.user_id)).toEqual(
      expect.arrayContaining(data.users.map((u: { user_id: string }) => u.user_id)),
    );
  });

  it("the record replays: each recorded GET, sent again to an emulator started from data.json, gets the recorded answer", async () => {
    const data = JSON.parse(readFileSync(join(dir, "record/data.json"), "utf8"));
    const replay = await startEmulator({
      data: { ...data, organizations: [...DATA.organizations, ...data.organizations] },
    });
    const exchanges = readFileSync(join(dir, "record/exchanges.ndjson"), "utf8")
      .trim()
      .split("\n")
      .map(
        (l) =>
          JSON.parse(l) as {
            method: string;
            operationId?: string;
            url: string;
            response: { status: number; body?: Record<string, unknown> };
          },
      );
    const gets = exchanges.filter((x) => x.method === "GET" && x.operationId === "getUser");
    expect(gets.length).toBeGreaterThan(0);
    for (const x of gets) {
      const answer = await fetch(`${replay.url}${x.url}`, { headers: { authorization: AUTH } });
      expect(answer.status).toBe(x.response.status);
      const { request_id: _a, ...body } = (await answer.json()) as Record<string, unknown>;
      const { request_id: _b, ...recorded } = x.response.body!;
      expect(body).toEqual(recorded);
    }
  });

  it("a second proxy on the same --report file is refused", () => {
    expect(() => openReportFile(join(dir, "drift.json"), proxy.report)).not.toThrow(); // the first one closed its lock
    const first = openReportFile(join(dir, "shared"), proxy.report);
    expect(() => openReportFile(join(dir, "shared.md"), proxy.report)).toThrow(/another proxy \(pid \d+\) holds/);
    first.close();
  });
});

async function hostile(
  handler: (req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse) => void,
): Promise<string> {
  const server: Server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  afterAll(() => {
    server.closeAllConnections();
    return new Promise<void>((r) => server.close(() => r()));
  });
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}

describe("hostile targets and input: a clear error answer, and the proxy stays up", async () => {
  const hangs = await startProxy(await hostile(() => undefined), { timeoutMs: 300 });
  const resets = await startProxy(await hostile((req) => req.socket.destroy()));
  const redirects = await startProxy(
    await hostile((_req, res) => res.writeHead(302, { location: "https://evil.example/steal" }).end()),
  );
  const honest = await startProxy(emulator.url, { bufferBytes: 64 * 1024 });

  it("a target that hangs: 504; resets: 502; redirects: 502 (never followed), each in the API's error object", async () => {
    for (const [proxy, status, type] of [
      [hangs, 504, "upstream_timeout"],
      [resets, 502, "upstream_unreachable"],
      [redirects, 502, "upstream_redirect"],
    ] as const) {
      const answer = await fetch(`${proxy.url}/v1/users/user-test-1`, { headers: { authorization: AUTH } });
      expect(answer.status).toBe(status);
      expect(await answer.json()).toMatchObject({
        status_code: status,
        error_type: type,
        error_message: expect.any(String),
        request_id: expect.any(String),
      });
      expect((await fetch(`${proxy.url}/v1/users/user-test-1`, { headers: { authorization: AUTH } })).status).toBe(
        status,
      ); // still up
    }
  });

  it("malformed URLs and a body over the copy limit pass through, the proxy stays up", async () => {
    const bad = await fetch(`${honest.url}/v1/users/%E0%A4%A`, { headers: { authorization: AUTH } });
    expect(bad.status).toBe(400); // the target's answer, unchanged
    const huge = await fetch(`${honest.url}/v1/users`, {
      method: "POST",
      headers: { authorization: AUTH, "content-type": "application/json" },
      body: JSON.stringify({ email: "big@example.com", untrusted_metadata: { blob: "x".repeat(200_000) } }),
    });
    expect(huge.status).toBe(200);
    await settled(honest, 2);
    expect(honest.report.json().summary).toMatchObject({ exchanges: 2, unrouted: 1, unchecked: 1 });
    expect(
      (await fetch(`${honest.url}/v1/users/search`, { method: "POST", headers: { authorization: AUTH }, body: "{}" }))
        .status,
    ).toBe(200);
  });
});

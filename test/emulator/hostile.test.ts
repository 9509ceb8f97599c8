import { connect } from "node:net";
import { describe, expect, it } from "vitest";
import { AUTH, startEmulator } from "./support.js";

/**
 * The emulator attacked as a hostile client would, over raw sockets (nothing normalises the bytes on the way):
 * every answer is the API's error object, the process stays up and answers the next request, and no refused write
 * changes the store.
 */
const emulator = await startEmulator({ data: undefined });
const { port } = new URL(emulator.url);

interface RawAnswer {
  status: number;
  headers: string;
  body: string;
}

/** Sends raw bytes on a fresh connection and reads the answer until the server closes it (bounded by `timeoutMs`). */
function raw(
  bytes: string | Buffer | ((socket: import("node:net").Socket) => void),
  timeoutMs = 10_000,
): Promise<RawAnswer | { error: string }> {
  return new Promise((resolve) => {
    const socket = connect(Number(port), "127.0.0.1");
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ error: "timeout" });
    }, timeoutMs);
    socket.on("data", (d) => chunks.push(d));
    socket.on("error", () => undefined); // a reset after the answer is fine; judged by what was read
    socket.on("close", () => {
      clearTimeout(timer);
      const text = Buffer.concat(chunks).toString("utf8");
      const head = text.split("\r\n\r\n")[0] ?? "";
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]);
      if (!status) return resolve({ error: `no answer (${text.slice(0, 80)})` });
      resolve({ status, headers: head, body: text.slice(head.length + 4) });
    });
    socket.on("connect", () => {
      if (typeof bytes === "function") bytes(socket);
      else socket.write(bytes);
    });
  });
}

const request = (
  method: string,
  target: string,
  { body = "", headers = "" }: { body?: string | Buffer; headers?: string } = {},
) => {
  const length = typeof body === "string" ? Buffer.byteLength(body) : body.length;
  const head = `${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: ${AUTH}\r\nContent-Type: application/json\r\nConnection: close\r\n${headers}Content-Length: ${length}\r\n\r\n`;
  return Buffer.concat([Buffer.from(head, "latin1"), typeof body === "string" ? Buffer.from(body) : body]);
};

/** The body of a chunked request: `size` bytes of `fill` in 64 KiB chunks. */
function chunked(target: string, size: number, fill = "x"): (socket: import("node:net").Socket) => void {
  return (socket) => {
    socket.write(
      `POST ${target} HTTP/1.1\r\nHost: x\r\nAuthorization: ${AUTH}\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n`,
    );
    const chunk = fill.repeat(64 * 1024);
    let sent = 0;
    const pump = () => {
      while (sent < size && !socket.destroyed) {
        sent += chunk.length;
        if (!socket.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`)) return void socket.once("drain", pump);
      }
      if (!socket.destroyed) socket.end("0\r\n\r\n");
    };
    pump();
  };
}

const deep = (n: number, open: string, close: string) =>
  `{"email":"a@example.com","trusted_metadata":{"x":${open.repeat(n)}${close.repeat(n)}}}`;

/** name → what to send. Each is expected to be refused with an error object (4xx), never a crash or a 5xx. */
const CORPUS: Record<string, Parameters<typeof raw>[0]> = {
  "malformed escape (Prism's crash)": request("GET", "/v1/users/%E0%A4%A"),
  "lone percent": request("GET", "/v1/users/%"),
  "non-hex escape": request("GET", "/v1/users/%zz"),
  "invalid UTF-8 escape": request("GET", "/v1/users/%C3%28"),
  "overlong UTF-8 escape of /": request("GET", "/v1/users/%C0%AF"),
  "escape in the admin prefix": request("GET", "/__fake/%E0%A4%A"),
  "dot-dot from admin to API": request("POST", "/__fake/../v1/users", { body: '{"email":"bad"}' }),
  "dot-dot from API to admin": request("GET", "/v1/users/../../__fake/snapshot"),
  "encoded dot-dot": request("GET", "/v1/users/%2e%2e/%2e%2e/__fake/snapshot"),
  "encoded dot-dot in admin": request("POST", "/__fake/%2e%2e/v1/users", { body: '{"email":"bad"}' }),
  "single dot segment": request("GET", "/v1/./users/x"),
  "encoded slash to admin": request("GET", "/v1/users/..%2F..%2F__fake%2Fsnapshot"),
  "NUL in path": request("GET", "/v1/users/a%00b"),
  "absolute-form target": request("GET", "http://evil.example/__fake/snapshot"),
  "asterisk target": request("OPTIONS", "*"),
  "unknown route": request("GET", "/v1/nope"),
  "unknown method": request("PATCH", "/v1/users/x"),
  "made-up method": request("BREW", "/v1/users"),
  "double slash": request("GET", "//v1/users/x"),
  "not JSON": request("POST", "/v1/users", { body: "{nope" }),
  "JSON null": request("POST", "/v1/users", { body: "null" }),
  "JSON array": request("POST", "/v1/users", { body: "[]" }),
  "JSON string": request("POST", "/v1/users", { body: '"a@example.com"' }),
  "huge number": request("POST", "/v1/users", { body: '{"email":"a@example.com","create_user_as_pending":1e999}' }),
  "invalid UTF-8 bytes in body": request("POST", "/v1/users", {
    body: Buffer.from([0x7b, 0x22, 0x65, 0x6d, 0x61, 0x69, 0x6c, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
  }),
  "unknown field": request("POST", "/v1/users", { body: '{"email":"a@example.com","__proto__":{"polluted":true}}' }),
  "arrays nested 100,000 deep": request("POST", "/v1/users", { body: deep(100_000, "[", "]") }),
  "objects nested 100,000 deep": request("POST", "/v1/users", { body: deep(100_000, '{"a":', "}") }),
  "nested 65 deep (just over the limit)": request("POST", "/v1/users", { body: deep(63, "[", "]") }),
  "50 MB body with its length": request("POST", "/v1/users", { body: Buffer.alloc(50 * 1024 * 1024, 0x20) }),
  "50 MB chunked body": chunked("/v1/users", 50 * 1024 * 1024, " "),
  "thousands of headers": request("GET", "/v1/users/x", {
    headers: Array.from({ length: 5_000 }, (_, i) => `x-h-${i}: ${i}\r\n`).join(""),
  }),
  "one 100 KB header": request("GET", "/v1/users/x", { headers: `x-big: ${"a".repeat(100_000)}\r\n` }),
  "malformed request line": "GET /v1/users/x HTTP/9\r\n\r\n",
  garbage: "\x00\x01\x02 not http at all\r\n\r\n",
  "header without colon": `GET /v1/users/x HTTP/1.1\r\nHost: x\r\nbroken header\r\n\r\n`,
  "wrong credentials": request("POST", "/v1/users", { body: '{"email":"a@example.com"}' })
    .toString("latin1")
    .replace(AUTH, "Basic eDp5"),
  "malformed Basic": request("POST", "/v1/users", { body: '{"email":"a@example.com"}' })
    .toString("latin1")
    .replace(AUTH, "Basic !!!"),
  "admin without credentials":
    "POST /__fake/reset HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 0\r\n\r\n",
  "malformed escape in query": request("GET", "/v1/b2b/organizations/o/member?email_address=%E0%A4%A"),
  "bad query boolean": request("GET", "/v1/b2b/organizations/members/dangerously_get/m?include_deleted=yes"),
  "path id of spaces": request("GET", "/v1/users/%20%20"),
  "invalid email": request("POST", "/v1/users", { body: '{"email":"not-an-email"}' }),
  "wrong type deep in body": request("POST", "/v1/users", {
    body: '{"email":"a@example.com","name":{"first_name":7}}',
  }),
  "search limit out of range": request("POST", "/v1/users/search", { body: '{"limit":100000}' }),
};

describe("the emulator under a hostile corpus", () => {
  it(`answers each of ${Object.keys(CORPUS).length} hostile requests with a 4xx error object, stays up, and changes nothing`, {
    timeout: 120_000,
  }, async () => {
    const before = emulator.fake.snapshot();
    const failures: string[] = [];
    for (const [name, bytes] of Object.entries(CORPUS)) {
      const answer = await raw(bytes);
      if ("error" in answer) {
        failures.push(`${name}: ${answer.error}`);
        continue;
      }
      if (answer.status < 400 || answer.status >= 500) failures.push(`${name}: status ${answer.status}`);
      let json: Record<string, unknown> | undefined;
      try {
        json = JSON.parse(answer.body) as Record<string, unknown>;
      } catch {
        failures.push(`${name}: not JSON: ${answer.body.slice(0, 80)}`);
        continue;
      }
      for (const field of ["status_code", "request_id", "error_type", "error_message", "error_url"]) {
        if (!(field in json)) failures.push(`${name}: no ${field} in ${answer.body.slice(0, 120)}`);
      }
      if (json.status_code !== answer.status)
        failures.push(`${name}: status_code ${String(json.status_code)} for ${answer.status}`);
      // Still up: a well-formed request right after is answered.
      const alive = await raw(request("GET", "/v1/users/user-test-missing"));
      if ("error" in alive || alive.status !== 404)
        failures.push(`${name}: the next request got ${JSON.stringify(alive).slice(0, 80)}`);
    }
    expect(failures).toEqual([]);
    expect(emulator.fake.snapshot()).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(emulator.responseViolations).toEqual([]);
  });

  it("refuses a .. path and an encoded slash without reaching the admin endpoints", async () => {
    for (const target of [
      "/__fake/../v1/users",
      "/v1/users/..%2F..%2F__fake%2Fsnapshot",
      "/v1/users/%2e%2e/%2e%2e/__fake/snapshot",
    ]) {
      const answer = await raw(request("GET", target));
      expect(answer, target).toMatchObject({ status: expect.any(Number) });
      expect((answer as RawAnswer).body, target).not.toContain('"users":[');
    }
  });

  it("logs an admin path with control characters (a forged log line, a terminal escape) as printable text", async () => {
    emulator.logs.length = 0;
    for (const target of [
      "/__fake/%0a2099-01-01T00:00:00.000Z%20GET%20/v1/users%20200%200ms%0d",
      "/__fake/x%1b%5b31mred",
    ]) {
      expect(await raw(request("GET", target))).toMatchObject({ status: 404 });
    }
    for (const entry of emulator.logs) expect(entry.path).toMatch(/^[\x21-\x7e]*$/);
    expect(emulator.logs).toHaveLength(2);
  });

  it("keeps serving others while a slow sender trickles a body, and answers the slow one once it is complete", {
    timeout: 30_000,
  }, async () => {
    const body = '{"email":"slow@example.com"}';
    const slow = raw((socket) => {
      socket.write(
        `POST /v1/users HTTP/1.1\r\nHost: x\r\nAuthorization: ${AUTH}\r\nConnection: close\r\nContent-Length: ${body.length}\r\n\r\n`,
      );
      let i = 0;
      const timer = setInterval(() => {
        if (socket.destroyed || i >= body.length) return clearInterval(timer);
        socket.write(body[i++]!);
      }, 40);
    });
    const others = await Promise.all(
      Array.from({ length: 20 }, () => raw(request("GET", "/v1/users/user-test-missing"))),
    );
    expect(others.map((o) => ("error" in o ? o.error : o.status))).toEqual(Array(20).fill(404));
    const answer = await slow;
    expect(answer).toMatchObject({ status: 200 });
    expect((answer as RawAnswer).body).toContain("slow@example.com");
  });
});

import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createStytchClient, StytchInputError, type StytchClient } from "../../src/index.js";
import { specOperations } from "../support/contract.js";
import { discoverOperations, methodAt, type DiscoveredOperation } from "../support/operations.js";

/** What the recording server saw: the raw request line's target and method, and the session headers. */
interface Received {
  method: string;
  url: string;
  session: string | string[] | undefined;
  sessionJwt: string | string[] | undefined;
}

/** Hostile path ids by category. Each is either refused before sending or must land on its own route. */
const HOSTILE: Record<string, unknown[]> = {
  traversal: [
    ...["..", ".", "...", "%2e%2e", "%2E%2E", "%2e", ".%2e", "..%2f", "%2F", "%zz"],
    ...["../../v1/users", "./x", "a/../b"],
  ],
  separators: ["a/b", "/", "//", "a?b=c", "?", "a#b", "#", "a&b", "a;b", "a:b", "@", "a\\b", "\\", "*", "a+b", "%"],
  whitespace: ["", " ", "\t", "a b", " a", "a ", "\u00a0", "\u2028", "\ufeff"],
  control: ["\u0000", "\n", "\r", "\r\n", "a\r\nX-Evil: 1", "\u0007", "\u001f", "\u007f", "\u0085", "\u009f"],
  unicode: ["用户", "é", "e\u0301", "😀", "\ud800", "\udc00", "a\ud800b", "\uff0e\uff0e", "\u200b", "\u202e"],
  length: ["a".repeat(256), "a".repeat(257), "x".repeat(10_000)],
  "non-string": [
    ...[0, 42, -1, NaN, Infinity, 10n, true, false, null, undefined],
    ...[{}, { toString: () => ".." }, [], ["a"], Symbol("id"), () => "x"],
  ],
};

const VALID = "id-test-0001";
const OK_BODY = JSON.stringify({ request_id: "r", status_code: 200 });

let server: Server;
let received: Received[] = [];
let stytch: StytchClient;
let operations: DiscoveredOperation[];

beforeAll(async () => {
  server = createServer((req, res) => {
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
  stytch = createStytchClient({
    projectId: "project-test-x",
    secret: "secret-x",
    baseUrl: `http://127.0.0.1:${port}`,
    maxRetries: 0,
  });
  operations = await discoverOperations();
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  received = [];
});

/** Calls a wrapper method, failing the test if it throws synchronously instead of rejecting. */
async function settle(call: () => unknown): Promise<{ ok: true; value: unknown } | { ok: false; error: unknown }> {
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

/** A short, printable label of an id for assertion messages. */
function show(value: unknown): string {
  if (typeof value === "symbol") return `Symbol(${value.description})`;
  if (typeof value !== "string") return String(value);
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 20)}…(${value.length})` : value);
}

describe("hostile path ids", () => {
  it("every operation of the bundled spec is a wrapper method, found by walking the client", () => {
    const spec = [...specOperations().values()].map((o) => `${o.method.toUpperCase()} ${o.path}`).sort();
    expect(operations.map((o) => `${o.method} ${o.template}`).sort()).toEqual(spec);
    expect(operations).toHaveLength(55);
  });

  it("are refused with StytchInputError before sending, or reach exactly the intended route", async () => {
    const withIds = operations.filter((o) => o.pathKeys.length > 0);
    const tally: Record<string, { tried: number; refused: number; encoded: number }> = {};
    const refusedIds = new Set<string>();
    const encodedIds = new Set<string>();
    for (const op of withIds) {
      const fn = methodAt(stytch, op.name);
      const want = op.template.split("/");
      for (const key of op.pathKeys) {
        for (const [category, ids] of Object.entries(HOSTILE)) {
          const t = (tally[category] ??= { tried: 0, refused: 0, encoded: 0 });
          for (const id of ids) {
            const label = `${op.name} ${key}=${show(id)}`;
            const args: Record<string, unknown> = { ...op.extra };
            for (const k of op.pathKeys) args[k] = VALID;
            args[key] = id;
            received = [];
            const outcome = await settle(() => fn(args));
            t.tried += 1;
            if (!outcome.ok) {
              expect(outcome.error, label).toBeInstanceOf(StytchInputError);
              expect(received, `${label}: refused, yet something was sent`).toEqual([]);
              t.refused += 1;
              refusedIds.add(`${category}:${show(id)}`);
              continue;
            }
            expect(typeof id, `${label}: only a string may be sent`).toBe("string");
            expect(received, label).toHaveLength(1);
            const [seen] = received;
            expect(seen!.method, label).toBe(op.method);
            // The raw request target, not a parsed URL: parsing would resolve dot segments and hide a traversal.
            const got = seen!.url.split("?")[0]!.split("/");
            expect(got, label).toHaveLength(want.length);
            want.forEach((segment, i) => {
              const expected =
                segment === `{${key}}` ? encodeURIComponent(id as string) : segment.startsWith("{") ? VALID : segment;
              expect(got[i], `${label}: segment ${i}`).toBe(expected);
            });
            t.encoded += 1;
            encodedIds.add(`${category}:${show(id)}`);
          }
        }
      }
    }
    // An id is handled the same way wherever it appears: never refused on one route and sent on another.
    expect([...refusedIds].filter((id) => encodedIds.has(id))).toEqual([]);
    const totals = Object.values(tally).reduce(
      (a, t) => ({ tried: a.tried + t.tried, refused: a.refused + t.refused, encoded: a.encoded + t.encoded }),
      { tried: 0, refused: 0, encoded: 0 },
    );
    expect(totals.tried).toBe(totals.refused + totals.encoded);
    const params = withIds.reduce((n, o) => n + o.pathKeys.length, 0);
    console.log(
      `hostile-ids: ${withIds.length} operations with path ids, ${params} id parameters; ` +
        `${totals.tried} (parameter × id) combinations tried, ${totals.refused} refused with StytchInputError, ` +
        `${totals.encoded} encoded onto the intended route; by category: ` +
        Object.entries(tally)
          .map(([c, t]) => `${c} ${t.tried}/${t.refused}/${t.encoded}`)
          .join(", ") +
        " (tried/refused/encoded)",
    );
  });
});

describe("hostile query values", () => {
  const organization_id = "organization-test-1";
  const values = [
    "ada@example.com",
    "a&b=c",
    "a=b",
    "&member_id=evil",
    "x#frag",
    "?x=y",
    "a+b@example.com",
    "a b",
    "%26",
    "%",
    "用户@例子.公司",
    "😀@x.co",
    "a\nb",
    "a\u0000b",
    "",
    "a".repeat(5_000),
  ];

  it.each(["email_address", "member_id"])("members.get %s arrives as exactly one query value", async (param) => {
    const get = stytch.organizations.members.get as (args: unknown) => Promise<unknown>;
    for (const value of values) {
      received = [];
      const outcome = await settle(() => get({ organization_id, [param]: value }));
      if (!outcome.ok) {
        expect(outcome.error, JSON.stringify(value)).toBeInstanceOf(StytchInputError);
        expect(received).toEqual([]);
        continue;
      }
      expect(received, JSON.stringify(value)).toHaveLength(1);
      const url = new URL(received[0]!.url, "http://x");
      expect(url.pathname).toBe(`/v1/b2b/organizations/${organization_id}/member`);
      expect(url.hash).toBe("");
      const query = new URLSearchParams(url.search);
      expect([...query.keys()], JSON.stringify(value)).toEqual([param]);
      expect(query.getAll(param), JSON.stringify(value)).toEqual([value]);
    }
  });

  // Bug: openapi-fetch threw while building the URL, and the wrapper reported it as StytchRequestError "The answer
  // could not be read as JSON" although nothing had been sent.
  it.each([
    ["a lone surrogate", { email_address: "a\ud800" }],
    ["a nested object", { email_address: { deep: { er: "x" } } }],
    ["an object inside an array", { member_id: [{ a: 1 }] }],
  ])("a query value that cannot be serialized (%s) is refused with StytchInputError, not sent", async (_, query) => {
    const get = stytch.organizations.members.get as (args: unknown) => Promise<unknown>;
    const outcome = await settle(() => get({ organization_id, ...query }));
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.error).toBeInstanceOf(StytchInputError);
    expect(!outcome.ok && (outcome.error as Error).message).toMatch(/cannot be sent/);
    expect(received).toEqual([]);
  });
});

describe("hostile session header values", () => {
  const ids = { organization_id: "organization-test-1", member_id: "member-test-1" };
  const crlf = ["tok\r\nX-Evil: 1", "tok\nX-Evil: 1", "tok\r", "tok\u0000"];
  const hostile: unknown[] = ["", " ", "tok en", ...crlf, "tök", "用户", "😀", "\ud800", 5, {}, [], true];

  it.each(["session_token", "session_jwt"] as const)("authorization.%s junk is refused before sending", async (f) => {
    for (const value of hostile) {
      received = [];
      const outcome = await settle(() =>
        stytch.organizations.members.update(ids, { authorization: { [f]: value } as { session_token: string } }),
      );
      expect(outcome.ok, JSON.stringify(value)).toBe(false);
      expect(!outcome.ok && outcome.error, JSON.stringify(value)).toBeInstanceOf(StytchInputError);
      expect(received).toEqual([]);
    }
  });

  it("a normal token and a normal JWT arrive unchanged, each in exactly one header", async () => {
    const token = "mZAYn5aLEqKUlZ_Ad9U_fWr38GaAQ1oFAhT8ds245v7Q";
    const jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJtZW1iZXIifQ.c2ln-_";
    await stytch.organizations.members.update(ids, { authorization: { session_token: token } });
    await stytch.organizations.members.delete(ids, { authorization: { session_jwt: jwt } });
    expect(received.map((r) => [r.session, r.sessionJwt])).toEqual([
      [token, undefined],
      [undefined, jwt],
    ]);
  });
});

describe("hostile call options", () => {
  const get = (options: unknown) =>
    (stytch.users.get as (a: unknown, o: unknown) => Promise<unknown>)({ user_id: "u" }, options);

  // Bug: `options.maxRetries` was read from null, an untyped TypeError (found by test/fuzz, input `options: null`).
  it("null options are the same as none", async () => {
    await expect(get(null)).resolves.toMatchObject({ status_code: 200 });
    expect(received).toHaveLength(1);
  });

  it.each([
    ["a string", "options"],
    ["a number", 5],
    ["an array", []],
  ])("%s as options is refused", async (_, options) => {
    const outcome = await settle(() => get(options));
    expect(!outcome.ok && outcome.error).toBeInstanceOf(StytchInputError);
    expect(received).toEqual([]);
  });

  // Bug: a non-signal failed inside every attempt (`addEventListener` is not a function) and came out as a retried
  // StytchRequestError "The request failed before an answer arrived".
  it.each([["a string", "signal"], ["a look-alike", { aborted: false }], ["a number", 1]])(
    "%s as signal is refused with StytchInputError before sending",
    async (_, signal) => {
      const outcome = await settle(() => get({ signal }));
      expect(!outcome.ok && outcome.error).toBeInstanceOf(StytchInputError);
      expect(received).toEqual([]);
    },
  );

  // Bug: setTimeout holds a signed 32-bit delay and fires at once beyond it, so every attempt "timed out" after 1 ms.
  it.each([2 ** 31, 1e12, 3e9])("timeoutMs %d waits for the answer instead of timing out at once", async (ms) => {
    const slow = stytch.users.get({ user_id: "slow" }, { timeoutMs: ms });
    await expect(slow).resolves.toMatchObject({ status_code: 200 });
  });
});

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { StytchInputError, type StytchClient } from "../../src/index.js";
import { settle, startRecorder, type Received } from "./recording-server.js";

// Hostile values everywhere but the path: query values, member session headers, call options. Each is refused with
// StytchInputError before anything is sent, or arrives exactly as given.

let recorder: Awaited<ReturnType<typeof startRecorder>>;
let received: Received[];
let stytch: StytchClient;

beforeAll(async () => {
  recorder = await startRecorder();
  ({ received, stytch } = recorder);
});

afterAll(() => recorder.close());

beforeEach(() => recorder.reset());

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
      recorder.reset();
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
      recorder.reset();
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
  it.each([
    ["a string", "signal"],
    ["a look-alike", { aborted: false }],
    ["a number", 1],
  ])("%s as signal is refused with StytchInputError before sending", async (_, signal) => {
    const outcome = await settle(() => get({ signal }));
    expect(!outcome.ok && outcome.error).toBeInstanceOf(StytchInputError);
    expect(received).toEqual([]);
  });

  // Bug: setTimeout holds a signed 32-bit delay and fires at once beyond it, so every attempt "timed out" after 1 ms.
  it.each([2 ** 31, 1e12, 3e9])("timeoutMs %d waits for the answer instead of timing out at once", async (ms) => {
    const slow = stytch.users.get({ user_id: "slow" }, { timeoutMs: ms });
    await expect(slow).resolves.toMatchObject({ status_code: 200 });
  });
});

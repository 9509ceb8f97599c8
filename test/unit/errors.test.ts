import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import {
  createStytchClient,
  StytchAbortError,
  StytchBaseError,
  StytchError,
  StytchInputError,
  StytchPaginationError,
  StytchRequestError,
  StytchTimeoutError,
} from "../../src/index.js";
import { summarizeCause } from "../../src/wrappers/errors.js";
import { fakeFetch, json } from "../support/fake-fetch.js";

describe("error classes", () => {
  it("all share StytchBaseError and carry their own name", () => {
    const info = { method: "GET", path: "/v1/users/{user_id}", attempts: 1 };
    const errors = [
      new StytchError(new Response(null, { status: 500 }), undefined),
      new StytchRequestError("m", info),
      new StytchTimeoutError("m", info),
      new StytchAbortError("m", info),
      new StytchInputError("m"),
      new StytchPaginationError("m", "c"),
    ];
    for (const e of errors) expect(e).toBeInstanceOf(StytchBaseError);
    expect(errors.map((e) => e.name)).toEqual([
      "StytchError",
      "StytchRequestError",
      "StytchTimeoutError",
      "StytchAbortError",
      "StytchInputError",
      "StytchPaginationError",
    ]);
    expect(new StytchTimeoutError("m", info)).toBeInstanceOf(StytchRequestError);
  });

  it("StytchError keeps the response out of its JSON and takes request_id from the header when the body has none", () => {
    const response = new Response(null, { status: 503, headers: { "x-request-id": "req-hdr" } });
    const e = new StytchError(response, "Service Unavailable", 3);
    expect(e.request_id).toBe("req-hdr");
    expect(e.response).toBe(response);
    expect(JSON.parse(JSON.stringify(e))).not.toHaveProperty("response");
    expect(e.message).toMatch(/after 3 attempts/);
  });

  it("summarizeCause keeps name, code and message, redacted, and drops everything else", () => {
    const cause = Object.assign(new TypeError("fetch failed"), {
      cause: { code: "ECONNRESET", message: "socket hang up with TOPSECRET" },
      request: { headers: { authorization: "TOPSECRET" } },
    });
    const summary = summarizeCause(cause, (t) => t.replaceAll("TOPSECRET", "[REDACTED]"));
    expect(summary.message).toBe("fetch failed: socket hang up with [REDACTED]");
    expect(summary.name).toBe("TypeError");
    expect((summary as Error & { code?: string }).code).toBe("ECONNRESET");
    expect(summary).not.toHaveProperty("request");
  });
});

describe("what the API says is redacted like what the client says", () => {
  const SECRET = "secret-test-echoed-5f4e3d2c1b0a";
  const PROJECT = "project-test-echo";
  const CREDENTIALS = btoa(`${PROJECT}:${SECRET}`);
  const SESSION_TOKEN = "session-token-echoed-0a1b2c3d";
  const SESSION_JWT = "eyJhbGciOiJSUzI1NiJ9.echoed-jwt-payload.signature";

  /** An API that echoes what it was sent (headers and body) in error_message and error_details. */
  const echoing = fakeFetch((seen) => {
    const sent = `${seen.headers.get("authorization")} ${seen.headers.get("x-stytch-member-session")} ${seen.headers.get("x-stytch-member-sessionjwt")}`;
    return json(
      {
        status_code: 400,
        request_id: "request-id-echo",
        error_type: "invalid_argument",
        error_message: `bad request ${sent} (secret ${SECRET}, unpadded ${CREDENTIALS.replace(/=+$/, "")})`,
        error_url: `https://stytch.com/docs?echo=${SECRET}`,
        error_details: {
          headers: sent,
          nested: [
            {
              token: seen.headers.get("x-stytch-member-session"),
              jwt: seen.headers.get("x-stytch-member-sessionjwt"),
              basic: `${PROJECT}:${SECRET}`,
            },
          ],
        },
      },
      400,
    );
  });
  const stytch = createStytchClient({ projectId: PROJECT, secret: SECRET, fetch: echoing.fetch });
  const ids = { organization_id: "organization-1", member_id: "member-1" };

  it.each([
    ["session token", { session_token: SESSION_TOKEN }],
    ["session JWT", { session_jwt: SESSION_JWT }],
  ])(
    "with a %s: removed from error_message, error_details, error_url, the message, JSON and inspect",
    async (_name, authorization) => {
      const error = (await stytch.organizations.members
        .update(ids, { authorization })
        .catch((e: unknown) => e)) as StytchError;
      expect(error).toBeInstanceOf(StytchError);
      // The fake really saw (and echoed) them, so their absence below is the redaction's doing.
      expect(echoing.seen.at(-1)!.headers.get("authorization")).toBe(`Basic ${CREDENTIALS}`);
      expect(error.error_message).toContain("[REDACTED]");
      expect(JSON.stringify(error.error_details)).toContain("[REDACTED]");
      const renderings = [
        error.message,
        error.error_message,
        String(error.error_url),
        JSON.stringify(error),
        JSON.stringify(error.error_details),
        inspect(error, { depth: Infinity }),
        String(error),
      ];
      for (const text of renderings) {
        for (const secret of [SECRET, CREDENTIALS, CREDENTIALS.replace(/=+$/, ""), SESSION_TOKEN, SESSION_JWT]) {
          expect(text).not.toContain(secret);
        }
      }
      expect(error.error_type).toBe("invalid_argument");
      expect(error.request_id).toBe("request-id-echo");
    },
  );
});

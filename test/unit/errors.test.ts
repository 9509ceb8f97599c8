import { describe, expect, it } from "vitest";
import {
  StytchAbortError,
  StytchBaseError,
  StytchError,
  StytchInputError,
  StytchPaginationError,
  StytchRequestError,
  StytchTimeoutError,
} from "../../src/index.js";
import { summarizeCause } from "../../src/wrappers/errors.js";

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

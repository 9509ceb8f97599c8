import { describe, expect, it } from "vitest";
import { createRedactor } from "../../src/proxy/redact.js";

describe("redaction of the drift proxy", () => {
  it("gives the same value the same placeholder within a run, keeping its format; another run another", () => {
    const r = createRedactor();
    const a = r.json({
      email: "ada@example.com",
      phone_number: "+12025550123",
      ip_address: "203.0.113.7",
      name: { first_name: "Ada" },
    }) as Record<string, unknown>;
    const b = r.json({ emails: [{ email: "ada@example.com" }], text: "write to ada@example.com" }) as {
      emails: { email: string }[];
      text: string;
    };
    expect(a.email).toMatch(/^redacted-[0-9a-f]{10}@example\.invalid$/);
    expect(b.emails[0]!.email).toBe(a.email);
    expect(b.text).toBe(`write to ${a.email}`);
    expect(a.phone_number).toMatch(/^\+1555\d{7}$/);
    expect(a.ip_address).toMatch(/^2001:db8::[0-9a-f]{4}:[0-9a-f]{4}$/);
    expect((a.name as { first_name: string }).first_name).toMatch(/^Name-[0-9a-f]{8}$/);
    expect((createRedactor().json({ email: "ada@example.com" }) as { email: string }).email).not.toBe(a.email);
  });

  it("Basic credentials: the header, and its decoded parts wherever they appear later; session headers and secret fields", () => {
    const r = createRedactor();
    const headers = r.headers({
      authorization: `Basic ${Buffer.from("project-test-abc:secret-test-xyz123").toString("base64")}`,
      "x-stytch-member-session": "tok-123456789",
      accept: "application/json",
    });
    expect(headers.authorization).toMatch(/^Basic redacted-credentials-[0-9a-f]{12}$/);
    expect(headers["x-stytch-member-session"]).toMatch(/^redacted-x-stytch-member-session-/);
    expect(headers.accept).toBe("application/json");
    const later = JSON.stringify(
      r.json({
        note: "key secret-test-xyz123 for project-test-abc",
        session_token: "tok-123456789",
        client_secret: "cs-abcdef",
        session_jwt: "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig",
      }),
    );
    for (const value of [
      "secret-test-xyz123",
      "project-test-abc",
      "tok-123456789",
      "cs-abcdef",
      "eyJhbGciOiJIUzI1NiJ9",
    ])
      expect(later).not.toContain(value);
    const url = r.text("/v1/users?email=ada%40example.com&phone=%2B12025550123&x=secret-test-xyz123");
    for (const value of ["secret-test-xyz123", "ada%40example.com", "12025550123"]) expect(url).not.toContain(value);
    expect(url).toMatch(/email=redacted-[0-9a-f]{10}%40example\.invalid/);
  });
});

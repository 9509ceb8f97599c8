import { describe, expect, it, vi } from "vitest";
import { createStytchClient } from "../../src/index.js";
import { StytchDriftError, withValidation, type DriftReport } from "../../src/validate/index.js";
import { SPEC } from "../emulator/support.js";

/** The description's own example of a getUser answer. */
const USER = Object.values(
  (
    SPEC.paths["/v1/users/{user_id}"]!.get as {
      responses: { 200: { content: { "application/json": { examples: Record<string, { value: unknown }> } } } };
    }
  ).responses[200].content["application/json"].examples,
)[0]!.value;
const answering = (body: unknown, status = 200): typeof fetch =>
  vi.fn(async () => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } }));

describe("stytch-openapi/validate: opt-in checks of each answer", () => {
  it("reports drift through the hook with kinds and pointers, never values; warn mode still returns the answer", async () => {
    const reports: DriftReport[] = [];
    await withValidation(answering(USER), { spec: SPEC, onDrift: (r) => reports.push(r) })(
      "https://api.test/v1/users/user-test-1",
    );
    expect(reports).toEqual([]); // an answer as described: nothing
    const real = await (await answering(USER)("https://x/v1/users/user-test-1")).json();
    const drifted = { ...(real as object), nickname: "Ada Secret", status: "frozen" };
    const stytch = createStytchClient({
      projectId: "project-test-1",
      secret: "secret-test-1",
      baseUrl: "https://api.test",
      maxRetries: 0,
      fetch: withValidation(answering(drifted), { spec: SPEC, onDrift: (r) => reports.push(r) }),
    });
    await stytch.users.get({ user_id: "user-test-1" }).catch(() => undefined);
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ operationId: "getUser", path: "/v1/users/{user_id}", status: 200 });
    const kinds = reports[0]!.drift.map((d) => [d.kind, d.pointer]);
    expect(kinds).toEqual(
      expect.arrayContaining([
        ["unknown_field", "/body/nickname"],
        ["undescribed_enum_value", "/body/status"],
      ]),
    );
    expect(JSON.stringify(reports)).not.toContain("Ada Secret");
  });

  it("an undescribed status, and throw mode rejects with StytchDriftError; off returns fetch itself", async () => {
    const f = answering({}, 418);
    expect(withValidation(f, { spec: SPEC, mode: "off" })).toBe(f);
    const checked = withValidation(f, { spec: SPEC, mode: "throw", onDrift: () => undefined });
    await expect(checked("https://api.test/v1/users/user-test-1", { method: "GET" })).rejects.toBeInstanceOf(
      StytchDriftError,
    );
  });
});

import * as stytch from "stytch";
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it, vi } from "vitest";
import { operations, type OperationId } from "../../src/generated/operations.js";
import { matchesTemplate } from "../support/contract.js";
import { startRecordingProxy } from "../support/recording-proxy.js";
import { vendorCases, type Sdk } from "./vendor.cases.js";

/**
 * The official Node SDK (npm `stytch`) calls every operation against the Prism mock of our spec, through a
 * recording proxy: if the vendor's own client sends anything our spec does not describe, Prism says so in
 * `sl-violations` and this fails.
 */
describe("official Node SDK against the mock", () => {
  let proxy: Awaited<ReturnType<typeof startRecordingProxy>>;
  let sdk: Sdk;

  beforeAll(async () => {
    proxy = await startRecordingProxy(inject("prismUrl"));
    // The SDK refuses a non-https custom_base_url, so the mock goes in as `env`, which only warns.
    vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const config = { project_id: "project-test-11111111-2222", secret: "secret-test-abc", env: `${proxy.url}/` };
    sdk = { b2c: new stytch.Client(config), b2b: new stytch.B2BClient(config) };
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await proxy.close();
  });
  beforeEach(() => {
    proxy.passed.length = 0;
  });

  it("the proxy sees Prism's violations when the SDK sends what the spec does not allow", async () => {
    await sdk.b2c.users.create({ email: "sandbox@stytch.com", phone_number: "555-0100" }).catch(() => undefined);
    expect(proxy.passed).toHaveLength(1);
    expect(proxy.passed[0]!.violations.length).toBeGreaterThan(0);
  });

  for (const [operationId, c] of Object.entries(vendorCases)) {
    const { method, path } = operations[operationId as OperationId];
    for (const variant of ["minimal", "full"] as const) {
      it(`${operationId} (${variant} arguments): no violations`, async () => {
        const result = await c[variant](sdk);
        expect(proxy.passed).toHaveLength(1);
        const [passed] = proxy.passed;
        expect(passed!.method).toBe(method.toUpperCase());
        expect(matchesTemplate(passed!.path.split("?")[0]!, path), passed!.path).toBe(true);
        expect(passed!.violations).toEqual([]);
        expect(passed!.status).toBe(200);
        expect(result).toMatchObject({ request_id: expect.any(String) });
        if (variant === "full" && c.session) {
          const header = passed!.headers["x-stytch-member-session"] ?? passed!.headers["x-stytch-member-sessionjwt"];
          expect(header, "member session header").toEqual(expect.any(String));
        }
      });
    }
  }
});

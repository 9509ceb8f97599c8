import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import {
  createStytchClient,
  StytchError,
  StytchInputError,
  StytchRequestError,
  type StytchClientConfig,
} from "../../src/index.js";
import { fakeFetch, json, OK } from "../support/fake-fetch.js";

const SECRET = "secret-test-very-private-0123456789";
const config = (extra: Partial<StytchClientConfig> = {}): StytchClientConfig => ({
  projectId: "project-test-abc",
  secret: SECRET,
  maxRetries: 0,
  ...extra,
});

describe("createStytchClient", () => {
  it("picks the test environment for test projects and the live one for live projects", async () => {
    const test = fakeFetch();
    await createStytchClient(config({ fetch: test.fetch })).users.get({ user_id: "u1" });
    expect(test.seen[0]!.url.origin).toBe("https://test.stytch.com");

    const live = fakeFetch();
    await createStytchClient(config({ projectId: "project-live-abc", fetch: live.fetch })).users.get({
      user_id: "u1",
    });
    expect(live.seen[0]!.url.origin).toBe("https://api.stytch.com");
  });

  it("uses a given baseUrl, and allows plain http only on loopback", async () => {
    const f = fakeFetch();
    await createStytchClient(config({ baseUrl: "http://127.0.0.1:4010/", fetch: f.fetch })).users.get({
      user_id: "u1",
    });
    expect(f.seen[0]!.url.href).toBe("http://127.0.0.1:4010/v1/users/u1");
    expect(() => createStytchClient(config({ baseUrl: "http://example.com" }))).toThrow(/https/);
    expect(() => createStytchClient(config({ baseUrl: "not a url" }))).toThrow(StytchInputError);
    expect(() => createStytchClient(config({ baseUrl: "https://u:p@example.com" }))).toThrow(/credentials/);
  });

  it("refuses a config without project id or secret", () => {
    expect(() => createStytchClient({ projectId: "", secret: "s" })).toThrow(/projectId is required/);
    expect(() => createStytchClient({ projectId: "p", secret: "" })).toThrow(/secret is required/);
  });

  it("authenticates with HTTP Basic project_id:secret", async () => {
    const f = fakeFetch();
    await createStytchClient(config({ fetch: f.fetch })).users.get({ user_id: "u1" });
    expect(f.seen[0]!.headers.get("authorization")).toBe(`Basic ${btoa(`project-test-abc:${SECRET}`)}`);
  });

  it("sends path ids encoded, the rest as JSON body, with top-level nils dropped and nested nulls kept", async () => {
    const f = fakeFetch();
    await createStytchClient(config({ fetch: f.fetch })).users.update({
      user_id: "ext|a/b c",
      name: null,
      external_id: undefined,
      untrusted_metadata: { plan: null },
    });
    const [seen] = f.seen;
    expect(seen!.method).toBe("PUT");
    expect(seen!.url.pathname).toBe("/v1/users/ext%7Ca%2Fb%20c");
    expect(JSON.parse(seen!.body)).toEqual({ untrusted_metadata: { plan: null } });
    expect(seen!.headers.get("content-type")).toBe("application/json");
  });

  it("refuses a bad id before anything is sent", async () => {
    const f = fakeFetch();
    const stytch = createStytchClient(config({ fetch: f.fetch }));
    await expect(stytch.users.get({ user_id: ".." })).rejects.toThrow(StytchInputError);
    await expect(stytch.users.delete({ user_id: "" })).rejects.toThrow(/must not be empty/);
    // @ts-expect-error -- the id is required by the types too
    await expect(stytch.users.get({})).rejects.toThrow(/user_id is required/);
    await expect(stytch.users.get(null as never)).rejects.toThrow(/user_id is required/);
    expect(f.seen).toHaveLength(0);
  });

  it("throws StytchError with every field the API sent on a non-2xx answer", async () => {
    const body = {
      status_code: 404,
      request_id: "request-id-test-404",
      error_type: "user_not_found",
      error_message: "User could not be found.",
      error_url: "https://stytch.com/docs/api/errors/404#user_not_found",
      error_details: { field: "user_id" },
    };
    const f = fakeFetch(() => json(body, 404));
    const error = await createStytchClient(config({ fetch: f.fetch }))
      .users.get({ user_id: "u1" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StytchError);
    expect(error).toMatchObject({ ...body, name: "StytchError", attempts: 1 });
    expect((error as StytchError).response.status).toBe(404);
    expect((error as StytchError).message).toBe("user_not_found: User could not be found.");
  });

  it("throws StytchError even when the error body is not JSON", async () => {
    const f = fakeFetch(() => new Response("<html>Bad gateway</html>", { status: 502 }));
    const error = (await createStytchClient(config({ fetch: f.fetch }))
      .users.get({ user_id: "u1" })
      .catch((e: unknown) => e)) as StytchError;
    expect(error).toBeInstanceOf(StytchError);
    expect(error).toMatchObject({ status_code: 502, error_type: "invalid_error_response" });
  });

  it("throws StytchRequestError on a transport failure and on a 2xx answer that is not JSON", async () => {
    const down = fakeFetch(() => {
      throw new TypeError("fetch failed");
    });
    await expect(createStytchClient(config({ fetch: down.fetch })).users.get({ user_id: "u1" })).rejects.toBeInstanceOf(
      StytchRequestError,
    );
    const html = fakeFetch(() => new Response("<html>", { status: 200, headers: { "content-type": "text/html" } }));
    await expect(createStytchClient(config({ fetch: html.fetch })).users.get({ user_id: "u1" })).rejects.toThrow(
      /could not be read as JSON/,
    );
  });

  it("never shows the secret in an error's message, inspect output or JSON", async () => {
    const leaky = fakeFetch((seen) => {
      throw new TypeError(`connect failed with ${seen.headers.get("authorization")} and ${SECRET}`);
    });
    const apiError = fakeFetch(() => json({ ...OK, status_code: 401, error_type: "x", error_message: "y" }, 401));
    for (const f of [leaky, apiError]) {
      const error = await createStytchClient(config({ fetch: f.fetch }))
        .users.get({ user_id: "u1" })
        .catch((e: unknown) => e);
      const basic = btoa(`project-test-abc:${SECRET}`);
      for (const text of [String(error), inspect(error, { depth: 10, showHidden: true }), JSON.stringify(error)]) {
        expect(text).not.toContain(SECRET);
        expect(text).not.toContain(basic);
      }
    }
    expect(inspect(createStytchClient(config()), { depth: 10, showHidden: true })).not.toContain(SECRET);
  });

  it("never shows a member session token or JWT in a transport error", async () => {
    const leaky = fakeFetch((seen) => {
      throw new TypeError(
        `failed: ${seen.headers.get("x-stytch-member-session")} ${seen.headers.get("x-stytch-member-sessionjwt")}`,
      );
    });
    const members = createStytchClient(config({ fetch: leaky.fetch })).organizations.members;
    const ids = { organization_id: "o", member_id: "m" };
    for (const authorization of [{ session_token: "tok-very-secret" }, { session_jwt: "jwt.very.secret" }]) {
      const error = await members.delete(ids, { authorization }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StytchRequestError);
      for (const text of [String(error), inspect(error, { depth: 10, showHidden: true }), JSON.stringify(error)]) {
        expect(text).not.toMatch(/very-secret|very\.secret/);
      }
    }
  });
});

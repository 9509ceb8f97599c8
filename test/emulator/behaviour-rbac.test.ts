import * as stytch from "stytch";
import { describe, expect, it } from "vitest";
import { PROJECT_ID } from "../support/contract.js";
import { ADMIN, behaviourEmulator, json, ORG, OTHER_ORG, OUTSIDER, PLAIN, RBAC_DATA } from "./behaviour-support.js";
import { startEmulator } from "./support.js";

/**
 * Member sessions checked against Stytch's RBAC policy, through the emulator and the official Node SDK: who may call
 * what, and which sessions are refused (another organization's, unknown, forged, expired). Time comes from a clock
 * the tests move, never from waiting.
 */

const { clock, emulator, sdk, post, mint } = await behaviourEmulator();

describe("member sessions and RBAC", () => {
  it("the official SDK with a stytch_member session is refused an admin-only call (403 unauthorized_action); stytch_admin's passes", async () => {
    const plain = await mint(PLAIN);
    const admin = await mint(ADMIN);
    const before = emulator.fake.snapshot();
    const refused = await sdk.b2b.organizations.members
      .create(
        { organization_id: ORG, email_address: "new1@acme.example" },
        { authorization: { session_token: plain.session_token } },
      )
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(stytch.StytchError);
    expect(refused).toMatchObject({ status_code: 403, error_type: "unauthorized_action" });
    expect(emulator.fake.snapshot()).toEqual(before);
    const created = await sdk.b2b.organizations.members.create(
      { organization_id: ORG, email_address: "new1@acme.example" },
      { authorization: { session_jwt: admin.session_jwt } },
    );
    expect(created.status_code).toBe(200);
    await expect(
      sdk.b2b.organizations.delete({ organization_id: ORG }, { authorization: { session_token: plain.session_token } }),
    ).rejects.toMatchObject({ status_code: 403, error_type: "unauthorized_action" });
  });

  it("stytch.self: a member may rename itself but not another member", async () => {
    const plain = await mint(PLAIN);
    const own = await sdk.b2b.organizations.members.update(
      { organization_id: ORG, member_id: PLAIN, name: "Plain Self" },
      { authorization: { session_token: plain.session_token } },
    );
    expect(own.member.name).toBe("Plain Self");
    await expect(
      sdk.b2b.organizations.members.update(
        { organization_id: ORG, member_id: ADMIN, name: "x" },
        { authorization: { session_token: plain.session_token } },
      ),
    ).rejects.toMatchObject({ status_code: 403, error_type: "unauthorized_action" });
    await expect(
      sdk.b2b.organizations.members.update(
        { organization_id: ORG, member_id: PLAIN, roles: ["stytch_admin"] },
        { authorization: { session_token: plain.session_token } },
      ),
    ).rejects.toMatchObject({ status_code: 403 });
  });

  it("a session of another organization is a 403; an unknown, forged, expired or revoked one is a 404 session_not_found", async () => {
    const outsider = await mint(OUTSIDER, OTHER_ORG);
    const create = (authorization: Record<string, string>) =>
      sdk.b2b.organizations.members.create(
        { organization_id: ORG, email_address: `x${Math.random()}@acme.example` },
        { authorization },
      );
    await expect(create({ session_token: outsider.session_token })).rejects.toMatchObject({
      status_code: 403,
      error_type: "unauthorized_action",
    });
    await expect(create({ session_token: "mZAYn5aLEqKUlZ_Ad9U_fWr38GaAQ1oFAhT8ds245v7Q" })).rejects.toMatchObject({
      status_code: 404,
      error_type: "session_not_found",
    });
    const admin = await mint(ADMIN, ORG, { expires_in_minutes: 5 });
    const [h, p] = admin.session_jwt.split(".");
    const none = `${Buffer.from(JSON.stringify({ alg: "none", typ: "JWT" })).toString("base64url")}.${p}.`;
    const resigned = `${h}.${p}.${"A".repeat(342)}`;
    for (const jwt of [none, resigned, "not.a.jwt", "x".repeat(8000)]) {
      await expect(create({ session_jwt: jwt })).rejects.toMatchObject({
        status_code: 404,
        error_type: "session_not_found",
      });
    }
    clock.now += 5 * 60_000; // the session's end
    await expect(create({ session_token: admin.session_token })).rejects.toMatchObject({
      status_code: 404,
      error_type: "session_not_found",
    });
    const both = await post(
      `/v1/b2b/organizations/${ORG}/members`,
      { email_address: "both@acme.example" },
      {
        "x-stytch-member-session": "a",
        "x-stytch-member-sessionjwt": "b",
      },
    );
    expect(both.status).toBe(400);
  });

  it("a project role from --data (rbac.roles) grants its permissions, and no more", async () => {
    const e = await startEmulator({
      clock: () => clock.now,
      data: {
        ...RBAC_DATA,
        rbac: {
          roles: [{ role_id: "member-manager", permissions: [{ resource_id: "stytch.member", actions: ["create"] }] }],
        },
        members: [
          ...RBAC_DATA.members,
          {
            member_id: "member-test-00000000-0000-4000-8000-0000000000d5",
            organization_id: ORG,
            email_address: "mgr@acme.example",
            roles: [{ role_id: "member-manager", sources: [{ type: "direct_assignment" }] }],
          },
        ],
      },
    });
    const r = await fetch(`${e.url}/__fake/sessions`, {
      method: "POST",
      headers: json,
      body: JSON.stringify({ member_id: "member-test-00000000-0000-4000-8000-0000000000d5", organization_id: ORG }),
    });
    const { session_token } = await r.json();
    const create = await fetch(`${e.url}/v1/b2b/organizations/${ORG}/members`, {
      method: "POST",
      headers: { ...json, "x-stytch-member-session": session_token },
      body: JSON.stringify({ email_address: "by-mgr@acme.example" }),
    });
    expect(create.status).toBe(200);
    const del = await fetch(`${e.url}/v1/b2b/organizations/${ORG}`, {
      method: "DELETE",
      headers: { ...json, "x-stytch-member-session": session_token },
    });
    expect(del.status).toBe(403);
  });

  it("POST /__fake/sessions refuses bad input clearly; the JWKS serves the key that verifies the JWTs; logs hold no token", async () => {
    expect((await post("/__fake/sessions", { member_id: "member-test-nope", organization_id: ORG })).status).toBe(404);
    expect(
      (await post("/__fake/sessions", { member_id: ADMIN, organization_id: ORG, expires_in_minutes: 1 })).status,
    ).toBe(400);
    expect((await post("/__fake/sessions", [])).status).toBe(400);
    const admin = await mint(ADMIN);
    const jwks = await (await fetch(`${emulator.url}/v1/b2b/sessions/jwks/${PROJECT_ID}`)).json();
    expect(jwks.keys).toHaveLength(1);
    const key = await crypto.subtle.importKey(
      "jwk",
      jwks.keys[0],
      { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" },
      false,
      ["verify"],
    );
    const [h, p, s] = admin.session_jwt.split(".");
    expect(
      await crypto.subtle.verify(
        "RSASSA-PKCS1-v1_5",
        key,
        Buffer.from(s!, "base64url"),
        new TextEncoder().encode(`${h}.${p}`),
      ),
    ).toBe(true);
    expect(JSON.parse(Buffer.from(p!, "base64url").toString())).toMatchObject({
      sub: ADMIN,
      "https://stytch.com/organization": { organization_id: ORG },
    });
    const logged = JSON.stringify(emulator.logs);
    expect(logged).not.toContain(admin.session_token);
    expect(logged).not.toContain(admin.session_jwt.slice(0, 40));
  });
});

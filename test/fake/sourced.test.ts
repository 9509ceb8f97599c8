/**
 * Behaviours the fake changed because a source contradicted its earlier guess (issue 22, "Sourced semantics").
 * Each error type is named in stytch-android's StytchAPIErrorType.kt, Stytch's generated list of API error types.
 */
import { describe, expect, it } from "vitest";
import { createStytchFake } from "../../src/fake/index.js";
import { createStytchClient, type StytchError } from "../../src/index.js";

const client = () =>
  createStytchClient({
    projectId: "project-test-x",
    secret: "s",
    fetch: createStytchFake({ seed: 3 }).fetch,
    maxRetries: 0,
  });
const failure = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e as StytchError,
  );

describe("error types from Stytch's list of API error types", () => {
  it("a user external_id already taken is `duplicate_user_external_id`", async () => {
    const stytch = client();
    await stytch.users.create({ email: "ada@example.com", external_id: "ada" });
    expect(await failure(stytch.users.create({ email: "bob@example.com", external_id: "ada" }))).toMatchObject({
      status_code: 400,
      error_type: "duplicate_user_external_id",
    });
    const bob = await stytch.users.create({ email: "bob@example.com" });
    expect(await failure(stytch.users.update({ user_id: bob.user_id, external_id: "ada" }))).toMatchObject({
      error_type: "duplicate_user_external_id",
    });
  });

  it("a member external_id already taken in the organization is `duplicate_member_external_id`", async () => {
    const stytch = client();
    const { organization } = await stytch.organizations.create({
      organization_name: "Acme",
      organization_slug: "acme",
    });
    const { organization_id } = organization;
    await stytch.organizations.members.create({ organization_id, email_address: "m1@acme.com", external_id: "m1" });
    expect(
      await failure(
        stytch.organizations.members.create({ organization_id, email_address: "m2@acme.com", external_id: "m1" }),
      ),
    ).toMatchObject({
      status_code: 400,
      error_type: "duplicate_member_external_id",
    });
  });

  it("an unreadable users search cursor is `user_search_invalid_cursor`", async () => {
    const stytch = client();
    expect(await failure(stytch.users.search({ cursor: "not-a-cursor" }))).toMatchObject({
      status_code: 400,
      error_type: "user_search_invalid_cursor",
    });
  });

  it("secret rotation: public client, no rotation, and a second start are each refused with Stytch's type", async () => {
    const clients = client().connectedApp.clients;
    const { connected_app: spa } = await clients.create({ client_type: "third_party_public", client_name: "SPA" });
    expect(await failure(clients.secrets.rotateStart({ client_id: spa.client_id }))).toMatchObject({
      status_code: 400,
      error_type: "public_idp_clients_do_not_have_secrets",
    });
    const { connected_app: app } = await clients.create({ client_type: "first_party", client_name: "App" });
    const { client_id } = app;
    expect(await failure(clients.secrets.rotate({ client_id }))).toMatchObject({
      status_code: 400,
      error_type: "idp_client_not_rotating_secret",
    });
    expect(await failure(clients.secrets.rotateCancel({ client_id }))).toMatchObject({
      error_type: "idp_client_not_rotating_secret",
    });
    const started = (await clients.secrets.rotateStart({ client_id })).connected_app;
    // A second start is refused and keeps the next secret the first start showed.
    expect(await failure(clients.secrets.rotateStart({ client_id }))).toMatchObject({
      status_code: 400,
      error_type: "idp_client_already_rotating_secret",
    });
    const rotated = (await clients.secrets.rotate({ client_id })).connected_app;
    expect(rotated.client_secret_last_four).toBe(started.next_client_secret.slice(-4));
  });
});

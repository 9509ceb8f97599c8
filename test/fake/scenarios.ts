import { expect } from "vitest";
import type { StytchClient } from "../../src/index.js";

/**
 * The scenarios of issue 12, written once against the methods our client shares with the official Node SDK
 * (same names, same flat arguments), so that both run them: our client over HTTP and in-process, the SDK over HTTP.
 * Each only passes if the fake keeps state.
 */
export type Api = {
  users: Pick<StytchClient["users"], "create" | "get" | "update" | "search" | "deletePhoneNumber" | "delete">;
  organizations: Pick<StytchClient["organizations"], "create" | "delete"> & {
    members: Pick<StytchClient["organizations"]["members"], "create" | "search" | "delete" | "reactivate" | "get">;
  };
  connectedApp: { clients: Pick<StytchClient["connectedApp"]["clients"], "create" | "get" | "delete" | "secrets"> };
};

const unique = () => Math.random().toString(36).slice(2, 10);

/** The error a call rejects with (both clients throw an error carrying the API's `status_code` and `error_type`). */
async function failure(
  promise: Promise<unknown>,
): Promise<{ status_code: number; error_type: string; request_id: string }> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, "the call should have failed").toBeInstanceOf(Error);
  return error as { status_code: number; error_type: string; request_id: string };
}

/** create → get → update metadata (merge, null deletes) → search by email → delete a phone → delete → 404. */
export async function userLifecycle(api: Api): Promise<void> {
  const email = `life-${unique()}@example.com`;
  const created = await api.users.create({
    email,
    phone_number: "+12025550199",
    name: { first_name: "Bob" },
    trusted_metadata: { plan: "free", seats: 1 },
  });
  expect(created.user.emails[0]).toMatchObject({ email, email_id: created.email_id });

  const got = await api.users.get({ user_id: created.user_id });
  expect(got).toMatchObject({
    user_id: created.user_id,
    name: { first_name: "Bob" },
    trusted_metadata: { plan: "free", seats: 1 },
  });

  const duplicate = await failure(api.users.create({ email }));
  expect(duplicate).toMatchObject({
    status_code: 400,
    error_type: "duplicate_email",
    request_id: expect.stringMatching(/^request-id-test-/),
  });

  const updated = await api.users.update({
    user_id: created.user_id,
    trusted_metadata: { plan: "pro", seats: null, region: "eu" },
  });
  expect(updated.user.trusted_metadata).toEqual({ plan: "pro", region: "eu" });
  expect(updated.emails).toEqual(got.emails);
  expect(updated.phone_numbers).toEqual(got.phone_numbers);

  const found = await api.users.search({
    limit: 10,
    query: { operator: "AND", operands: [{ filter_name: "email_address", filter_value: [email] }] },
  });
  expect(found.results.map((u) => u.user_id)).toEqual([created.user_id]);
  expect(found.results[0]!.trusted_metadata).toEqual({ plan: "pro", region: "eu" });
  expect(found.results_metadata).toEqual({ total: 1, next_cursor: null });

  const withoutPhone = await api.users.deletePhoneNumber({ phone_id: created.phone_id });
  expect(withoutPhone.user.phone_numbers).toEqual([]);
  expect((await api.users.get({ user_id: created.user_id })).phone_numbers).toEqual([]);

  await api.users.delete({ user_id: created.user_id });
  expect(await failure(api.users.get({ user_id: created.user_id }))).toMatchObject({
    status_code: 404,
    error_type: "user_not_found",
  });
  const gone = await api.users.search({
    query: { operator: "AND", operands: [{ filter_name: "email_address", filter_value: [email] }] },
  });
  expect(gone.results).toEqual([]);
}

/** One person as a member of two organizations; a search across both, then a delete and a reactivation. */
export async function membersInTwoOrganizations(api: Api): Promise<void> {
  const tag = unique();
  const a = (await api.organizations.create({ organization_name: `Alpha ${tag}` })).organization;
  const b = (await api.organizations.create({ organization_name: `Beta ${tag}` })).organization;
  const email = `pat-${tag}@example.com`;
  const inA = await api.organizations.members.create({
    organization_id: a.organization_id,
    email_address: email,
    name: "Pat",
  });
  const inB = await api.organizations.members.create({ organization_id: b.organization_id, email_address: email });
  await api.organizations.members.create({
    organization_id: a.organization_id,
    email_address: `sam-${tag}@example.com`,
  });
  expect(inA.member_id).not.toBe(inB.member_id);

  const both = await api.organizations.members.search({
    organization_ids: [a.organization_id, b.organization_id],
    query: { operator: "AND", operands: [{ filter_name: "member_emails", filter_value: [email] }] },
  });
  expect(both.members.map((m) => [m.member_id, m.organization_id])).toEqual([
    [inA.member_id, a.organization_id],
    [inB.member_id, b.organization_id],
  ]);
  expect(Object.keys(both.organizations).sort()).toEqual([a.organization_id, b.organization_id].sort());
  expect(both.results_metadata.total).toBe(2);

  const onlyA = await api.organizations.members.search({
    organization_ids: [a.organization_id],
    query: { operator: "AND", operands: [] },
  });
  expect(onlyA.members).toHaveLength(2);

  await api.organizations.members.delete({ organization_id: a.organization_id, member_id: inA.member_id });
  const afterDelete = await api.organizations.members.search({
    organization_ids: [a.organization_id, b.organization_id],
    query: { operator: "AND", operands: [{ filter_name: "member_emails", filter_value: [email] }] },
  });
  expect(afterDelete.members.map((m) => m.member_id)).toEqual([inB.member_id]);
  const deleted = await api.organizations.members.search({
    organization_ids: [a.organization_id],
    query: { operator: "AND", operands: [{ filter_name: "statuses", filter_value: ["deleted"] }] },
  });
  expect(deleted.members.map((m) => [m.member_id, m.status])).toEqual([[inA.member_id, "deleted"]]);
  expect(
    await failure(api.organizations.members.get({ organization_id: a.organization_id, member_id: inA.member_id })),
  ).toMatchObject({ status_code: 404, error_type: "member_not_found" });

  const back = await api.organizations.members.reactivate({
    organization_id: a.organization_id,
    member_id: inA.member_id,
  });
  expect(back.member.status).toBe("active");
  expect(
    (await api.organizations.members.get({ organization_id: b.organization_id, email_address: email })).member
      .member_id,
  ).toBe(inB.member_id);
  await api.organizations.delete({ organization_id: a.organization_id });
  await api.organizations.delete({ organization_id: b.organization_id });
}

/** start → the next secret is shown once; rotate → it becomes the secret; start + cancel → it is dropped. */
export async function clientSecretRotation(api: Api): Promise<void> {
  const clients = api.connectedApp.clients;
  const { connected_app: created } = await clients.create({
    client_type: "first_party",
    client_name: `Rotating ${unique()}`,
  });
  const client_id = created.client_id;
  const first = created.client_secret!;
  expect(created.client_secret_last_four).toBe(first.slice(-4));

  const started = (await clients.secrets.rotateStart({ client_id })).connected_app;
  expect(started.next_client_secret).not.toBe(first);
  expect(started.client_secret_last_four).toBe(first.slice(-4));
  const during = (await clients.get({ client_id })).connected_app;
  expect(during).toMatchObject({
    client_secret_last_four: first.slice(-4),
    next_client_secret_last_four: started.next_client_secret.slice(-4),
  });
  expect(during).not.toHaveProperty("client_secret");

  const rotated = (await clients.secrets.rotate({ client_id })).connected_app;
  expect(rotated.client_secret_last_four).toBe(started.next_client_secret.slice(-4));
  expect(rotated.next_client_secret_last_four ?? null).toBeNull();
  expect(await failure(clients.secrets.rotate({ client_id }))).toMatchObject({ status_code: 400 });

  const again = (await clients.secrets.rotateStart({ client_id })).connected_app;
  const cancelled = (await clients.secrets.rotateCancel({ client_id })).connected_app;
  expect(cancelled.client_secret_last_four).toBe(rotated.client_secret_last_four);
  expect(cancelled.next_client_secret_last_four ?? null).toBeNull();
  expect(again.next_client_secret.slice(-4)).not.toBe(cancelled.client_secret_last_four);

  const { connected_app: spa } = await clients.create({ client_type: "third_party_public", client_name: "SPA" });
  expect(spa.client_secret ?? null).toBeNull();
  expect(await failure(clients.secrets.rotateStart({ client_id: spa.client_id }))).toMatchObject({ status_code: 400 });
  await clients.delete({ client_id });
  expect(await failure(clients.get({ client_id }))).toMatchObject({
    status_code: 404,
    error_type: "connected_app_not_found",
  });
}

/** Every user whose email contains `marker` exactly once, paging with `limit` 100; returns the ids in page order. */
export async function pageThrough(
  api: Api,
  marker: string,
): Promise<{ ids: string[]; pages: number; totals: Set<number> }> {
  const ids: string[] = [];
  const totals = new Set<number>();
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await api.users.search({
      limit: 100,
      ...(cursor ? { cursor } : {}),
      query: { operator: "AND", operands: [{ filter_name: "email_address_fuzzy", filter_value: marker }] },
    });
    pages++;
    expect(page.results.length).toBeLessThanOrEqual(100);
    ids.push(...page.results.map((u) => u.user_id));
    totals.add(page.results_metadata.total);
    cursor = page.results_metadata.next_cursor ?? undefined;
  } while (cursor && pages < 1000);
  return { ids, pages, totals };
}

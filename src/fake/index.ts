/**
 * A stateful, in-memory Stytch for tests and local work: what you create is what you get, answered in the shapes of
 * the spec in `openapi/`. Pass its `fetch` to `createStytchClient`, or serve it with `npm run mock -- --stateful`.
 * @example
 * import { createStytchClient } from "stytch-openapi";
 * import { createStytchFake } from "stytch-openapi/fake";
 * const fake = createStytchFake({ seed: 1 });
 * const stytch = createStytchClient({ projectId: "project-test-x", secret: "s", fetch: fake.fetch });
 */
import { connectedAppRoutes, buildClient } from "./connected-apps.js";
import { MAX_DEPTH, randomSource, tooDeep, type Context } from "./context.js";
import { createHandler } from "./handle.js";
import { buildMember, memberRoutes } from "./members.js";
import { buildOrganization, organizationRoutes } from "./organizations.js";
import { router, type Route } from "./router.js";
import { emptyStore, loadSnapshot, storeOf, toSnapshot, transaction, type Store } from "./store.js";
import { createSeed } from "./seed.js";
import type { StytchFake, StytchFakeOptions } from "./types.js";
import { buildUser, userRoutes } from "./users.js";
import { projectRoles } from "./rbac-check.js";
import { createSessionStore } from "./sessions.js";

export type { FakeSnapshot, Grant, ClientRecord } from "./store.js";
export type { StytchFakeSeed, SeedUserFields, SeedOrganizationFields, SeedMemberFields } from "./seed.js";
export type { RbacRole } from "./rbac.js";
export type { FakeSessions, MintedSession, MintOptions } from "./sessions.js";
export type { FakeData, FakeHttpRequest, StytchFake, StytchFakeOptions } from "./types.js";

const ROUTES: Route[] = [...userRoutes, ...memberRoutes, ...organizationRoutes, ...connectedAppRoutes];
const findRoute = router(ROUTES);
const EPOCH = Date.parse("2025-01-01T00:00:00Z");

/**
 * Creates an in-memory Stytch holding users, organizations, members and connected-app clients.
 * @example
 * const fake = createStytchFake({ data: { users: [{ emails: [{ email_id: "email-test-1", email: "ada@example.com", verified: true }] }] } });
 */
export function createStytchFake(options: StytchFakeOptions = {}): StytchFake {
  const { projectId, secret, seed } = options;
  // Guessed: without both `projectId` and `secret`, any credentials (or none) are accepted, as by the Prism mock.
  const expected = projectId && secret ? `Basic ${btoa(`${projectId}:${secret}`)}` : undefined;
  const store: Store = emptyStore();
  let ids = randomSource(seed);
  const requestIds = randomSource(seed === undefined ? undefined : seed + 1);
  let tick = 0;
  // The uuids of restored records: a seeded source restarts its sequence in a new process (`serve --seed --save`),
  // and must not hand out an id a restored record already has.
  let restored = new Set<string>();
  const uuid = () => {
    let u = ids.uuid();
    while (restored.has(u)) u = ids.uuid();
    return u;
  };
  const ctx = (): Context => ({
    store,
    id: (prefix) => `${prefix}-test-${uuid()}`,
    token: (n) => ids.hex(n),
    // Source: https://stytch.com/docs/api-reference/b2b/frontend-sdks/vanilla-js/methods/self/get-self-sync — the
    // API's timestamps are RFC 3339 in whole seconds (`"created_at": "2023-01-01T00:00:00Z"`).
    now: () =>
      new Date(seed === undefined ? Date.now() : EPOCH + 1000 * tick++).toISOString().replace(/\.\d{3}Z$/, "Z"),
    requestId: `request-id-test-${requestIds.uuid()}`,
  });

  // The starting data is built into a fresh store that replaces the current one only once complete.
  const load = () => {
    if (tooDeep(options.data ?? {}, MAX_DEPTH + 4)) throw new Error(`data: nested deeper than ${MAX_DEPTH} levels`);
    const next = emptyStore();
    ids = randomSource(seed);
    tick = 0;
    restored = new Set();
    const c = { ...ctx(), store: next };
    const data = structuredClone(options.data ?? {});
    for (const u of data.users ?? []) next.users.insert(buildUser(c, u));
    for (const o of data.organizations ?? []) next.organizations.insert(buildOrganization(c, o));
    for (const m of data.members ?? []) {
      if (!next.organizations.has(m.organization_id)) throw new Error(`data: no organization ${m.organization_id}`);
      next.members.insert(buildMember(c, m));
    }
    for (const client of data.clients ?? []) next.clients.insert(buildClient(c, client));
    next.grants = data.grants ?? [];
    Object.assign(store, next);
  };
  load();
  const roles = projectRoles(options.data?.rbac?.roles);
  const sessions = createSessionStore({ store, clock: options.clock ?? Date.now, projectId });

  /** Runs `fn` as one all-or-nothing write: the store changes, the ids drawn and the clock's ticks are kept only if it returns. */
  const write = <R>(fn: (c: Context) => R, c: Context = ctx()): R => {
    const [mark, ticks] = [ids.mark(), tick];
    try {
      return transaction(store, () => fn(c));
    } catch (error) {
      ids.rewind(mark);
      tick = ticks;
      throw error;
    }
  };
  const seeder = createSeed(write, ROUTES);

  const handle = createHandler({ findRoute, store, roles, sessions, expected, context: ctx, write });

  const fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const body = await request.text();
    const answer = handle({
      method: request.method,
      pathname: url.pathname,
      query: url.searchParams,
      header: (name) => request.headers.get(name),
      body,
    });
    return new Response(answer.body, { status: answer.status, headers: { "content-type": "application/json" } });
  };

  const fake: StytchFake = {
    fetch,
    handle,
    reset: () => {
      load();
      seeder.reset();
      sessions.clear();
    },
    sessions: sessions.api,
    snapshot: () => toSnapshot(store),
    restore: (snapshot) => {
      if (tooDeep(snapshot, MAX_DEPTH + 4))
        throw new Error(`restore: the snapshot is nested deeper than ${MAX_DEPTH} levels`);
      loadSnapshot(store, snapshot);
      restored = new Set(
        JSON.stringify(snapshot).match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g) ?? [],
      );
    },
    seed: { user: seeder.user, organization: seeder.organization, member: seeder.member },
    operations: ROUTES.map(({ operationId, method, path }) => ({ operationId, method, path })),
  };
  storeOf.set(fake, store);
  return fake;
}

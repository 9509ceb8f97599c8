/**
 * A stateful, in-memory Stytch for tests and local work: what you create is what you get, answered in the shapes of
 * the spec in `openapi/`. Pass its `fetch` to `createStytchClient`, or serve it with `npm run mock -- --stateful`.
 * @example
 * import { createStytchClient } from "stytch-openapi";
 * import { createStytchFake } from "stytch-openapi/fake";
 * const fake = createStytchFake({ seed: 1 });
 * const stytch = createStytchClient({ projectId: "project-test-x", secret: "s", fetch: fake.fetch });
 */
import type { components } from "../generated/stytch.js";
import { connectedAppRoutes, buildClient } from "./connected-apps.js";
import { FakeError, invalid, MAX_DEPTH, randomSource, tooDeep, type Context } from "./context.js";
import { buildMember, memberRoutes } from "./members.js";
import { buildOrganization, organizationRoutes } from "./organizations.js";
import { dropEchoedIds, preferredError, router, type Route } from "./router.js";
import { emptyStore, loadSnapshot, storeOf, toSnapshot, transaction, type FakeSnapshot, type Grant, type Store } from "./store.js";
import { createSeed, type StytchFakeSeed } from "./seed.js";
import { buildUser, userRoutes } from "./users.js";
import { SESSION_OPERATIONS, type RbacRole } from "./rbac.js";
import { authorize, projectRoles } from "./rbac-check.js";
import { createSessionStore, type FakeSessions } from "./sessions.js";

type S = components["schemas"];

export type { FakeSnapshot, Grant, ClientRecord } from "./store.js";
export type { StytchFakeSeed, SeedUserFields, SeedOrganizationFields, SeedMemberFields } from "./seed.js";
export type { RbacRole } from "./rbac.js";
export type { FakeSessions, MintedSession, MintOptions } from "./sessions.js";

/** Records to start from (`data` option, `--data FILE`): partial API objects, completed with defaults. */
export interface FakeData {
  users?: Partial<S["User"]>[];
  organizations?: Partial<S["Organization"]>[];
  /** Each needs the `organization_id` of an organization in `organizations` (or already in the fake). */
  members?: (Partial<S["Member"]> & { organization_id: string })[];
  /** Connected-app clients; confidential ones get a generated secret. */
  clients?: Partial<S["ConnectedAppClient"]>[];
  /** Consents to connected apps, by a user or by a member of an organization. */
  grants?: Grant[];
  /**
   * The project's RBAC policy beyond Stytch's defaults (`stytch_member`, `stytch_admin`): roles a member's `roles`
   * may name; a role with a default's id replaces it. Organizations' `custom_roles` add roles of their own.
   */
  rbac?: { roles?: RbacRole[] };
}

/** Settings of `createStytchFake`. */
export interface StytchFakeOptions {
  /** With both set, requests must carry these Basic credentials (else 401 `unauthorized_credentials`). */
  projectId?: string;
  secret?: string;
  /** Makes ids, secrets and timestamps deterministic (a virtual clock from 2025-01-01T00:00:00Z, +1 s per write). */
  seed?: number;
  /** Records to start from; `reset()` comes back to them. */
  data?: FakeData;
  /** Milliseconds since the epoch, for session expiry (default `Date.now`); tests pass a clock they move. */
  clock?: () => number;
}

/** A request as `handle` takes it: what `fetch` reads from a `Request`, without building one. */
export interface FakeHttpRequest {
  method: string;
  /** The path as sent (percent-encoded), e.g. `/v1/users/user-test-1`. */
  pathname: string;
  query: URLSearchParams;
  /** A request header by lower-case name. */
  header(name: string): string | null | undefined;
  /** The body as text ("" for none). */
  body: string;
}

/** A running fake: its `fetch`, and its state to inspect, save and restore. */
export interface StytchFake {
  /** A `fetch`-compatible function that answers as the Stytch API would, without a network. */
  fetch(input: string | URL | Request, init?: RequestInit): Promise<Response>;
  /**
   * The same answer as `fetch`, without `Request` and `Response` objects: for adapters that already hold the parts
   * (the emulator's HTTP server). Synchronous.
   * @example
   * const { status, body } = fake.handle({ method: "GET", pathname: "/v1/users/u-1", query: new URLSearchParams(), header: () => null, body: "" });
   */
  handle(request: FakeHttpRequest): { status: number; body: string };
  /** Back to the state of creation (the `data` records, ids and clock restarted). */
  reset(): void;
  /** A deep copy of every record. */
  snapshot(): FakeSnapshot;
  /** Replaces every record with a snapshot's (a snapshot nested deeper than the fake stores is refused). */
  restore(snapshot: FakeSnapshot): void;
  /**
   * Records for a test's "given", with realistic defaults: the API's create operation runs (its validation and
   * uniqueness rules), and the stored record comes back. Not to be confused with the `seed` option (a number that
   * makes ids deterministic).
   * @example
   * const acme = fake.seed.organization({ organization_name: "Acme" });
   * const admin = fake.seed.member(acme.organization_id, { roles: ["stytch_admin"] });
   */
  readonly seed: StytchFakeSeed;
  /** Member sessions: mint a session token and JWT for a member, for the operations that take them. */
  readonly sessions: FakeSessions;
  /** The operations the fake answers, by operationId, method and path template. */
  readonly operations: readonly { operationId: string; method: string; path: string }[];
}

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
    now: () => new Date(seed === undefined ? Date.now() : EPOCH + 1000 * tick++).toISOString().replace(/\.\d{3}Z$/, "Z"),
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

  const handle = (request: FakeHttpRequest): { status: number; body: string } => {
    const c = ctx();
    try {
      const found = findRoute(request.method, request.pathname);
      // Source: https://stytch.com/docs/api-reference/fraud/api/errors/404#route_not_found — "The route provided is
      // not supported." (404); also in stytch-android StytchAPIErrorType.kt.
      if (!found) throw new FakeError(404, "route_not_found", `No such route: ${request.method} ${request.pathname}.`);
      const code = /(?:^|[,;\s])code=(\d{3})/.exec(request.header("prefer") ?? "")?.[1];
      const preferred = code && code !== "200" ? preferredError(found.route, Number(code)) : undefined;
      if (preferred) throw preferred;
      if (expected && request.header("authorization") !== expected) {
        throw new FakeError(401, "unauthorized_credentials", "Unauthorized credentials.");
      }
      const text = request.body;
      let body: unknown = {};
      if (text.trim() !== "") {
        try {
          body = JSON.parse(text);
        } catch {
          throw invalid("The request body is not valid JSON.");
        }
      }
      if (typeof body !== "object" || body === null || Array.isArray(body)) throw invalid("The request body must be a JSON object.");
      // Guessed: the API's depth limit is not documented; the fake refuses what it could not store and answer safely.
      if (tooDeep(body)) throw invalid(`The request body is nested deeper than ${MAX_DEPTH} levels.`);
      const req = { params: found.params, query: request.query, body: dropEchoedIds(body as Record<string, unknown>, found.params) };
      // A member session, on the operations that take one, is checked before anything changes (RBAC, see rbac.ts).
      if (SESSION_OPERATIONS.has(found.route.operationId)) {
        const session = sessions.resolve(request.header);
        const member = session && store.members.get(session.member_id);
        if (session && (!member || member.status === "deleted")) throw new FakeError(404, "session_not_found", "Session could not be found.");
        if (member) authorize(store, roles, found.route.operationId, req, { member });
      }
      // All or nothing: the store changes, the ids drawn and the clock's ticks are kept only if the answer is written.
      const answer = write((c) => JSON.stringify({ request_id: c.requestId, ...found.route.handle(c, req), status_code: 200 }), c);
      return { status: 200, body: answer };
    } catch (error) {
      const e =
        error instanceof FakeError
          ? error
          : new FakeError(500, "internal_server_error", "The fake failed: " + String((error as Error)?.message ?? error));
      return { status: e.status, body: JSON.stringify(e.body(c.requestId)) };
    }
  };

  const fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const body = await request.text();
    const answer = handle({ method: request.method, pathname: url.pathname, query: url.searchParams, header: (name) => request.headers.get(name), body });
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
      if (tooDeep(snapshot, MAX_DEPTH + 4)) throw new Error(`restore: the snapshot is nested deeper than ${MAX_DEPTH} levels`);
      loadSnapshot(store, snapshot);
      restored = new Set(JSON.stringify(snapshot).match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g) ?? []);
    },
    seed: { user: seeder.user, organization: seeder.organization, member: seeder.member },
    operations: ROUTES.map(({ operationId, method, path }) => ({ operationId, method, path })),
  };
  storeOf.set(fake, store);
  return fake;
}


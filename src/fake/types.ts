/** The public types of `stytch-openapi/fake`: its options, its starting data and the fake it makes. */
import type { components } from "../generated/stytch.js";
import type { RbacRole } from "./rbac.js";
import type { StytchFakeSeed } from "./seed.js";
import type { FakeSessions } from "./sessions.js";
import type { FakeSnapshot, Grant } from "./store.js";

type S = components["schemas"];

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
  /** The path as sent (percent-encoded): an operation's path with its ids filled in. */
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
   * const getUser = fake.operations.find((o) => o.operationId === "getUser")!;
   * const pathname = getUser.path.replace("{user_id}", "user-test-1");
   * const { status, body } = fake.handle({ method: "GET", pathname, query: new URLSearchParams(), header: () => null, body: "" });
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

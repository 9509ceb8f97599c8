import type { components } from "../generated/stytch.js";
import { Table } from "./table.js";

export { Table } from "./table.js";

type S = components["schemas"];
export type User = S["User"];
export type Member = S["Member"];
export type Organization = S["Organization"];

/** A connected-app client as the fake keeps it: the API's fields plus the secrets Stytch would only hash. */
export interface ClientRecord {
  client: S["ConnectedAppClient"];
  /** The current secret of a confidential client, `null` for public clients. */
  secret: string | null;
  /** The secret of a rotation in progress (start → rotate or cancel), else `null`. */
  next_secret: string | null;
}

/** Consent a user or a member gave a connected app: what `connectedApps` lists and `revoke` removes. */
export interface Grant {
  connected_app_id: string;
  user_id?: string;
  organization_id?: string;
  member_id?: string;
  scopes: string[];
}

/** Joins the parts of a compound index key (an organization and a value within it). */
export const within = (organizationId: string, value: string) => `${organizationId}\u0000${value}`;
const lower = (value: string | null | undefined) => (typeof value === "string" ? value.toLowerCase() : undefined);
const list = <T>(value: T[] | null | undefined): T[] => (Array.isArray(value) ? value : []);

/** User indexes: every key a lookup or an indexed search filter goes by. Factor ids are `<list>:<id>`. */
const userKeys = {
  email: (u: User) => list(u.emails).map((e) => lower(e.email)),
  phone: (u: User) => list(u.phone_numbers).map((p) => p.phone_number),
  external_id: (u: User) => [u.external_id],
  factor: (u: User) => [
    ...list(u.emails).map((e) => `emails:${e.email_id}`),
    ...list(u.phone_numbers).map((p) => `phone_numbers:${p.phone_id}`),
    ...list(u.webauthn_registrations).map((w) => `webauthn_registrations:${w.webauthn_registration_id}`),
    ...list(u.biometric_registrations).map((b) => `biometric_registrations:${b.biometric_registration_id}`),
    ...list(u.totps).map((t) => `totps:${t.totp_id}`),
    ...list(u.crypto_wallets).map((w) => `crypto_wallets:${w.crypto_wallet_id}`),
    ...list(u.crypto_wallets).map((w) => `crypto_wallet_address:${lower(w.crypto_wallet_address)}`),
    ...list(u.providers).map((p) => `providers:${p.oauth_user_registration_id}`),
    u.password?.password_id ? `password:${u.password.password_id}` : undefined,
  ],
};

const live = (m: Member) => m.status !== "deleted";
/** Member indexes: by organization, by address (any status, any organization) and per organization. */
const memberKeys = {
  organization: (m: Member) => [m.organization_id],
  email: (m: Member) => [lower(m.email_address)],
  live_email: (m: Member) => [
    live(m) && m.email_address ? within(m.organization_id, m.email_address.toLowerCase()) : null,
  ],
  external_id: (m: Member) => [m.external_id ? within(m.organization_id, m.external_id) : null],
  password: (m: Member) => [live(m) && m.member_password_id ? within(m.organization_id, m.member_password_id) : null],
};

const organizationKeys = {
  slug: (o: Organization) => [o.organization_slug],
  external_id: (o: Organization) => [o.organization_external_id || null],
};

/**
 * Every record of the fake: one `Table` per collection (records by id in creation order, secondary indexes), and
 * the grants as an array that handlers replace, never change in place (a transaction keeps the old array).
 */
export interface Store {
  users: Table<User, keyof typeof userKeys>;
  organizations: Table<Organization, keyof typeof organizationKeys>;
  /** Keyed by member_id; a deleted member stays, with status `deleted`. */
  members: Table<Member, keyof typeof memberKeys>;
  clients: Table<ClientRecord>;
  grants: readonly Grant[];
  /** The next creation number, shared by the tables: the key that cursors resume from. */
  sequence: { next: number };
}

/** Every record of a fake as plain JSON: what `snapshot()` returns and `restore()` takes back. */
export interface FakeSnapshot {
  users: User[];
  organizations: Organization[];
  members: Member[];
  clients: ClientRecord[];
  grants: Grant[];
}

export function emptyStore(): Store {
  const sequence = { next: 1 };
  return {
    users: new Table(sequence, (u: User) => u.user_id, userKeys),
    organizations: new Table(sequence, (o: Organization) => o.organization_id, organizationKeys),
    members: new Table(sequence, (m: Member) => m.member_id, memberKeys),
    clients: new Table(sequence, (r: ClientRecord) => r.client.client_id, {}),
    grants: [],
    sequence,
  };
}

/** The store behind each fake `createStytchFake` made: for the fake's own tests (index consistency), not exported. */
export const storeOf = new WeakMap<object, Store>();

const tablesOf = (store: Store) => [store.users, store.organizations, store.members, store.clients] as const;

/**
 * Runs `fn` as one all-or-nothing write: if it throws, every table, index, creation number and the grants are
 * put back as they were, and the error goes on. See `Table` for the rule handlers follow.
 */
export function transaction<R>(store: Store, fn: () => R): R {
  const tables = tablesOf(store);
  const { grants } = store;
  const next = store.sequence.next;
  for (const table of tables) table.begin();
  try {
    const result = fn();
    for (const table of tables) table.reindex();
    for (const table of tables) table.commit();
    return result;
  } catch (error) {
    for (const table of tables) table.rollback();
    store.grants = grants;
    store.sequence.next = next;
    throw error;
  }
}

/** A deep copy of the store's records, in creation order. */
export function toSnapshot(store: Store): FakeSnapshot {
  return structuredClone({
    users: [...store.users.values()],
    organizations: [...store.organizations.values()],
    members: [...store.members.values()],
    clients: [...store.clients.values()],
    grants: store.grants,
  }) as FakeSnapshot;
}

/** Replaces the store's records with a copy of a snapshot's; on any error the store is left as it was. */
export function loadSnapshot(store: Store, snapshot: FakeSnapshot): void {
  const copy = structuredClone(snapshot);
  const next = emptyStore();
  for (const user of copy.users) next.users.insert(user);
  for (const org of copy.organizations) next.organizations.insert(org);
  for (const member of copy.members) next.members.insert(member);
  for (const record of copy.clients) next.clients.insert(record);
  next.grants = copy.grants;
  Object.assign(store, next);
}

import type { components } from "../generated/stytch.js";

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

/** Every record of the fake, in plain maps keyed by id; map order is creation order, which search pages follow. */
export interface Store {
  users: Map<string, User>;
  organizations: Map<string, Organization>;
  /** Keyed by member_id; a deleted member stays, with status `deleted`. */
  members: Map<string, Member>;
  clients: Map<string, ClientRecord>;
  grants: Grant[];
  /** Creation sequence number of each record, by id: the key that cursors resume from. */
  seq: Map<string, number>;
  nextSeq: number;
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
  return {
    users: new Map(),
    organizations: new Map(),
    members: new Map(),
    clients: new Map(),
    grants: [],
    seq: new Map(),
    nextSeq: 1,
  };
}

/** Records `id` as created now (it sorts after everything before it). */
export function track(store: Store, id: string): void {
  if (!store.seq.has(id)) store.seq.set(id, store.nextSeq++);
}

/** A deep copy of the store's records, in creation order. */
export function toSnapshot(store: Store): FakeSnapshot {
  const bySeq = <T>(map: Map<string, T>) =>
    [...map.entries()].sort(([a], [b]) => (store.seq.get(a) ?? 0) - (store.seq.get(b) ?? 0)).map(([, v]) => v);
  return structuredClone({
    users: bySeq(store.users),
    organizations: bySeq(store.organizations),
    members: bySeq(store.members),
    clients: bySeq(store.clients),
    grants: store.grants,
  });
}

/** Replaces the store's records with a copy of a snapshot's. */
export function loadSnapshot(store: Store, snapshot: FakeSnapshot): void {
  const copy = structuredClone(snapshot);
  Object.assign(store, emptyStore());
  for (const user of copy.users) put(store, store.users, user.user_id, user);
  for (const org of copy.organizations) put(store, store.organizations, org.organization_id, org);
  for (const member of copy.members) put(store, store.members, member.member_id, member);
  for (const record of copy.clients) put(store, store.clients, record.client.client_id, record);
  store.grants = copy.grants;
}

function put<T>(store: Store, map: Map<string, T>, id: string, value: T): void {
  map.set(id, value);
  track(store, id);
}

import type { components } from "../generated/stytch.js";
import { FakeError, invalid } from "./context.js";
import type { Member, Organization, Store, Table, User } from "./store.js";

type S = components["schemas"];
type Operand<Q extends { operands: unknown[] }> = Q["operands"][number];
type Value<O, N> = O extends { filter_name: N; filter_value: infer V } ? V : never;
/** One predicate per `filter_name` of a query type, each typed with its operand's `filter_value`. */
type Filters<R, Q extends { operands: unknown[] }> = {
  [N in Operand<Q> extends { filter_name: infer F extends string } ? F : never]: (
    record: R,
    value: Value<Operand<Q>, N>,
    store: Store,
  ) => boolean;
};

// Guessed: "fuzzy" filters match a case-insensitive substring; the API's ranking is not described.
const fuzzy = (text: string | null | undefined, needle: string) =>
  (text ?? "").toLowerCase().includes(needle.toLowerCase());
const anyOf = (value: string | null | undefined, wanted: string[]) => value != null && wanted.includes(value);
const lower = (values: string[]) => values.map((v) => v.toLowerCase());
const time = (value: string | null | undefined) => (value ? Date.parse(value) : NaN);

const users: Filters<User, S["UsersSearchQuery"]> = {
  created_at_greater_than: (u, v) => time(u.created_at) > Date.parse(v),
  created_at_less_than: (u, v) => time(u.created_at) < Date.parse(v),
  created_at_between: (u, v) => time(u.created_at) > Date.parse(v.greater_than) && time(u.created_at) < Date.parse(v.less_than),
  status: (u, v) => u.status === v,
  // Guessed: provider names compare case-insensitively (`google` matches `Google`).
  oauth_provider: (u, v) => u.providers.some((p) => lower(v).includes(p.provider_type.toLowerCase())),
  user_id: (u, v) => v.includes(u.user_id),
  full_name_fuzzy: (u, v) =>
    fuzzy([u.name?.first_name, u.name?.middle_name, u.name?.last_name].filter(Boolean).join(" "), v),
  phone_number: (u, v) => u.phone_numbers.some((p) => v.includes(p.phone_number)),
  phone_id: (u, v) => u.phone_numbers.some((p) => v.includes(p.phone_id)),
  phone_verified: (u, v) => u.phone_numbers.some((p) => p.verified) === v,
  phone_number_fuzzy: (u, v) => u.phone_numbers.some((p) => fuzzy(p.phone_number, v)),
  // Guessed: email addresses compare case-insensitively.
  email_address: (u, v) => u.emails.some((e) => lower(v).includes(e.email.toLowerCase())),
  email_id: (u, v) => u.emails.some((e) => v.includes(e.email_id)),
  email_verified: (u, v) => u.emails.some((e) => e.verified) === v,
  email_address_fuzzy: (u, v) => u.emails.some((e) => fuzzy(e.email, v)),
  webauthn_registration_verified: (u, v) => u.webauthn_registrations.some((w) => w.verified) === v,
  webauthn_registration_id: (u, v) => u.webauthn_registrations.some((w) => v.includes(w.webauthn_registration_id)),
  crypto_wallet_id: (u, v) => u.crypto_wallets.some((w) => v.includes(w.crypto_wallet_id)),
  crypto_wallet_address: (u, v) => u.crypto_wallets.some((w) => lower(v).includes(w.crypto_wallet_address.toLowerCase())),
  crypto_wallet_verified: (u, v) => u.crypto_wallets.some((w) => w.verified) === v,
  totp_id: (u, v) => u.totps.some((t) => v.includes(t.totp_id)),
  totp_verified: (u, v) => u.totps.some((t) => t.verified) === v,
  password_exists: (u, v) => (u.password != null) === v,
};

const members: Filters<Member, S["MembersSearchQuery"]> = {
  member_ids: (m, v) => v.includes(m.member_id),
  member_emails: (m, v) => lower(v).includes(m.email_address.toLowerCase()),
  member_email_fuzzy: (m, v) => fuzzy(m.email_address, v),
  member_is_breakglass: (m, v) => m.is_breakglass === v,
  statuses: (m, v) => v.includes(m.status),
  member_phone_numbers: (m, v) => anyOf(m.mfa_phone_number, v),
  member_phone_number_fuzzy: (m, v) => m.mfa_phone_number !== "" && fuzzy(m.mfa_phone_number, v),
};

const membersOf = (o: Organization, store: Store) =>
  store.members.findAll("organization", o.organization_id, (m) => m.status !== "deleted");

const organizations: Filters<Organization, S["OrganizationsSearchQuery"]> = {
  organization_ids: (o, v) => v.includes(o.organization_id),
  organization_slugs: (o, v) => v.includes(o.organization_slug),
  organization_name_fuzzy: (o, v) => fuzzy(o.organization_name, v),
  organization_slug_fuzzy: (o, v) => fuzzy(o.organization_slug, v),
  member_emails: (o, v, store) => membersOf(o, store).some((m) => lower(v).includes(m.email_address.toLowerCase())),
  member_email_fuzzy: (o, v, store) => membersOf(o, store).some((m) => fuzzy(m.email_address, v)),
  allowed_domains: (o, v) => o.email_allowed_domains.some((d) => lower(v).includes(d.toLowerCase())),
  allowed_domain_fuzzy: (o, v) => o.email_allowed_domains.some((d) => fuzzy(d, v)),
  claimed_email_domains: (o, v) => o.claimed_email_domains.some((d) => lower(v).includes(d.toLowerCase())),
  has_active_sso_connection: (o, v) => o.sso_active_connections.length > 0 === v,
  sso_connection_id: (o, v) => o.sso_active_connections.some((c) => c.connection_id === v),
};

/** The search filters of every area, from `filter_name` to predicate. */
export const FILTERS = { users, members, organizations };

/** For the filters an index serves: the ids of every record that may match (a superset; the predicate decides). */
type Indexed<Q extends { operands: unknown[] }> = Partial<{
  [N in keyof Filters<unknown, Q>]: (value: Value<Operand<Q>, N>, store: Store) => Iterable<string>;
}>;

/** Ids filed under any of `keys` in one index of a table. */
const any = <I extends string>(table: { lookup(index: I, key: string): Iterable<string> }, index: I, keys: string[]) =>
  keys.flatMap((key) => [...table.lookup(index, key)]);
const factor = (list: string) => (v: string[], s: Store) => any(s.users, "factor", v.map((id) => `${list}:${id}`));

const usersIndexed: Indexed<S["UsersSearchQuery"]> = {
  user_id: (v) => v,
  email_address: (v, s) => any(s.users, "email", lower(v)),
  phone_number: (v, s) => any(s.users, "phone", v),
  email_id: factor("emails"),
  phone_id: factor("phone_numbers"),
  webauthn_registration_id: factor("webauthn_registrations"),
  crypto_wallet_id: factor("crypto_wallets"),
  crypto_wallet_address: (v, s) => factor("crypto_wallet_address")(lower(v), s),
  totp_id: factor("totps"),
};

const membersIndexed: Indexed<S["MembersSearchQuery"]> = {
  member_ids: (v) => v,
  member_emails: (v, s) => any(s.members, "email", lower(v)),
};

const organizationsIndexed: Indexed<S["OrganizationsSearchQuery"]> = {
  organization_ids: (v) => v,
  organization_slugs: (v, s) => any(s.organizations, "slug", v),
  member_emails: (v, s) => any(s.members, "email", lower(v)).map((id) => s.members.get(id)!.organization_id),
};

const INDEXED = { users: usersIndexed, members: membersIndexed, organizations: organizationsIndexed };

/**
 * The ids an index gives for a query, or undefined when none serves it: for `AND`, the smallest set any indexed
 * operand gives; for `OR`, the union, when every operand is indexed.
 */
function candidates(area: keyof typeof FILTERS, query: Query | undefined, store: Store): Set<string> | undefined {
  if (!query || query.operands.length === 0) return undefined;
  const table = INDEXED[area] as Record<string, ((v: unknown, s: Store) => Iterable<string>) | undefined>;
  const sets: (Set<string> | undefined)[] = query.operands.map((operand) => {
    const ids = table[operand.filter_name];
    // A malformed value (not a list) is left to the predicate, which sees every record.
    return ids && Array.isArray(operand.filter_value) ? new Set(ids(operand.filter_value, store)) : undefined;
  });
  if (query.operator === "OR") {
    return sets.every((set) => set !== undefined) ? new Set(sets.flatMap((set) => [...set!])) : undefined;
  }
  return sets.reduce<Set<string> | undefined>((best, set) => (set && (!best || set.size < best.size) ? set : best), undefined);
}

/**
 * The records of `table` that match `query`, in creation order: candidates from an index when one serves the query
 * (else those of `scope`, else every record), then every predicate.
 */
export function select<R, I extends string>(
  area: keyof typeof FILTERS,
  table: Table<R, I>,
  query: Query | undefined,
  store: Store,
  scope?: Iterable<string>,
): Readonly<R>[] {
  const test = matcher<Readonly<R>>(area, query, store);
  const ids = candidates(area, query, store) ?? scope;
  return (ids ? table.ordered(ids) : [...table.values()]).filter(test);
}

type Query = { operator: "AND" | "OR"; operands: { filter_name: string; filter_value: unknown }[] };

/**
 * The predicate a query stands for; an unknown `filter_name` is refused.
 * Source: https://stytch.com/docs/api-reference/consumer/api/users/search-users — "Submitting an empty `query`
 * returns all Users"; seed 002_ed1af04ec4d81c00.txt:427 says the same of members. An empty operand list is read so.
 */
export function matcher<R>(area: keyof typeof FILTERS, query: Query | undefined, store: Store): (record: R) => boolean {
  if (!query || query.operands.length === 0) return () => true;
  const table = FILTERS[area] as unknown as Record<string, (r: R, v: unknown, s: Store) => boolean>;
  const tests = query.operands.map((operand) => {
    const test = table[operand.filter_name];
    if (!test) throw invalid(`Unknown search filter: ${operand.filter_name}.`, "query.operands");
    return (record: R) => test(record, operand.filter_value, store);
  });
  return query.operator === "OR"
    ? (r) => tests.some((t) => t(r))
    : (r) => tests.every((t) => t(r));
}

/**
 * One page of `items` (in creation order): up to `limit` of them after the cursor's position, found by bisection.
 * The cursor is opaque to callers; it holds the creation number of the last item returned, so records created or
 * deleted between pages neither repeat nor shift the rest.
 */
export function page<R>(
  table: { idOf(record: R): string; seqOf(id: string): number },
  items: readonly R[],
  body: { cursor?: string | null; limit?: number | null },
  cursorError = "invalid_argument",
): { results: R[]; results_metadata: S["ResultsMetadata"] } {
  // Source: seed 000_a7f23383079f5499.txt:910 and 002_ed1af04ec4d81c00.txt:443 (stytch-ruby search) — "The default
  // limit is 100. A maximum of 1000 results can be returned by a single search request."
  const limit = body.limit ?? 100;
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw invalid("limit must be between 1 and 1000.", "limit");
  const after = body.cursor ? decodeCursor(body.cursor, cursorError) : 0;
  const seq = (r: R) => table.seqOf(table.idOf(r));
  let [lo, hi] = [0, items.length];
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (seq(items[mid]!) > after) hi = mid;
    else lo = mid + 1;
  }
  const results = items.slice(lo, lo + limit);
  const last = results[results.length - 1];
  const next_cursor = items.length - lo > limit && last ? encodeCursor(seq(last)) : null;
  return { results, results_metadata: { total: items.length, next_cursor } };
}

function encodeCursor(seq: number): string {
  return btoa(`fake-cursor:${seq}`).replace(/=+$/, "");
}

function decodeCursor(cursor: string, errorType: string): number {
  let text = "";
  try {
    text = atob(cursor);
  } catch {
    /* refused below */
  }
  const match = /^fake-cursor:(\d+)$/.exec(text);
  // Source: stytch-android StytchAPIErrorType.kt lists `user_search_invalid_cursor`, which users' search passes in.
  // Guessed: members' and organizations' searches (no cursor error in that list) answer 400 `invalid_argument`.
  if (!match) throw new FakeError(400, errorType, "cursor is not a cursor this API returned.", { field: "cursor" });
  return Number(match[1]);
}

/**
 * The search filters of every area, one table per area from `filter_name` to predicate, typed from the generated
 * query types (a filter the spec drops or renames fails to compile), and the indexes that serve some of them.
 */
import type { components } from "../generated/stytch.js";
import type { Member, Organization, Store, User } from "./store.js";

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
  created_at_between: (u, v) =>
    time(u.created_at) > Date.parse(v.greater_than) && time(u.created_at) < Date.parse(v.less_than),
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
  crypto_wallet_address: (u, v) =>
    u.crypto_wallets.some((w) => lower(v).includes(w.crypto_wallet_address.toLowerCase())),
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

/**
 * The search filters of every area, from `filter_name` to predicate.
 * @example
 * FILTERS.users.email_address(user, ["ada@example.com"], store); // true when one of the user's emails is one of them
 */
export const FILTERS = { users, members, organizations };

/** For the filters an index serves: the ids of every record that may match (a superset; the predicate decides). */
type Indexed<Q extends { operands: unknown[] }> = Partial<{
  [N in keyof Filters<unknown, Q>]: (value: Value<Operand<Q>, N>, store: Store) => Iterable<string>;
}>;

/** Ids filed under any of `keys` in one index of a table. */
const any = <I extends string>(table: { lookup(index: I, key: string): Iterable<string> }, index: I, keys: string[]) =>
  keys.flatMap((key) => [...table.lookup(index, key)]);
const factor = (list: string) => (v: string[], s: Store) =>
  any(
    s.users,
    "factor",
    v.map((id) => `${list}:${id}`),
  );

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

/**
 * Per area, the filters an index serves: from the filter's value to the ids of every record that may match.
 * @example
 * [...INDEXED.users.email_address!(["Ada@Example.com"], store)]; // the ids filed under "ada@example.com"
 */
export const INDEXED = { users: usersIndexed, members: membersIndexed, organizations: organizationsIndexed };

/**
 * `fake.seed`: records put straight into the fake for a test's "given", with realistic defaults so that a test states
 * only the fields it cares about. Each call runs the API's own create operation (its validation, uniqueness rules and
 * ids) in one all-or-nothing write, then sets what an established record has and a create request cannot say (a
 * verified email); a refused seed throws and leaves the store as it was.
 */
import type { OperationId } from "../generated/operations.js";
import type { components } from "../generated/stytch.js";
import { FakeError, type Context } from "./context.js";
import { slugFrom } from "./organizations.js";
import type { Route } from "./router.js";
import { within } from "./store.js";

type S = components["schemas"];

/** `seed.user` fields: those of the API's create request, plus whether the email and phone number are verified. */
export type SeedUserFields = S["CreateUserRequest"] & {
  /** Whether the user's email and phone number are verified (default `true`: an established user). */
  verified?: boolean;
};

/** `seed.organization` fields: those of the API's create request, the name optional. */
export type SeedOrganizationFields = Partial<S["CreateOrganizationRequest"]>;

/** `seed.member` fields: those of the API's create request, the address optional, plus whether it is verified. */
export type SeedMemberFields = Partial<S["CreateMemberRequest"]> & {
  /** Default `true`: an established member. */
  email_address_verified?: boolean;
};

/** Puts records into a fake as its API would have created them. Each returns a copy of the stored record. */
export interface StytchFakeSeed {
  /**
   * A user: by default named after a computing pioneer, with a unique, verified `…@example.com` email.
   * @example
   * const ada = fake.seed.user({ email: "ada@example.com", trusted_metadata: { plan: "pro" } });
   */
  user(fields?: SeedUserFields): S["User"];
  /**
   * An organization: by default a unique name ("Acme Corporation", "Globex", …) and the slug made from it.
   * @example
   * const acme = fake.seed.organization({ organization_name: "Acme" });
   */
  organization(fields?: SeedOrganizationFields): S["Organization"];
  /**
   * A member of an existing organization: by default an `active` member with a name and a unique, verified address.
   * @example
   * const bob = fake.seed.member(acme.organization_id, { email_address: "bob@acme.test", roles: ["stytch_admin"] });
   */
  member(organizationId: string, fields?: SeedMemberFields): S["Member"];
}

const PEOPLE = [
  ["Ada", "Lovelace"],
  ["Grace", "Hopper"],
  ["Alan", "Turing"],
  ["Katherine", "Johnson"],
  ["Edsger", "Dijkstra"],
  ["Barbara", "Liskov"],
  ["Donald", "Knuth"],
  ["Margaret", "Hamilton"],
] as const;
const COMPANIES = [
  "Acme Corporation",
  "Globex",
  "Initech",
  "Umbrella",
  "Hooli",
  "Stark Industries",
  "Wayne Enterprises",
  "Cyberdyne",
];

/** Runs `fn` as one all-or-nothing write of the fake, with a fresh context (ids, clock). */
export type Write = <R>(fn: (ctx: Context) => R) => R;

/** The seeding helpers of one fake; `routes` are the fake's operations (their create handlers do the work). */
export function createSeed(write: Write, routes: readonly Route[]): StytchFakeSeed & { reset(): void } {
  const create = (operationId: OperationId) => routes.find((r) => r.operationId === operationId)!.handle;
  const createUser = create("createUser");
  const createOrganization = create("createOrganization");
  const createMember = create("createMember");
  // How many defaults of each kind were handed out: the n-th default is the n-th name (numbered past the list).
  let people = 0;
  let companies = 0;

  /** The first candidate of the sequence that `taken` does not refuse. */
  const pick = <T>(next: () => T, taken: (candidate: T) => boolean): T => {
    for (;;) {
      const candidate = next();
      if (!taken(candidate)) return candidate;
    }
  };
  const person = () => {
    const [first, last] = PEOPLE[people % PEOPLE.length]!;
    const round = Math.floor(people++ / PEOPLE.length);
    return { first, last, local: `${first}.${last}${round ? round + 1 : ""}`.toLowerCase() };
  };
  const company = () => {
    const name = COMPANIES[companies % COMPANIES.length]!;
    const round = Math.floor(companies++ / COMPANIES.length);
    return round ? `${name} ${round + 1}` : name;
  };
  const seeding = <R>(what: string, fn: (ctx: Context) => R): R => {
    try {
      return structuredClone(write(fn));
    } catch (error) {
      if (error instanceof FakeError)
        throw new Error(`${what}: ${error.error_type}: ${error.message}`, { cause: error });
      throw error;
    }
  };

  return {
    user: ({ verified = true, ...fields } = {}) =>
      seeding("seed.user", (ctx) => {
        const body: S["CreateUserRequest"] = { ...fields };
        if (body.email === undefined && body.phone_number === undefined) {
          const p = pick(person, (p) => ctx.store.users.taken("email", `${p.local}@example.com`));
          body.email = `${p.local}@example.com`;
          body.name ??= { first_name: p.first, last_name: p.last };
        } else if (body.name === undefined) {
          const p = person();
          body.name = { first_name: p.first, last_name: p.last };
        }
        const { user_id } = createUser(ctx, {
          params: {},
          query: new URLSearchParams(),
          body,
        }) as S["CreateUserResponse"];
        const user = ctx.store.users.edit(user_id);
        for (const email of user.emails) email.verified = verified;
        for (const phone of user.phone_numbers) phone.verified = verified;
        return user;
      }),

    organization: (fields = {}) =>
      seeding("seed.organization", (ctx) => {
        const body = { ...fields } as S["CreateOrganizationRequest"];
        if (body.organization_name === undefined) {
          // With a slug of its own, the name need not be unique (the create operation checks the slug).
          body.organization_name =
            body.organization_slug === undefined
              ? pick(company, (name) => ctx.store.organizations.taken("slug", slugFrom(name)))
              : company();
        }
        const { organization } = createOrganization(ctx, {
          params: {},
          query: new URLSearchParams(),
          body,
        }) as S["CreateOrganizationResponse"];
        return ctx.store.organizations.get(organization.organization_id)!;
      }),

    member: (organizationId, { email_address_verified = true, ...fields } = {}) =>
      seeding("seed.member", (ctx) => {
        const body = { ...fields } as S["CreateMemberRequest"];
        const domain =
          (ctx.store.organizations.get(organizationId)?.organization_slug ?? "")
            .replace(/[^a-z0-9-]+/g, "-")
            .replace(/^-+|-+$/g, "") || "example";
        if (body.email_address === undefined) {
          const at = (p: ReturnType<typeof person>) => `${p.local}@${domain}.example.com`;
          const p = pick(person, (p) => ctx.store.members.taken("live_email", within(organizationId, at(p))));
          body.email_address = at(p);
          body.name ??= `${p.first} ${p.last}`;
        } else if (body.name === undefined) {
          const p = person();
          body.name = `${p.first} ${p.last}`;
        }
        const params = { organization_id: organizationId };
        const { member_id } = createMember(ctx, {
          params,
          query: new URLSearchParams(),
          body,
        }) as S["CreateMemberResponse"];
        const member = ctx.store.members.edit(member_id);
        member.email_address_verified = email_address_verified;
        return member;
      }),

    reset: () => {
      people = 0;
      companies = 0;
    },
  };
}

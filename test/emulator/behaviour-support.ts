import * as stytch from "stytch";
import { afterAll, expect, vi } from "vitest";
import { PROJECT_ID, SECRET } from "../support/contract.js";
import { AUTH, DATA, startEmulator, type TestEmulator } from "./support.js";

/**
 * The fixtures of behaviour.test.ts and behaviour-rbac.test.ts: an organization with an admin, a plain member and an
 * outsider from another organization, on an emulator whose clock the tests move, with the official Node SDK pointed
 * at it. Each file starts its own (its own store, clock and rate-limit windows), so neither depends on the other's
 * order.
 */

export const ORG = "organization-test-00000000-0000-4000-8000-000000000001";
export const ADMIN = "member-test-00000000-0000-4000-8000-0000000000a1";
export const PLAIN = "member-test-00000000-0000-4000-8000-0000000000b2";
export const OTHER_ORG = "organization-test-00000000-0000-4000-8000-0000000000c3";
export const OUTSIDER = "member-test-00000000-0000-4000-8000-0000000000c4";
/** The shared fixture data plus ORG's admin and plain member, and OTHER_ORG with its admin OUTSIDER. */
export const RBAC_DATA = {
  ...DATA,
  organizations: [
    ...DATA.organizations,
    { organization_id: OTHER_ORG, organization_name: "Other", organization_slug: "other-org" },
  ],
  members: [
    ...DATA.members,
    {
      member_id: ADMIN,
      organization_id: ORG,
      email_address: "admin@acme.example",
      roles: [{ role_id: "stytch_admin", sources: [{ type: "direct_assignment" }] }],
    },
    { member_id: PLAIN, organization_id: ORG, email_address: "plain@acme.example" },
    {
      member_id: OUTSIDER,
      organization_id: OTHER_ORG,
      email_address: "admin@other.example",
      roles: [{ role_id: "stytch_admin", sources: [{ type: "direct_assignment" }] }],
    },
  ],
};

/** The project's credentials and a JSON body, the headers of every call the tests make without the SDK. */
export const json = { ...{ authorization: AUTH }, "content-type": "application/json" };

/** A session minted by POST /__fake/sessions. */
export interface MintedSession {
  session_token: string;
  session_jwt: string;
  expires_at: string;
}

/** What a behaviour test file works with; see behaviourEmulator. */
export interface BehaviourEmulator {
  /** The emulator's clock: 10 s into a minute, so a window of 60 s has 50 s left. Tests move it, never wait. */
  clock: { now: number };
  emulator: TestEmulator;
  sdk: { b2c: stytch.Client; b2b: stytch.B2BClient };
  /** POSTs a JSON body to the emulator with the project's credentials. */
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
  /** Mints a member session (POST /__fake/sessions), expecting a 200. */
  mint(member_id: string, organization_id?: string, extra?: object): Promise<MintedSession>;
}

/**
 * Starts the calling file's emulator on RBAC_DATA (closed after its tests) and the official SDK against it. Awaited
 * at the top of the file, as differential.test.ts does, so the file gets plain constants rather than variables a
 * `beforeAll` fills in.
 */
export async function behaviourEmulator(): Promise<BehaviourEmulator> {
  vi.spyOn(console, "warn").mockImplementation(() => undefined); // the SDK warns about a non-Stytch `env`
  afterAll(() => vi.restoreAllMocks());
  const clock = { now: Date.UTC(2026, 0, 1, 12, 0, 10) };
  const emulator = await startEmulator({ data: RBAC_DATA, clock: () => clock.now, faultTimeoutMs: 400 });
  const config = { project_id: PROJECT_ID, secret: SECRET, env: `${emulator.url}/` };
  const sdk = { b2c: new stytch.Client(config), b2b: new stytch.B2BClient(config) };
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${emulator.url}${path}`, { method: "POST", headers: { ...json, ...headers }, body: JSON.stringify(body) });
  const mint = async (member_id: string, organization_id = ORG, extra: object = {}) => {
    const r = await post("/__fake/sessions", { member_id, organization_id, ...extra });
    expect(r.status).toBe(200);
    return (await r.json()) as MintedSession;
  };
  return { clock, emulator, sdk, post, mint };
}

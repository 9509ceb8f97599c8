/**
 * Member sessions of the fake: minted on demand (`fake.sessions.mint`, the emulator's `POST /__fake/sessions`), read
 * from `X-Stytch-Member-Session` / `X-Stytch-Member-SessionJWT` by the operations that take them.
 *
 * A session token is 44 random URL-safe characters, like Stytch's examples. A session JWT is signed RS256 with a key
 * made once per fake (its public half is what `jwks()` gives and the emulator's JWKS endpoints serve); its `exp` is
 * five minutes after minting, as Stytch's session JWTs ("a fixed lifetime of five minutes",
 * https://stytch.com/docs/api-reference/b2b/frontend-sdks/react/methods/discovery/create-organization-via-discovery).
 * The fake accepts exactly the tokens and JWTs it minted (a lookup, no parsing): a forged JWT, one with `alg: none` or
 * a wrong signature, or any other string is simply not found. Session length: 5 to 527,040 minutes, default 60
 * (https://stytch.com/docs/b2b/guides/sessions/member-sessions).
 *
 * Guessed: an unknown, expired or revoked session answers 404 `session_not_found` ("Session could not be found."),
 * the error Stytch's session endpoints use; no page says what an RBAC-enforced call answers for one.
 */
import { FakeError, invalid, notFound } from "./context.js";
import type { Store } from "./store.js";

export interface MemberSessionRecord {
  member_session_id: string;
  member_id: string;
  organization_id: string;
  started_at: number;
  expires_at: number;
  /** Until when the JWT (not the session) is accepted. */
  jwt_expires_at: number;
}

/** What `mint` answers: the credentials a client sends, and when the session ends. */
export interface MintedSession {
  member_session_id: string;
  member_id: string;
  organization_id: string;
  session_token: string;
  session_jwt: string;
  /** RFC 3339. */
  expires_at: string;
}

export interface MintOptions {
  member_id: string;
  organization_id: string;
  /** 5 to 527,040; default 60. */
  expires_in_minutes?: number;
}

/** The fake's member sessions: mint them, list the signing key. */
export interface FakeSessions {
  /**
   * Mints a session token and a session JWT for an active member of an organization.
   * @example
   * const { session_token } = await fake.sessions.mint({ member_id, organization_id });
   */
  mint(options: MintOptions): Promise<MintedSession>;
  /** The public key set that verifies the session JWTs (a valid JWKS; empty until the first mint or call). */
  jwks(): Promise<{ keys: JsonWebKey[] }>;
  /** Ends a session (its token and JWT are no longer found). */
  revoke(sessionToken: string): boolean;
}

export const MIN_MINUTES = 5;
export const MAX_MINUTES = 527_040;
const JWT_SECONDS = 300;

export interface SessionStore {
  api: FakeSessions;
  /** The live session a request's headers name, or a FakeError; undefined when it names none. */
  resolve(header: (name: string) => string | null | undefined): MemberSessionRecord | undefined;
  clear(): void;
}

export function createSessionStore(options: { store: Store; clock: () => number; projectId?: string }): SessionStore {
  const byToken = new Map<string, MemberSessionRecord>();
  const byJwt = new Map<string, MemberSessionRecord>();
  let key: Promise<{ privateKey: CryptoKey; jwk: JsonWebKey }> | undefined;
  const signingKey = () =>
    (key ??= (async () => {
      const pair = (await crypto.subtle.generateKey(
        { name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" },
        true,
        ["sign", "verify"],
      )) as CryptoKeyPair;
      const exported = await crypto.subtle.exportKey("jwk", pair.publicKey);
      const kid = `jwk-test-${randomId(8)}`;
      const jwk: JsonWebKey & { kid: string } = {
        kty: exported.kty,
        n: exported.n,
        e: exported.e,
        alg: "RS256",
        use: "sig",
        kid,
      };
      return { privateKey: pair.privateKey, jwk };
    })());

  const mint = async (opts: MintOptions): Promise<MintedSession> => {
    if (typeof opts?.member_id !== "string" || typeof opts.organization_id !== "string") {
      throw invalid("member_id and organization_id are required strings.");
    }
    const minutes = opts.expires_in_minutes ?? 60;
    if (!Number.isInteger(minutes) || minutes < MIN_MINUTES || minutes > MAX_MINUTES) {
      throw invalid(
        `expires_in_minutes must be a whole number from ${MIN_MINUTES} to ${MAX_MINUTES}.`,
        "expires_in_minutes",
      );
    }
    if (!options.store.organizations.has(opts.organization_id))
      throw notFound("organization_not_found", "Organization");
    const m = options.store.members.get(opts.member_id);
    if (!m || m.organization_id !== opts.organization_id) throw notFound("member_not_found", "Member");
    if (m.status === "deleted") throw new FakeError(400, "member_deleted", "The member is deleted.");
    const { privateKey, jwk } = await signingKey();
    const now = options.clock();
    const record: MemberSessionRecord = {
      member_session_id: `member-session-test-${uuid()}`,
      member_id: m.member_id,
      organization_id: m.organization_id,
      started_at: now,
      expires_at: now + minutes * 60_000,
      jwt_expires_at: Math.min(now + JWT_SECONDS * 1000, now + minutes * 60_000),
    };
    const token = randomId(44);
    const iat = Math.floor(now / 1000);
    const project = options.projectId ?? "project-test-fake";
    const header = { alg: "RS256", typ: "JWT", kid: (jwk as { kid: string }).kid };
    const claims = {
      sub: m.member_id,
      iss: `stytch.com/${project}`,
      aud: [project],
      iat,
      nbf: iat,
      exp: Math.floor(record.jwt_expires_at / 1000),
      "https://stytch.com/session": {
        id: record.member_session_id,
        started_at: iso(now),
        last_accessed_at: iso(now),
        expires_at: iso(record.expires_at),
        attributes: { ip_address: "", user_agent: "" },
        authentication_factors: [],
        roles: (m.roles ?? []).map((r) => r.role_id),
      },
      "https://stytch.com/organization": {
        organization_id: m.organization_id,
        slug: options.store.organizations.get(m.organization_id)?.organization_slug ?? "",
      },
    };
    const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
    const signature = await crypto.subtle.sign("RSASSA-PKCS1-v1_5", privateKey, new TextEncoder().encode(input));
    const jwt = `${input}.${b64url(new Uint8Array(signature))}`;
    byToken.set(token, record);
    byJwt.set(jwt, record);
    return {
      member_session_id: record.member_session_id,
      member_id: record.member_id,
      organization_id: record.organization_id,
      session_token: token,
      session_jwt: jwt,
      expires_at: iso(record.expires_at),
    };
  };

  const notFoundSession = () => new FakeError(404, "session_not_found", "Session could not be found.");

  const resolve = (header: (name: string) => string | null | undefined): MemberSessionRecord | undefined => {
    const token = header("x-stytch-member-session");
    const jwt = header("x-stytch-member-sessionjwt");
    if (token == null && jwt == null) return undefined;
    if (token != null && jwt != null)
      throw invalid("Send at most one of X-Stytch-Member-Session and X-Stytch-Member-SessionJWT.");
    const now = options.clock();
    const record = token != null ? byToken.get(token) : byJwt.get(jwt!);
    if (!record || now >= record.expires_at || (jwt != null && now >= record.jwt_expires_at)) throw notFoundSession();
    return record;
  };

  return {
    api: {
      mint,
      jwks: async () => ({ keys: key === undefined ? [] : [(await key).jwk] }),
      revoke: (sessionToken) => {
        const record = byToken.get(sessionToken);
        if (!record) return false;
        record.expires_at = 0;
        byToken.delete(sessionToken);
        return true;
      },
    },
    resolve,
    clear: () => {
      byToken.clear();
      byJwt.clear();
    },
  };
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

function b64url(data: string | Uint8Array): string {
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/** `n` crypto-random URL-safe characters (session secrets are never drawn from the seeded source). */
function randomId(n: number): string {
  const bytes = crypto.getRandomValues(new Uint8Array(n));
  let out = "";
  for (const b of bytes) out += ALPHABET[b & 63];
  return out;
}

const uuid = () => crypto.randomUUID();

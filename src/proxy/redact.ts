/**
 * Redaction for everything the drift proxy writes or prints: credentials, session tokens and JWTs, client secrets
 * and personal data (emails, phone numbers, names, IP addresses, user agents) become placeholders. A placeholder is
 * stable within a run (an HMAC of the value under a key drawn at start and never written), so the same email is the
 * same placeholder everywhere, and keeps the value's format where the description checks one (an email stays an
 * email, a phone number E.164, an IP an IP), so a redacted record still loads into the emulator.
 * @example
 * const redact = createRedactor();
 * redact.json({ email: "ada@example.com" }); // { email: "redacted-3f9a1c0b2d@example.invalid" }
 */
import { createHmac, randomBytes } from "node:crypto";

export interface Redactor {
  /** A deep copy of a JSON value with every sensitive value replaced; `key` is the field it sits in, if any. */
  json(value: unknown, key?: string): unknown;
  /** Free text (a URL, a message): known secrets and anything that looks like personal data replaced. */
  text(value: string): string;
  /** Request or response headers: credentials and session headers replaced (and remembered), others scrubbed. */
  headers(headers: Record<string, string | string[] | undefined>): Record<string, string>;
  /** Remembers a secret seen on the wire, so that it is replaced wherever it shows up again. */
  learn(secret: string): void;
}

const SECRET_FIELDS =
  /^(session_token|session_jwt|client_secret|next_client_secret|password|access_token|refresh_token|id_token|token|secret|api_key|code_verifier|.*_(token|jwt|secret))$/i;
const EMAIL_FIELDS = /^(email|email_address|.*_email|.*_email_address)$/i;
const PHONE_FIELDS = /^(phone_number|.*_phone_number|phone)$/i;
const NAME_FIELDS =
  /^(name|first_name|middle_name|last_name|full_name|display_name|given_name|family_name|givenname|familyname|formatted|middlename|nickname)$/i;
const IP_FIELDS = /^(ip_address|ip|.*_ip_address)$/i;
const AGENT_FIELDS = /^(user_agent)$/i;
/** Search operands: the value of a filter on emails, phones or names is personal data. */
const FILTER_VALUE = "filter_value";

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
/** The same in a URL: `ada%40example.com`, `%2B12025550123`. */
const EMAIL_ENCODED = /[A-Za-z0-9._%+-]+%40[A-Za-z0-9.-]+\.[A-Za-z]{2,}/gi;
const PHONE_ENCODED = /%2B[1-9]\d{6,14}\b/gi;
const JWT = /eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g;
const PHONE = /\+[1-9]\d{6,14}\b/g;
const IPV4 = /\b(?:\d{1,3}\.){3}\d{1,3}\b/g;
const IPV6 = /\b(?:[0-9a-f]{1,4}:){2,7}[0-9a-f]{1,4}\b/gi;
/** Header names whose whole value is a credential or a session. */
const SECRET_HEADERS =
  /^(authorization|proxy-authorization|cookie|set-cookie|x-stytch-member-session.*|x-stytch-session.*|x-api-key)$/i;

/** A redactor with a fresh key (placeholders are comparable within one run only). */
export function createRedactor(key: Buffer = randomBytes(32)): Redactor {
  const known = new Set<string>();
  const hash = (kind: string, value: string) => createHmac("sha256", key).update(`${kind}\0${value}`).digest("hex");
  const place = {
    secret: (v: string, kind = "secret") => `redacted-${kind}-${hash(kind, v).slice(0, 12)}`,
    email: (v: string) => `redacted-${hash("email", v.toLowerCase()).slice(0, 10)}@example.invalid`,
    // E.164, in the +1 555 range that numbering plans keep for fiction.
    phone: (v: string) =>
      `+1555${(Number.parseInt(hash("phone", v).slice(0, 12), 16) % 1e7).toString().padStart(7, "0")}`,
    name: (v: string) => `Name-${hash("name", v).slice(0, 8)}`,
    // The IPv6 documentation prefix (RFC 3849): never a real address.
    ip: (v: string) => `2001:db8::${hash("ip", v).slice(0, 4)}:${hash("ip", v).slice(4, 8)}`,
  };

  const learn = (secret: string) => {
    if (secret.length < 6 || known.has(secret)) return;
    known.add(secret);
    known.add(Buffer.from(secret).toString("base64").replace(/=+$/, ""));
    known.add(encodeURIComponent(secret));
  };

  const text = (value: string): string => {
    let out = value;
    for (const secret of known) if (out.includes(secret)) out = out.split(secret).join(place.secret(secret));
    return out
      .replace(JWT, (m) => place.secret(m, "jwt"))
      .replace(EMAIL_ENCODED, (m) => encodeURIComponent(place.email(safeDecode(m))))
      .replace(PHONE_ENCODED, (m) => encodeURIComponent(place.phone(safeDecode(m))))
      .replace(EMAIL, (m) => place.email(m))
      .replace(PHONE, (m) => place.phone(m))
      .replace(IPV4, (m) => (/^2001:db8::/.test(m) ? m : place.ip(m)))
      .replace(IPV6, (m) => (/^2001:db8::/i.test(m) ? m : place.ip(m)));
  };

  const string = (value: string, key: string | undefined): string => {
    if (key !== undefined) {
      if (SECRET_FIELDS.test(key)) {
        learn(value);
        return place.secret(value, /jwt$/i.test(key) ? "jwt" : key.toLowerCase());
      }
      if (EMAIL_FIELDS.test(key)) return value.includes("@") ? place.email(value) : place.secret(value, "email");
      if (PHONE_FIELDS.test(key)) return place.phone(value);
      if (NAME_FIELDS.test(key)) return value === "" ? value : place.name(value);
      if (IP_FIELDS.test(key)) return value === "" ? value : place.ip(value);
      if (AGENT_FIELDS.test(key)) return value === "" ? value : place.secret(value, "user_agent");
      if (key === FILTER_VALUE) return place.secret(value, "filter_value");
    }
    return text(value);
  };

  const json = (value: unknown, key?: string, depth = 0): unknown => {
    if (typeof value === "string") return string(value, key);
    if (value === null || typeof value !== "object" || depth > 64) return depth > 64 ? "[too deep]" : value;
    if (Array.isArray(value)) return value.map((v) => json(v, key, depth + 1));
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [text(k), json(v, k, depth + 1)]));
  };

  const headers = (input: Record<string, string | string[] | undefined>): Record<string, string> => {
    const out: Record<string, string> = {};
    for (const [name, raw] of Object.entries(input)) {
      if (raw === undefined) continue;
      const value = Array.isArray(raw) ? raw.join(", ") : raw;
      if (!SECRET_HEADERS.test(name)) {
        out[name] = text(value);
        continue;
      }
      // Basic credentials: the decoded `id:secret` parts are secrets too, wherever they appear later.
      const basic = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(value);
      if (basic) {
        const decoded = Buffer.from(basic[1]!, "base64").toString("utf8");
        for (const part of [decoded, ...decoded.split(":")]) learn(part);
      }
      const bearer = /^Bearer\s+(\S+)$/i.exec(value);
      learn(bearer ? bearer[1]! : value);
      learn(value);
      out[name] = basic ? `Basic ${place.secret(value, "credentials")}` : place.secret(value, name.toLowerCase());
    }
    return out;
  };

  return { json: (value, key) => json(value, key), text, headers, learn };
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

import type { FetchLike, Transport } from "./call.js";
import { StytchInputError } from "./errors.js";
import { connectedAppClients } from "./connected-apps.js";
import { members } from "./members.js";
import { organizations } from "./organizations.js";
import { RETRY_DEFAULTS } from "./retry.js";
import type { Hooks } from "./types.js";
import { users } from "./users.js";

export const TEST_BASE_URL = "https://test.stytch.com";
export const LIVE_BASE_URL = "https://api.stytch.com";

/** Settings of `createStytchClient`. */
export interface StytchClientConfig {
  /** `project-test-…` or `project-live-…`; also picks the base URL when `baseUrl` is not given. */
  projectId: string;
  secret: string;
  /** Overrides the environment, e.g. `http://127.0.0.1:4010` for the local mock. Must be https except on loopback. */
  baseUrl?: string;
  /** A `fetch`-compatible function, called as `fetch(url, init)`; defaults to the global one, looked up at call time. */
  fetch?: FetchLike;
  /** Bound for each attempt of a call, in milliseconds. Default 30 000. */
  timeoutMs?: number;
  /** Retries after the first attempt, see the policy in `retry.ts`. Default 2; 0 turns retries off. */
  maxRetries?: number;
  /**
   * Called once per attempt, retries included, just before it is sent: `{ method, path, url, attempt }`. For logs
   * and traces; never given the secret or a session token. Not set: nothing is called and no clock is read.
   */
  onRequest?: Hooks["onRequest"];
  /**
   * Called once per attempt when it has ended: `{ method, path, attempt, status, requestId, durationMs, retry,
   * error }`. What a hook throws is ignored; it cannot change the call.
   */
  onResponse?: Hooks["onResponse"];
  /** @internal Replaces the timer between retries in tests. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/**
 * Creates a typed client for the Stytch Users, B2B Organizations, B2B Members and Connected Apps APIs.
 * @example
 * const stytch = createStytchClient({ projectId: "project-test-…", secret: process.env.STYTCH_SECRET! });
 * const { user_id } = await stytch.users.create({ email: "ada@example.com" });
 */
export function createStytchClient(config: StytchClientConfig) {
  if (typeof config !== "object" || config === null) throw new StytchInputError("config must be an object");
  const { projectId, secret } = config;
  if (typeof projectId !== "string" || projectId === "") throw new StytchInputError("projectId is required");
  if (typeof secret !== "string" || secret === "") throw new StytchInputError("secret is required");
  const baseUrl = checkBaseUrl(
    config.baseUrl ?? (projectId.startsWith("project-live-") ? LIVE_BASE_URL : TEST_BASE_URL),
  );
  const credentials = base64(`${projectId}:${secret}`);
  const transport: Transport = {
    baseUrl,
    authorization: `Basic ${credentials}`,
    fetch: config.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    maxRetries: config.maxRetries ?? RETRY_DEFAULTS.maxRetries,
    timeoutMs: config.timeoutMs ?? RETRY_DEFAULTS.timeoutMs,
    // The secret, and the Basic credentials as sent (base64 of `projectId:secret`, also without its padding).
    redact: (text) => text.split(secret).join("[REDACTED]").split(credentials.replace(/=+$/, "")).join("[REDACTED]"),
    sleep: config.sleep,
    hooks: hooks(config),
  };
  return {
    users: users(transport),
    organizations: { ...organizations(transport), members: members(transport) },
    connectedApp: { clients: connectedAppClients(transport) },
  };
}

/** The client returned by `createStytchClient`. */
export type StytchClient = ReturnType<typeof createStytchClient>;

function hooks({ onRequest, onResponse }: StytchClientConfig): Hooks | undefined {
  for (const [name, hook] of [
    ["onRequest", onRequest],
    ["onResponse", onResponse],
  ] as const) {
    if (hook !== undefined && typeof hook !== "function") throw new StytchInputError(`${name} must be a function`);
  }
  return onRequest || onResponse ? { onRequest, onResponse } : undefined;
}

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

function checkBaseUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new StytchInputError(`baseUrl is not a URL: ${JSON.stringify(value)}`);
  }
  const loopback = LOOPBACK.has(url.hostname) || /^127\.\d+\.\d+\.\d+$/.test(url.hostname);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && loopback)) {
    throw new StytchInputError("baseUrl must use https (plain http is allowed only on loopback, for the local mock)");
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new StytchInputError("baseUrl must not contain credentials, a query or a fragment");
  }
  return url.href.replace(/\/+$/, "");
}

function base64(text: string): string {
  let binary = "";
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

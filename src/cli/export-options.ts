// The options of `stytch-openapi export` and the checks that run before anything is sent or written: the flags that
// go together, the credentials (from the environment only), the base URL and the --fields names.
import type { FormatName } from "./formats.js";
import { UsageError } from "./io.js";
import type { Kind } from "./kinds.js";

/**
 * The parsed flags of `export` (main.ts's commander definition fills them; tests may build them directly).
 * @example
 * const options: ExportOptions = { kind: "users", format: "ndjson", pageSize: 1000, resume: false, force: false,
 *   organizationId: [], allOrganizations: false, prefetch: 2, maxRetries: 8 };
 */
export interface ExportOptions {
  kind: Kind;
  out?: string;
  format: FormatName;
  query?: Record<string, unknown>;
  fields?: string[];
  pageSize: number;
  rpm?: number;
  resume: boolean;
  /** Start over even though --out holds an interrupted export (its checkpoint is dropped). */
  force: boolean;
  baseUrl?: string;
  organizationId: string[];
  allOrganizations: boolean;
  prefetch: number;
  maxRetries: number;
}

/**
 * Refuses flags that do not go together (members need organizations; --resume and --force need --out).
 * @example
 * checkOptions({ ...options, kind: "members" }); // UsageError: export members needs --organization-id ID …
 */
export function checkOptions(o: ExportOptions): void {
  if (o.kind === "members") {
    if (o.organizationId.length === 0 && !o.allOrganizations) {
      throw new UsageError("export members needs --organization-id ID (repeatable) or --all-organizations");
    }
    if (o.organizationId.length > 0 && o.allOrganizations) {
      throw new UsageError("--organization-id and --all-organizations exclude each other");
    }
  } else if (o.organizationId.length > 0 || o.allOrganizations) {
    throw new UsageError("--organization-id and --all-organizations apply to export members only");
  }
  if (o.resume && !o.out) throw new UsageError("--resume needs --out FILE: output on stdout cannot be resumed");
  if (o.force && !o.out) throw new UsageError("--force needs --out FILE");
  if (o.force && o.resume) throw new UsageError("--resume and --force exclude each other");
}

/** The project, its secret and the base URL asked for (if any), with the name it was given by, for messages. */
export interface Target {
  projectId: string;
  secret: string;
  /** --base-url, else STYTCH_BASE_URL; undefined: Stytch's own, chosen from the project id. */
  baseUrl: string | undefined;
  from: "--base-url" | "STYTCH_BASE_URL";
}

/**
 * The credentials, from the environment only, and the base URL (--base-url, else STYTCH_BASE_URL), refused when
 * missing or blank.
 * @example
 * target(undefined, { STYTCH_PROJECT_ID: "project-test-x", STYTCH_SECRET: "s" }); // { projectId: "project-test-x", … }
 */
export function target(baseUrl: string | undefined, env: Record<string, string | undefined>): Target {
  const projectId = env.STYTCH_PROJECT_ID;
  const secret = env.STYTCH_SECRET;
  if (!projectId || !secret) {
    throw new UsageError(
      "STYTCH_PROJECT_ID and STYTCH_SECRET must be set in the environment (never as flags: they would end up in shell history)",
    );
  }
  const from = baseUrl !== undefined ? "--base-url" : "STYTCH_BASE_URL";
  const given = baseUrl ?? env.STYTCH_BASE_URL;
  if (given !== undefined && given.trim() === "")
    throw new UsageError(`${from} is empty: give the API's base URL, or leave it unset for Stytch's own`);
  return { projectId, secret, baseUrl: given, from };
}

/**
 * Each field's first segment must be a top-level field of the schema (what lies under it is free-form or nested).
 * @example
 * checkFields("users", ["user_id", "nope"], ["user_id", "emails"]); // UsageError: --fields: users have no field "nope" …
 */
export function checkFields(kind: Kind, fields: readonly string[], known: readonly string[]): void {
  for (const field of fields) {
    const top = field.split(".")[0]!;
    if (!known.includes(top)) {
      throw new UsageError(
        `--fields: ${kind} have no field "${top}"${top === field ? "" : ` (in ${field})`}; the fields are: ${known.join(", ")}`,
      );
    }
  }
}

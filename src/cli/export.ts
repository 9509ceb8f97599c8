// `stytch-openapi export`: every user, member, organization or connected-app client of a project, streamed to
// NDJSON, JSON or CSV through the public client — paced, retried, prefetched, and resumable from a checkpoint.
import { closeSync, constants, existsSync, fchmodSync, fstatSync, fsyncSync, ftruncateSync, openSync, readFileSync, readSync, rmSync, statSync, writeSync } from "node:fs";
import { once } from "node:events";
import { dirname } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import {
  createStytchClient,
  LIVE_BASE_URL,
  StytchAbortError,
  StytchBaseError,
  StytchError,
  StytchInputError,
  StytchRedirectError,
  StytchRequestError,
  StytchTimeoutError,
  TEST_BASE_URL,
  type StytchClient,
} from "stytch-openapi";
import { CheckpointError, checkpointPath, readCheckpoint, removeCheckpoint, writeCheckpoint, type Checkpoint, type OrganizationPosition } from "./checkpoint.js";
import { acquireLock, LockedError } from "../node/lock.js";
import { format, pick, type FormatName } from "./formats.js";
import { progress } from "./progress.js";
import { organizationsWalk, searchWalk, type SearchPages } from "./walk.js";

export const KINDS = ["users", "members", "organizations", "clients"] as const;
export type Kind = (typeof KINDS)[number];

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

export interface Io {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: Record<string, string | undefined>;
  /** Aborted on Ctrl-C / SIGTERM. */
  signal: AbortSignal;
  /** The arguments after the program name, for the resume hint. */
  argv: readonly string[];
}

/** An error the user can fix: printed as is, exit code 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each area's search pages have their own type
type Pages = (client: StytchClient, ...page: Parameters<SearchPages>) => ReturnType<SearchPages>;

/** Per kind: the search to page through, where a page keeps its items, the schema of an item, the rate limit. */
const SOURCES: Record<Kind, { pages: Pages; items: (page: never) => unknown[]; schema: string; rpm: number }> = {
  // 150 and 100 requests a minute are the search limits the official SDK documents for users and members.
  users: { pages: (c, a, o) => c.users.searchPages(a, o), items: (p: { results: unknown[] }) => p.results, schema: "User", rpm: 150 },
  members: {
    pages: (c, a, o) => c.organizations.members.searchPages(a, o),
    items: (p: { members: unknown[] }) => p.members,
    schema: "Member",
    rpm: 100,
  },
  // Not documented: the member search's limit is assumed for organization and client search too.
  organizations: {
    pages: (c, a, o) => c.organizations.searchPages(a, o),
    items: (p: { organizations: unknown[] }) => p.organizations,
    schema: "Organization",
    rpm: 100,
  },
  clients: {
    pages: (c, a, o) => c.connectedApp.clients.searchPages(a, o),
    items: (p: { connected_apps: unknown[] }) => p.connected_apps,
    schema: "ConnectedAppClient",
    rpm: 100,
  },
};

/** Runs the export; resolves with the process exit code. */
export async function exportCommand(options: ExportOptions, io: Io): Promise<number> {
  const source = SOURCES[options.kind];
  checkOptions(options);
  const projectId = io.env.STYTCH_PROJECT_ID;
  const secret = io.env.STYTCH_SECRET;
  if (!projectId || !secret) {
    throw new UsageError("STYTCH_PROJECT_ID and STYTCH_SECRET must be set in the environment (never as flags: they would end up in shell history)");
  }
  const from = options.baseUrl !== undefined ? "--base-url" : "STYTCH_BASE_URL";
  const given = options.baseUrl ?? io.env.STYTCH_BASE_URL;
  if (given !== undefined && given.trim() === "") throw new UsageError(`${from} is empty: give the API's base URL, or leave it unset for Stytch's own`);
  const known = topLevelFields(source.schema);
  if (options.fields) checkFields(options.kind, options.fields, known);
  const columns = options.fields ?? known;
  let requests = 0;
  let failures = 0;
  let host = "";
  const label = `export ${options.kind}`;
  // Pacing sits on fetch, so that it spaces every request to a search endpoint, retries included, and holds across
  // the members searches of many organizations; each endpoint has its own limit.
  const pacers = new Map<string, (signal?: AbortSignal | null) => Promise<void>>();
  const rpmFor = (path: string) => (path.endsWith("/organizations/search") && options.kind === "members" ? SOURCES.organizations.rpm : (options.rpm ?? source.rpm));
  let client: StytchClient;
  try {
    client = createStytchClient({
      projectId,
      secret,
      baseUrl: given,
      maxRetries: options.maxRetries,
      fetch: async (input, init) => {
        const path = new URL(input).pathname;
        if (path.endsWith("/search")) {
          if (!pacers.has(path)) pacers.set(path, pacer(rpmFor(path)));
          await pacers.get(path)!(init?.signal);
        }
        requests++;
        try {
          const response = await globalThis.fetch(input, init);
          if (!response.ok) failures++;
          return response;
        } catch (error) {
          failures++;
          throw error;
        }
      },
      // A connection that keeps failing is said at once, not after the last of the retries.
      onResponse: ({ retry, error, attempt }) => {
        if (retry && error && !(error instanceof StytchAbortError)) {
          io.stderr.write(`${label}: ${failureText(error, host)}; retrying (attempt ${attempt + 1} of ${options.maxRetries + 1})\n`);
        }
      },
    });
  } catch (error) {
    // A base URL that is not a URL, or plain http off loopback.
    if (error instanceof StytchInputError) throw new UsageError(`${from}: ${error.message}`);
    throw error;
  }
  const baseUrl = new URL(given ?? (projectId.startsWith("project-live-") ? LIVE_BASE_URL : TEST_BASE_URL));
  host = baseUrl.host;

  const fmt = format(options.format, columns);
  // CSV reads the dotted paths itself; NDJSON and JSON items are cut down to them.
  const project = options.fields && options.format !== "csv" ? (item: unknown) => Object.fromEntries(columns.map((c) => [c, pick(item, c)])) : (item: unknown) => item;
  const params = {
    kind: options.kind,
    format: options.format,
    query: options.query ?? null,
    fields: options.fields ?? null,
    organization_ids: options.organizationId,
    all_organizations: options.allOrganizations,
    // A resume must read from the same server and project, or it would mix two data sets in one file.
    base_url: baseUrl.href.replace(/\/+$/, ""),
    project_id: projectId,
  };
  const sink = options.out ? fileSink(options.out, options, params) : streamSink(io.stdout);
  const state = sink.state;
  const bar = progress(io.stderr, label, 10, state.items);
  const started = Date.now();
  try {
    // The format's opening text goes out with the first page: an export that fails before any answer writes nothing.
    let head = state.bytes === 0 ? fmt.begin() : "";
    const args = {
      limit: options.pageSize,
      ...(options.query ? { query: options.query } : {}),
      ...(options.kind === "members" && !options.allOrganizations ? { organization_ids: options.organizationId } : {}),
    };
    const pageOptions = { prefetch: options.prefetch, signal: io.signal };
    const steps = options.allOrganizations
      ? organizationsWalk(client, args, state, pageOptions)
      : searchWalk((a, o) => source.pages(client, a, o), source.items, args, state.cursor, pageOptions);
    for await (const step of steps) {
      const list = step.items.map(project);
      const next = { ...state, ...step.position, items: state.items + list.length, pages: state.pages + (step.fetched ? 1 : 0) };
      if (!step.position.organization) delete next.organization;
      await sink.write(head + fmt.page(list, state.items), next);
      head = "";
      if (step.fetched) bar.page(state.items, state.pages, step.total);
    }
    if (!state.ended) await sink.write(head + fmt.end(), { ...state, ended: true });
    sink.finish();
    bar.done({ items: state.items, pages: state.pages, retries: failures, seconds: (Date.now() - started) / 1000 });
    return 0;
  } catch (error) {
    bar.stop();
    const interrupted = io.signal.aborted && error instanceof StytchAbortError;
    // Nothing the user can fix by waiting: a refused request (credentials, permissions, a bad filter), a redirect,
    // arguments that cannot be sent. Resuming would fail the same way.
    const permanent =
      error instanceof StytchInputError ||
      error instanceof StytchRedirectError ||
      (error instanceof StytchError && error.status_code >= 400 && error.status_code < 500 && error.status_code !== 408 && error.status_code !== 429);
    const kept = sink.abandon();
    const why = interrupted ? "interrupted" : `failed: ${error instanceof StytchBaseError ? failureText(error, host) : String(error)}`;
    io.stderr.write(`${label} ${why} after ${state.items} items in ${state.pages} pages (${requests} requests).\n`);
    if (!kept) {
      if (options.out) io.stderr.write(`Nothing was exported and ${options.out} was left as it was.\n`);
      if (!permanent && !interrupted) io.stderr.write("Run the same command again once the API can be reached.\n");
    } else if (permanent) {
      if (options.out) io.stderr.write(`${options.out} holds the ${state.items} items exported so far; once the cause is fixed, continue with --resume.\n`);
    } else if (options.out) {
      const again = [...io.argv, ...(io.argv.includes("--resume") ? [] : ["--resume"])].map(shellQuote).join(" ");
      io.stderr.write(`${options.out} holds the ${state.items} items exported so far. Resume with:\n  stytch-openapi ${again}\n`);
    } else {
      io.stderr.write("Output to stdout cannot be resumed; use --out FILE for a resumable export.\n");
    }
    return interrupted ? 130 : error instanceof StytchInputError ? 2 : 1;
  }
}

/**
 * What went wrong, for people: the API's own explanation (status, type, message, details, request id) for an
 * answer, and for a request that got none, the host and the cause (ECONNREFUSED, ENOTFOUND, a timeout).
 */
function failureText(error: StytchBaseError, host: string): string {
  if (error instanceof StytchError) {
    const details = error.error_details ? ` ${JSON.stringify(error.error_details)}` : "";
    return `HTTP ${error.status_code} ${error.error_type}: ${error.error_message}${details}${error.request_id ? ` (request_id ${error.request_id})` : ""}`;
  }
  if (error instanceof StytchTimeoutError) return `${host} did not answer: ${error.message}`;
  if (error instanceof StytchRequestError && !(error instanceof StytchAbortError) && !(error instanceof StytchRedirectError)) {
    const cause = error.cause as (Error & { code?: string }) | undefined;
    const code = cause?.code ?? /\b(E[A-Z]{3,})\b/.exec(cause?.message ?? "")?.[1];
    return `cannot reach ${host}${code ? ` (${code})` : ""}: ${error.message}${cause ? `: ${cause.message}` : ""}`;
  }
  return error.message;
}

/** Each field's first segment must be a top-level field of the schema (what lies under it is free-form or nested). */
function checkFields(kind: Kind, fields: readonly string[], known: readonly string[]): void {
  for (const field of fields) {
    const top = field.split(".")[0]!;
    if (!known.includes(top)) {
      throw new UsageError(`--fields: ${kind} have no field "${top}"${top === field ? "" : ` (in ${field})`}; the fields are: ${known.join(", ")}`);
    }
  }
}

function checkOptions(o: ExportOptions): void {
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

/** The top-level fields of a schema of the bundled spec that ships beside this file, in the spec's order. */
function topLevelFields(schema: string): string[] {
  const candidates = [new URL("./openapi.json", import.meta.url), new URL("../../dist/openapi.json", import.meta.url)];
  const file = candidates.find((url) => existsSync(url));
  if (!file) throw new Error("openapi.json was not found beside the command; reinstall the package");
  const spec = JSON.parse(readFileSync(file, "utf8")) as { components: { schemas: Record<string, { properties?: object }> } };
  return Object.keys(spec.components.schemas[schema]?.properties ?? {});
}

interface State {
  bytes: number;
  items: number;
  pages: number;
  cursor?: string | null;
  organization?: OrganizationPosition;
  /** The format's closing text is written: only the checkpoint's removal was left. */
  ended?: boolean;
}

interface Sink {
  state: State;
  /** Writes `text`, then makes `next` (which covers it) the state: durable before the checkpoint says so. */
  write(text: string, next: State): Promise<void>;
  finish(): void;
  /** Stops after a failure; returns whether what was exported (by this run or a resumed one) is kept. */
  abandon(): boolean;
}

/**
 * A file written page by page: each page is written and fsynced, then the checkpoint moves past it. A resume cuts
 * the file back to the checkpoint's byte count (dropping any half-written page) and goes on from its cursor.
 * The file is locked for the whole export (FILE.lock), opened without following a symbolic link, and not cut to
 * 0 until the first page has arrived; a file this run created and wrote nothing to is removed on failure.
 */
function fileSink(out: string, options: Pick<ExportOptions, "resume" | "force" | "format">, params: Record<string, unknown>): Sink {
  const folder = dirname(out);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new UsageError(`the folder of --out does not exist: ${folder}`);
  let release: () => void;
  try {
    release = acquireLock(out);
  } catch (error) {
    if (error instanceof LockedError) throw new UsageError(error.message);
    throw error;
  }
  let fd: number | undefined;
  try {
    let checkpoint: Checkpoint | undefined;
    try {
      checkpoint = readCheckpoint(out);
    } catch (error) {
      if (error instanceof CheckpointError) throw new UsageError(`${error.message}; start over with --force`);
      throw error;
    }
    if (options.resume) {
      if (!checkpoint) throw new UsageError(`${out} has no checkpoint to resume from (the export finished, or never started): run without --resume`);
      const differ = Object.keys({ ...params, ...checkpoint.params }).filter((k) => JSON.stringify(checkpoint.params[k]) !== JSON.stringify(params[k]));
      if (differ.length > 0) {
        const was = differ.map((k) => `${k} ${JSON.stringify(checkpoint.params[k])}`).join(", ");
        const now = differ.map((k) => `${k} ${JSON.stringify(params[k])}`).join(", ");
        throw new UsageError(`${checkpointPath(out)} is of another export (${was}; this command: ${now}): resume with the same server, project, kind, format, --query, --fields and organizations`);
      }
    } else if (checkpoint && !options.force) {
      throw new UsageError(
        `${out} holds an interrupted export (${checkpointPath(out)}: ${checkpoint.items} items): continue it with --resume, or start over with --force`,
      );
    }
    const opened = openOutput(out);
    fd = opened.fd;
    const created = opened.created;
    // Personal data: readable by the owner only, also when the file already existed.
    fchmodSync(fd, 0o600);
    const { version: _, params: __, ...saved } = (options.resume && checkpoint) || { version: 1, params: {}, bytes: 0, items: 0, pages: 0 };
    const state: State = saved;
    if (options.resume) {
      const size = fstatSync(fd).size;
      if (size < state.bytes) {
        throw new UsageError(`${out} is shorter than ${checkpointPath(out)} says (${state.bytes} bytes): one of them was changed; start over with --force`);
      }
      if (!onBoundary(fd, state.bytes, options.format)) {
        throw new UsageError(`${checkpointPath(out)} does not end on a whole line of ${out} (byte ${state.bytes}): one of them was changed; start over with --force`);
      }
      ftruncateSync(fd, state.bytes);
    } else if (checkpoint) {
      removeCheckpoint(out); // --force
    }
    const file = fd;
    let written = false;
    return {
      state,
      async write(text, next) {
        // Cut the old content only now that there is something to replace it with.
        if (!written && !options.resume) ftruncateSync(file, 0);
        written = true;
        const bytes = Buffer.from(text);
        for (let done = 0; done < bytes.length; ) done += writeSync(file, bytes, done, bytes.length - done, state.bytes + done);
        fsyncSync(file);
        Object.assign(state, next, { bytes: state.bytes + bytes.length });
        writeCheckpoint(out, { version: 1, params, ...state });
      },
      finish() {
        closeSync(file);
        removeCheckpoint(out);
        release();
      },
      abandon() {
        closeSync(file);
        const kept = written || options.resume;
        if (!kept && created) rmSync(out, { force: true });
        release();
        return kept;
      },
    };
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    release();
    throw error;
  }
}

/** Opens (or creates) `out` for reading and writing, never through a symbolic link, without cutting it. */
function openOutput(out: string): { fd: number; created: boolean } {
  const flags = constants.O_RDWR | constants.O_CREAT | (constants.O_NOFOLLOW ?? 0);
  for (const created of [true, false]) {
    try {
      return { fd: openSync(out, created ? flags | constants.O_EXCL : flags, 0o600), created };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "EEXIST" && created) continue;
      if (code === "ELOOP") throw new UsageError(`--out ${out} is a symbolic link: refusing to write through it`);
      if (code === "EISDIR") throw new UsageError(`--out ${out} is a folder`);
      throw error;
    }
  }
  throw new Error("unreachable");
}

/**
 * Whether the first `bytes` bytes of the file end on a whole item: after a newline (NDJSON, CSV and the JSON
 * array's first and last lines) whose line, for NDJSON, is whole JSON; or, in a JSON array, after an item's line.
 */
function onBoundary(fd: number, bytes: number, format: FormatName): boolean {
  if (bytes === 0) return true;
  const size = Math.min(bytes, 4 << 20);
  const tail = Buffer.alloc(size);
  readSync(fd, tail, 0, size, bytes - size);
  const text = tail.toString("utf8");
  const wholeJson = (line: string) => {
    try {
      const value: unknown = JSON.parse(line);
      return typeof value === "object" && value !== null;
    } catch {
      return false;
    }
  };
  if (text.endsWith("\n")) return format !== "ndjson" || wholeJson(text.slice(text.lastIndexOf("\n", text.length - 2) + 1, -1));
  return format === "json" && wholeJson(text.slice(text.lastIndexOf("\n") + 1));
}

/** Standard output, with back-pressure; not resumable. */
function streamSink(stdout: NodeJS.WritableStream): Sink {
  const state: State = { bytes: 0, items: 0, pages: 0 };
  return {
    state,
    async write(text, next) {
      if (text && !stdout.write(text)) await once(stdout, "drain");
      Object.assign(state, next, { bytes: state.bytes + Buffer.byteLength(text) });
    },
    finish() {},
    abandon: () => state.bytes > 0,
  };
}

/**
 * Spaces calls start to start at 98% of `rpm`, in the order they ask; a wait ends early on abort. The 2% is room
 * for network jitter: spaced exactly at the limit, a request that arrives a few ms early makes N + 1 in the
 * server's window and earns a 429 (measured with bench/export.mjs: 2 of 142 requests at 100%, 0 at 98%).
 */
function pacer(rpm: number) {
  const interval = 60_000 / (rpm * 0.98);
  let next = 0;
  return async (signal?: AbortSignal | null) => {
    const now = Date.now();
    const at = Math.max(now, next);
    next = at + interval;
    if (at > now) await sleep(at - now, undefined, { signal: signal ?? undefined });
  };
}

function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`;
}

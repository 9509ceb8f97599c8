// `stytch-openapi export`: every user, member, organization or connected-app client of a project, streamed to
// NDJSON, JSON or CSV through the public client — paced, retried, prefetched, and resumable from a checkpoint.
import { closeSync, existsSync, fstatSync, fsyncSync, ftruncateSync, openSync, readFileSync, chmodSync, writeSync } from "node:fs";
import { once } from "node:events";
import { setTimeout as sleep } from "node:timers/promises";
import { createStytchClient, StytchAbortError, StytchBaseError, type StytchClient } from "stytch-openapi";
import { readCheckpoint, removeCheckpoint, writeCheckpoint, type Checkpoint, type OrganizationPosition } from "./checkpoint.js";
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
  let requests = 0;
  let failures = 0;
  // Pacing sits on fetch, so that it spaces every request to a search endpoint, retries included, and holds across
  // the members searches of many organizations; each endpoint has its own limit.
  const pacers = new Map<string, (signal?: AbortSignal | null) => Promise<void>>();
  const rpmFor = (path: string) => (path.endsWith("/organizations/search") && options.kind === "members" ? SOURCES.organizations.rpm : (options.rpm ?? source.rpm));
  const client = createStytchClient({
    projectId,
    secret,
    baseUrl: options.baseUrl ?? io.env.STYTCH_BASE_URL,
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
  });

  const columns = options.fields ?? topLevelFields(source.schema);
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
  };
  const sink = options.out ? fileSink(options.out, options.resume, params) : streamSink(io.stdout);
  const state = sink.state;
  const bar = progress(io.stderr, `export ${options.kind}`);
  const started = Date.now();
  try {
    if (state.bytes === 0) await sink.write(fmt.begin(), state);
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
      await sink.write(fmt.page(list, state.items), next);
      if (step.fetched) bar.page(state.items, state.pages, step.total);
    }
    if (!state.ended) await sink.write(fmt.end(), { ...state, ended: true });
    sink.finish();
    bar.done({ items: state.items, pages: state.pages, retries: failures, seconds: (Date.now() - started) / 1000 });
    return 0;
  } catch (error) {
    bar.stop();
    sink.abandon();
    const interrupted = io.signal.aborted && error instanceof StytchAbortError;
    const why = interrupted ? "interrupted" : `failed: ${error instanceof StytchBaseError ? error.message : String(error)}`;
    io.stderr.write(`export ${options.kind} ${why} after ${state.items} items in ${state.pages} pages (${requests} requests).\n`);
    if (options.out) {
      const again = [...io.argv, ...(io.argv.includes("--resume") ? [] : ["--resume"])].map(shellQuote).join(" ");
      io.stderr.write(`${options.out} holds the ${state.items} items exported so far. Resume with:\n  stytch-openapi ${again}\n`);
    } else {
      io.stderr.write("Output to stdout cannot be resumed; use --out FILE for a resumable export.\n");
    }
    return interrupted ? 130 : 1;
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
  abandon(): void;
}

/**
 * A file written page by page: each page is written and fsynced, then the checkpoint moves past it. A resume cuts
 * the file back to the checkpoint's byte count (dropping any half-written page) and goes on from its cursor.
 */
function fileSink(out: string, resume: boolean, params: Record<string, unknown>): Sink {
  let checkpoint: Checkpoint | undefined;
  if (resume) {
    checkpoint = readCheckpoint(out);
    if (!checkpoint) throw new UsageError(`${out} has no checkpoint to resume from (the export finished, or never started): run without --resume`);
    if (JSON.stringify(checkpoint.params) !== JSON.stringify(params)) {
      throw new UsageError(`${out}.checkpoint is of another export (${JSON.stringify(checkpoint.params)}): resume with the same kind, format, --query, --fields and organizations`);
    }
  }
  // Personal data: readable by the owner only, also when the file already existed.
  const fd = openSync(out, resume ? "r+" : "w", 0o600);
  chmodSync(out, 0o600);
  const { version: _, params: __, ...saved } = checkpoint ?? { version: 1, params: {}, bytes: 0, items: 0, pages: 0 };
  const state: State = saved;
  if (checkpoint && fstatSync(fd).size < checkpoint.bytes) {
    closeSync(fd);
    throw new UsageError(`${out} is shorter than its checkpoint says (${checkpoint.bytes} bytes): it was changed since; start again without --resume`);
  }
  ftruncateSync(fd, state.bytes);
  return {
    state,
    async write(text, next) {
      const bytes = Buffer.from(text);
      for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done, state.bytes + done);
      fsyncSync(fd);
      Object.assign(state, next, { bytes: state.bytes + bytes.length });
      writeCheckpoint(out, { version: 1, params, ...state });
    },
    finish() {
      closeSync(fd);
      removeCheckpoint(out);
    },
    abandon() {
      closeSync(fd);
    },
  };
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
    abandon() {},
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

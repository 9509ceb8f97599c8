// `stytch-openapi export`: every user, member, organization or connected-app client of a project, streamed to
// NDJSON, JSON or CSV through the public client — paced, retried, prefetched, and resumable from a checkpoint. This
// file is the run: check the options, page through the walk, write each page, and on failure say what is kept and
// how to go on. The checks, the client, the output and the walks each live in a file of their own.
import { StytchAbortError, StytchBaseError, StytchError, StytchInputError, StytchRedirectError } from "stytch-openapi";
import { exportClient, failureText } from "./export-client.js";
import { checkFields, checkOptions, target, type ExportOptions } from "./export-options.js";
import { format, pick } from "./formats.js";
import type { Io } from "./io.js";
import { SOURCES, topLevelFields } from "./kinds.js";
import { progress } from "./progress.js";
import { fileSink, streamSink, type Sink } from "./sink.js";
import { organizationsWalk, searchWalk } from "./walk.js";

/**
 * Runs the export; resolves with the process exit code (0 done, 1 failed, 2 arguments that cannot be sent, 130
 * interrupted) and throws `UsageError` for what the user can fix before anything is sent.
 * @example
 * const code = await exportCommand({ ...options, kind: "users", out: "users.ndjson" }, io);
 */
export async function exportCommand(options: ExportOptions, io: Io): Promise<number> {
  const source = SOURCES[options.kind];
  checkOptions(options);
  const to = target(options.baseUrl, io.env);
  const known = topLevelFields(source.schema);
  if (options.fields) checkFields(options.kind, options.fields, known);
  const columns = options.fields ?? known;
  const label = `export ${options.kind}`;
  const { client, counts, baseUrl, host } = exportClient(options, io, to);

  const fmt = format(options.format, columns);
  // CSV reads the dotted paths itself; NDJSON and JSON items are cut down to them.
  const project =
    options.fields && options.format !== "csv"
      ? (item: unknown) => Object.fromEntries(columns.map((c) => [c, pick(item, c)]))
      : (item: unknown) => item;
  const params = {
    kind: options.kind,
    format: options.format,
    query: options.query ?? null,
    fields: options.fields ?? null,
    organization_ids: options.organizationId,
    all_organizations: options.allOrganizations,
    // A resume must read from the same server and project, or it would mix two data sets in one file.
    base_url: baseUrl.href.replace(/\/+$/, ""),
    project_id: to.projectId,
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
      const next = {
        ...state,
        ...step.position,
        items: state.items + list.length,
        pages: state.pages + (step.fetched ? 1 : 0),
      };
      if (!step.position.organization) delete next.organization;
      await sink.write(head + fmt.page(list, state.items), next);
      head = "";
      if (step.fetched) bar.page(state.items, state.pages, step.total);
    }
    if (!state.ended) await sink.write(head + fmt.end(), { ...state, ended: true });
    sink.finish();
    bar.done({
      items: state.items,
      pages: state.pages,
      retries: counts.failures,
      seconds: (Date.now() - started) / 1000,
    });
    return 0;
  } catch (error) {
    bar.stop();
    return failed(error, { options, io, sink, label, host, requests: counts.requests });
  }
}

/** After a failure: what happened, what is kept and how to go on, on stderr; resolves with the exit code. */
function failed(
  error: unknown,
  run: { options: ExportOptions; io: Io; sink: Sink; label: string; host: string; requests: number },
): number {
  const { options, io, sink, label, host, requests } = run;
  const state = sink.state;
  const interrupted = io.signal.aborted && error instanceof StytchAbortError;
  // Nothing the user can fix by waiting: a refused request (credentials, permissions, a bad filter), a redirect,
  // arguments that cannot be sent. Resuming would fail the same way.
  const permanent =
    error instanceof StytchInputError ||
    error instanceof StytchRedirectError ||
    (error instanceof StytchError &&
      error.status_code >= 400 &&
      error.status_code < 500 &&
      error.status_code !== 408 &&
      error.status_code !== 429);
  const kept = sink.abandon();
  const why = interrupted
    ? "interrupted"
    : `failed: ${error instanceof StytchBaseError ? failureText(error, host) : String(error)}`;
  io.stderr.write(`${label} ${why} after ${state.items} items in ${state.pages} pages (${requests} requests).\n`);
  if (!kept) {
    if (options.out) io.stderr.write(`Nothing was exported and ${options.out} was left as it was.\n`);
    if (!permanent && !interrupted) io.stderr.write("Run the same command again once the API can be reached.\n");
  } else if (permanent) {
    if (options.out)
      io.stderr.write(
        `${options.out} holds the ${state.items} items exported so far; once the cause is fixed, continue with --resume.\n`,
      );
  } else if (options.out) {
    const again = [...io.argv, ...(io.argv.includes("--resume") ? [] : ["--resume"])].map(shellQuote).join(" ");
    io.stderr.write(
      `${options.out} holds the ${state.items} items exported so far. Resume with:\n  stytch-openapi ${again}\n`,
    );
  } else {
    io.stderr.write("Output to stdout cannot be resumed; use --out FILE for a resumable export.\n");
  }
  return interrupted ? 130 : error instanceof StytchInputError ? 2 : 1;
}

function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`;
}

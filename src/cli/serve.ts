// `stytch-openapi serve`: the Stytch emulator on a port, until SIGINT or SIGTERM. The URL and the credentials are
// printed (stdout) once the port answers; the request log goes to stderr. The secret is shown only when it is the
// README's published test secret, never one the user supplied.
import { readFileSync } from "node:fs";
import {
  loadBundledSpec,
  parseRateLimitTable,
  parseScenario,
  openStateFile,
  serveEmulator,
  StateFileError,
  type RequestLog,
  type RunningEmulator,
  type Saver,
  type RateLimitTable,
  type Scenario,
} from "stytch-openapi/emulator";
import type { FakeData } from "stytch-openapi/fake";
import { operations as operationTable } from "../generated/operations.js";
import { UsageError, type Io } from "./io.js";
import { untilStopped } from "./lifetime.js";

/**
 * The README's test credentials: what `serve` accepts when none are given.
 * @example
 * createStytchClient({ projectId: TEST_PROJECT_ID, secret: TEST_SECRET, baseUrl: "http://127.0.0.1:4010" });
 */
export const TEST_PROJECT_ID = "project-test-11111111-1111-1111-1111-111111111111";
/** The README's test secret, shown in full by `serve` (any other secret is not). */
export const TEST_SECRET = "secret-test-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";

/** The parsed flags of `serve` (program.ts's commander definition fills them). */
export interface ServeOptions {
  port: number;
  host: string;
  projectId?: string;
  secret?: string;
  data?: string;
  save?: string;
  seed?: number;
  /** `docs` (default), `off`, or a JSON file of operationId → { requests, perSeconds }. */
  rateLimits?: string;
  /** A JSON file of faults and latency per operation. */
  scenario?: string;
  quiet: boolean;
  log: "text" | "json";
  /** The spec file to validate against (not a flag: `npm start` passes src/generated/openapi.json). */
  specFile?: string;
}

/**
 * Serves until `io.signal` aborts; resolves with the exit code.
 * @example
 * const code = await serveCommand({ port: 0, host: "127.0.0.1", quiet: true, log: "text" }, io);
 */
export async function serveCommand(options: ServeOptions, io: Io): Promise<number> {
  const projectId = options.projectId ?? io.env.STYTCH_PROJECT_ID ?? TEST_PROJECT_ID;
  const secret = options.secret ?? io.env.STYTCH_SECRET ?? TEST_SECRET;
  if (!projectId || !secret) throw new UsageError("the project id and the secret may not be empty");
  const data = options.data === undefined ? undefined : readData(options.data);
  const log = options.quiet ? undefined : logger(options.log, io.stderr);
  const spec = loadBundledSpec(options.specFile);
  const operations = new Set(operationIdsOf(spec));
  const rateLimits = readRateLimits(options.rateLimits ?? "docs", operations);
  const scenario = options.scenario === undefined ? undefined : readScenario(options.scenario, operations);

  let saver: Saver | undefined;
  let emulator: RunningEmulator;
  try {
    emulator = await serveEmulator({
      spec,
      rateLimits,
      scenario,
      host: options.host,
      port: options.port,
      projectId,
      secret,
      data,
      seed: options.seed,
      log,
      onChange: () => saver?.changed(),
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE")
      throw new UsageError(`port ${options.port} on ${options.host} is in use: choose another with --port`);
    if (code === "EADDRNOTAVAIL" || code === "ENOTFOUND")
      throw new UsageError(`cannot listen on --host ${options.host}`);
    // The fake refuses --data records it cannot load (a member of an unknown organization).
    if (options.data !== undefined && code === undefined)
      throw new UsageError(`--data ${options.data}: ${(error as Error).message}`);
    throw error;
  }
  try {
    if (options.save)
      saver = openStateFile(options.save, emulator.fake, undefined, (error) =>
        io.stderr.write(
          `stytch-openapi: cannot save the state to ${options.save} (${(error as NodeJS.ErrnoException).code ?? error.message}); trying again at the next change\n`,
        ),
      );
  } catch (error) {
    await emulator.close();
    if (error instanceof StateFileError) throw new UsageError(error.message);
    throw error;
  }

  const shownSecret = secret === TEST_SECRET ? secret : `${secret.slice(0, 12)}… (as given)`;
  io.stdout.write(
    [
      `Stytch emulator  ${emulator.url}`,
      `  project id     ${projectId}`,
      `  secret         ${shownSecret}`,
      `  try            curl -u ${projectId}:${secret === TEST_SECRET ? secret : "$STYTCH_SECRET"} -H 'Content-Type: application/json' -d '{"email":"ada@example.com"}' ${emulator.url}${operationTable.createUser.path}`,
      `  admin          POST ${emulator.url}/__fake/reset, GET ${emulator.url}/__fake/snapshot, POST ${emulator.url}/__fake/sessions (same credentials)`,
      `  rate limits    ${options.rateLimits === undefined || options.rateLimits === "docs" ? "as Stytch documents them (--rate-limits off to disable)" : options.rateLimits === "off" ? "off" : `from ${options.rateLimits}`}`,
      ...(options.scenario ? [`  scenario       ${options.scenario}`] : []),
      ...(options.save ? [`  state          ${options.save} (saved after each change and on exit)`] : []),
      "Ctrl-C stops it.",
      "",
    ].join("\n"),
  );

  await untilStopped(io);
  try {
    saver?.close();
  } finally {
    await emulator.close();
  }
  return 0;
}

function operationIdsOf(spec: { paths?: Record<string, Record<string, unknown>> }): string[] {
  const ids: string[] = [];
  for (const item of Object.values(spec.paths ?? {})) {
    for (const op of Object.values(item ?? {})) {
      const id = (op as { operationId?: unknown } | null)?.operationId;
      if (typeof id === "string") ids.push(id);
    }
  }
  return ids;
}

function readJson(flag: string, file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new UsageError(
      `cannot read ${flag} ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new UsageError(`${flag} ${file} is not JSON (${(error as Error).message})`);
  }
}

function readRateLimits(mode: string, operations: ReadonlySet<string>): "docs" | "off" | RateLimitTable {
  if (mode === "docs" || mode === "off") return mode;
  try {
    return parseRateLimitTable(readJson("--rate-limits", mode), operations);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`--rate-limits ${mode}: ${(error as Error).message} (or use --rate-limits docs|off)`);
  }
}

function readScenario(file: string, operations: ReadonlySet<string>): Scenario {
  try {
    return parseScenario(readJson("--scenario", file), operations);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`--scenario ${file}: ${(error as Error).message}`);
  }
}

function readData(file: string): FakeData {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new UsageError(
      `cannot read --data ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  try {
    const data = JSON.parse(text) as unknown;
    if (typeof data !== "object" || data === null || Array.isArray(data)) throw new Error("not a JSON object");
    return data as FakeData;
  } catch (error) {
    throw new UsageError(
      `--data ${file} is not a JSON object of users, organizations, members, clients and grants (${(error as Error).message})`,
    );
  }
}

function logger(format: ServeOptions["log"], out: NodeJS.WritableStream): (entry: RequestLog) => void {
  if (format === "json") return (entry) => out.write(`${JSON.stringify(entry)}\n`);
  return (entry) => {
    const error = entry.error_type ? ` ${entry.error_type}` : "";
    out.write(`${entry.time} ${entry.method} ${entry.path} ${entry.status}${error} ${entry.ms}ms\n`);
  };
}

// `stytch-openapi`: parses the command line (commander) and dispatches to the command, each in a file of its own;
// `run` is what the bin (main.ts) calls and what tests call from source, with their own streams, env and signal.
// stdout carries data only; messages go to stderr. Exit codes: 0 done, 1 failed (resumable, or refused by the API),
// 2 bad usage (also: another export holds --out, or its checkpoint does not fit), 130 interrupted.
import { Argument, Command, CommanderError, InvalidArgumentError, Option } from "commander";
import pkg from "../../package.json" with { type: "json" };
import { exportCommand } from "./export.js";
import type { ExportOptions } from "./export-options.js";
import { UsageError, type Io } from "./io.js";
import { KINDS } from "./kinds.js";
import { proxyCommand, type ProxyCommandOptions } from "./proxy.js";
import { serveCommand, TEST_PROJECT_ID, type ServeOptions } from "./serve.js";

function integer(min: number, max: number) {
  return (value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max)
      throw new InvalidArgumentError(`must be an integer from ${min} to ${max}`);
    return n;
  };
}

// 1 a minute at least: below that the pause between requests overflows Node's timers and pacing turns off.
function numberFrom(min: number, max: number) {
  return (value: string) => {
    const n = Number(value);
    if (!Number.isFinite(n) || n < min || n > max)
      throw new InvalidArgumentError(`must be a number from ${min} to ${max}`);
    return n;
  };
}

function jsonObject(value: string) {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch (error) {
    throw new InvalidArgumentError(`is not JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
    throw new InvalidArgumentError("must be a JSON object");
  return parsed as Record<string, unknown>;
}

function fieldList(value: string) {
  const fields = value.split(",").map((f) => f.trim());
  if (fields.some((f) => f === "" || f.split(".").some((part) => part === "")))
    throw new InvalidArgumentError("must be names or dotted paths separated by commas");
  return fields;
}

const collect = (value: string, previous: string[]) => [...previous, value];

/** The commands and their options; each action hands its exit code to `exit`. */
function program(io: Io, exit: (code: number) => void): Command {
  const cli = new Command("stytch-openapi")
    .description(
      "Tools for the Stytch user, member, organization and connected-app APIs, built on the stytch-openapi client.",
    )
    .version(pkg.version)
    .exitOverride()
    // Commander's own output (help, version, parse errors) goes to the command's streams too, not the process's.
    .configureOutput({ writeOut: (text) => void io.stdout.write(text), writeErr: (text) => void io.stderr.write(text) })
    .showHelpAfterError("(run with --help for usage)");
  cli
    .command("export")
    .description(
      "Export every user, member, organization or connected-app client of a project, one page of search results at a time.\n" +
        "Credentials come only from STYTCH_PROJECT_ID and STYTCH_SECRET; STYTCH_BASE_URL (or --base-url) points at another server, such as the local mock.",
    )
    .addArgument(new Argument("<kind>", "what to export").choices(KINDS))
    .option(
      "-o, --out <file>",
      "write to FILE (created with mode 0600: it holds personal data) instead of stdout; needed for --resume",
    )
    .addOption(
      new Option("-f, --format <format>", "output format").choices(["ndjson", "json", "csv"]).default("ndjson"),
    )
    .option(
      "-q, --query <json>",
      'search query as JSON, e.g. \'{"operator":"AND","operands":[{"filter_name":"status","filter_value":"active"}]}\'',
      jsonObject,
    )
    .option(
      "--fields <list>",
      "comma-separated fields, dotted paths allowed (emails.0.email); default: every top-level field of the schema",
      fieldList,
    )
    .option("--page-size <n>", "items per search request (the API allows at most 1000)", integer(1, 1000), 1000)
    .option(
      "--rpm <n>",
      "search requests per minute, 1 to 1000000 (default: 150 for users, 100 for the others, the API's limits)",
      numberFrom(1, 1_000_000),
    )
    .option("--resume", "continue an interrupted export of --out FILE from its checkpoint (FILE.checkpoint)", false)
    .option(
      "--force",
      "start over even though --out FILE holds an interrupted export (its checkpoint is dropped)",
      false,
    )
    .option("--base-url <url>", "API base URL (default: STYTCH_BASE_URL, else chosen from the project id)")
    .option("--organization-id <id>", "members: an organization to export (repeatable)", collect, [])
    .option("--all-organizations", "members: every organization of the project", false)
    .option("--prefetch <n>", "search pages requested ahead while the last one is written", integer(0, 16), 2)
    .option("--max-retries <n>", "retries of each request after a 429, a 5xx or a lost connection", integer(0, 100), 8)
    .addHelpText(
      "after",
      "\nExamples:\n  STYTCH_PROJECT_ID=… STYTCH_SECRET=… stytch-openapi export users --out users.ndjson\n" +
        "  stytch-openapi export members --all-organizations --format csv --out members.csv\n" +
        "  stytch-openapi export users --out users.ndjson --resume   # after a failure or Ctrl-C\n",
    )
    .action(async (kind: ExportOptions["kind"], options: Omit<ExportOptions, "kind">) => {
      exit(await exportCommand({ ...options, kind }, io));
    });
  cli
    .command("serve")
    .description(
      "Run the Stytch emulator: an in-memory Stytch (users, organizations, members, connected apps) that validates every\n" +
        "request against this package's OpenAPI description and answers in the API's shapes, until Ctrl-C or SIGTERM.\n" +
        `Credentials: --project-id/--secret, else STYTCH_PROJECT_ID/STYTCH_SECRET, else the README's test credentials (${TEST_PROJECT_ID}).`,
    )
    .option("-p, --port <n>", "port to listen on (0: any free port)", integer(0, 65535), 4010)
    .option("--host <host>", "address to listen on (the emulator has no TLS: keep it on loopback)", "127.0.0.1")
    .option("--project-id <id>", "project id the emulator accepts")
    .option(
      "--secret <secret>",
      "secret the emulator accepts (prefer STYTCH_SECRET: arguments are visible to other users of the machine)",
    )
    .option(
      "--data <file>",
      "JSON records to start from: { users, organizations, members, clients, grants }; POST /__fake/reset returns to them",
    )
    .option(
      "--save <file>",
      "keep the state in FILE: restored at start, written after each change and on exit (mode 0600)",
    )
    .option("--seed <n>", "deterministic ids, secrets and timestamps", integer(0, 2 ** 31 - 1))
    .option(
      "--rate-limits <mode>",
      "docs (Stytch's documented limits, e.g. searchUsers 150/min), off, or a JSON FILE of operationId → { requests, perSeconds }",
      "docs",
    )
    .option(
      "--scenario <file>",
      'JSON FILE of faults and latency per operation: { seed, operations: { <operationId>: { faults: { "503": 0.1 }, latency: { min, max } } } }',
    )
    .option("-q, --quiet", "no request log", false)
    .addOption(new Option("--log <format>", "request log format on stderr").choices(["text", "json"]).default("text"))
    .addHelpText(
      "after",
      "\nExamples:\n  npx stytch-openapi serve\n  npx stytch-openapi serve --port 5010 --data seed.json --save .stytch-state.json\n  npx stytch-openapi serve --rate-limits off --scenario flaky.json\n",
    )
    .action(async (options: ServeOptions) => {
      exit(await serveCommand(options, io));
    });
  cli
    .command("proxy")
    .description(
      "Run the drift proxy: point an application, a test suite or an official SDK at it; every request and answer passes\n" +
        "through to --target unchanged and is checked against this package's OpenAPI description. What differs is reported\n" +
        "per operation (redacted: no credentials, tokens, secrets or personal data), until Ctrl-C or SIGTERM.",
    )
    .option("--target <url>", "the API to forward to (https; http only on loopback)", "https://test.stytch.com")
    .option("-p, --port <n>", "port to listen on (0: any free port)", integer(0, 65535), 4012)
    .option("--host <host>", "address to listen on (the proxy has no TLS: keep it on loopback)", "127.0.0.1")
    .option("--report <file>", "keep FILE.json and FILE.md current while running (atomic writes), complete on exit")
    .option(
      "--record <dir>",
      "write the exchanges, redacted, to DIR/exchanges.ndjson and the records seen to DIR/data.json (serve --data loads it)",
    )
    .option("--fail-on-drift", "exit 1 when anything was found (for CI)", false)
    .option(
      "--timeout <ms>",
      "longest wait for the target's answer, and for each pause in it",
      integer(1, 600_000),
      30_000,
    )
    .option("-q, --quiet", "no line per exchange on stderr", false)
    .addHelpText(
      "after",
      "\nExamples:\n  npx stytch-openapi proxy --report drift\n  npx stytch-openapi proxy --target http://127.0.0.1:4010 --record traffic --fail-on-drift\n",
    )
    .action(async (options: ProxyCommandOptions) => {
      exit(await proxyCommand(options, io));
    });
  return cli;
}

/**
 * Parses `argv` (the arguments after the program name) and runs the command; resolves with the exit code. Messages,
 * help included, go to `io.stderr` and `io.stdout` as the command line prints them.
 * @example
 * const code = await run(["export", "users", "--out", "users.ndjson"], { stdout, stderr, env, signal, argv });
 */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  let code = 0;
  try {
    await program(io, (exit) => (code = exit)).parseAsync([...argv], { from: "user" });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version exit 0; any parse error is a usage error, exit 2.
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof UsageError) {
      io.stderr.write(`stytch-openapi: ${error.message}\n`);
      return 2;
    }
    io.stderr.write(`stytch-openapi: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

// `stytch-openapi proxy`: the drift proxy on a port, until SIGINT or SIGTERM. One line per exchange on stderr
// (templates, statuses and counts: never a value); the report (Markdown) on stdout when it stops; --report and
// --record files kept current while it runs. Exit 1 with --fail-on-drift when anything was found.
import { loadBundledSpec } from "stytch-openapi/emulator";
import { LockedError } from "../node/lock.js";
import { openRecord, openReportFile, reportBase, type Writer } from "../proxy/files.js";
import { serveProxy, type RunningProxy } from "../proxy/server.js";
import { UsageError, type Io } from "./io.js";
import { untilStopped } from "./lifetime.js";

/** The parsed flags of `proxy` (program.ts's commander definition fills them). */
export interface ProxyCommandOptions {
  target: string;
  port: number;
  host: string;
  report?: string;
  record?: string;
  failOnDrift: boolean;
  timeout: number;
  quiet: boolean;
  specFile?: string;
}

/**
 * Refuses what is not https, except a loopback target (a local emulator or test server).
 * @example
 * targetUrl("http://127.0.0.1:4010"); // URL; "http://api.example.com" throws UsageError
 */
export function targetUrl(value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`--target ${JSON.stringify(value.slice(0, 100))} is not a URL`);
  }
  if (url.username || url.password)
    throw new UsageError("--target may not carry credentials: the client sends its own");
  const loopback = ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname) || /^127\./.test(url.hostname);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && loopback))
    throw new UsageError(`--target must be https (http only on loopback), not ${url.protocol}//${url.hostname}`);
  if (url.search || url.hash) throw new UsageError("--target may not have a query or a fragment");
  return url;
}

/**
 * Runs the drift proxy until `io.signal` aborts, then prints the report; resolves with the exit code.
 * @example
 * const options = { target: "http://127.0.0.1:4010", port: 0, host: "127.0.0.1", failOnDrift: true, timeout: 30_000, quiet: true };
 * const code = await proxyCommand(options, io);
 */
export async function proxyCommand(options: ProxyCommandOptions, io: Io): Promise<number> {
  const target = targetUrl(options.target);
  const writers: Writer[] = [];
  let proxy: RunningProxy;
  let reportWriter: Writer | undefined;
  let record: ReturnType<typeof openRecord> | undefined;
  try {
    record = options.record ? openRecord(options.record) : undefined;
  } catch (error) {
    if (error instanceof LockedError) throw new UsageError(error.message);
    throw error;
  }
  if (record) writers.push(record);
  try {
    proxy = await serveProxy({
      spec: loadBundledSpec(options.specFile),
      target,
      host: options.host,
      port: options.port,
      timeoutMs: options.timeout,
      onExchange: (exchange) => {
        record?.add(exchange);
        reportWriter?.changed();
      },
      log: options.quiet ? undefined : (line) => io.stderr.write(`${line}\n`),
    });
  } catch (error) {
    record?.close();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE")
      throw new UsageError(`port ${options.port} on ${options.host} is in use: choose another with --port`);
    if (code === "EADDRNOTAVAIL" || code === "ENOTFOUND")
      throw new UsageError(`cannot listen on --host ${options.host}`);
    throw error;
  }
  try {
    if (options.report) writers.push((reportWriter = openReportFile(options.report, proxy.report)));
  } catch (error) {
    await proxy.close();
    record?.close();
    if (error instanceof LockedError) throw new UsageError(error.message);
    throw error;
  }
  io.stderr.write(
    [
      `Stytch drift proxy  ${proxy.url}  ->  ${target.origin}`,
      ...(options.report
        ? [`  report           ${reportBase(options.report)}.json, ${reportBase(options.report)}.md (kept current)`]
        : []),
      ...(options.record ? [`  record           ${options.record}/exchanges.ndjson, ${options.record}/data.json`] : []),
      "Ctrl-C stops it and prints the report.",
      "",
    ].join("\n"),
  );
  await untilStopped(io);
  await proxy.close();
  // Answers still being checked finish on the next turns of the event loop.
  await new Promise((r) => setTimeout(r, 20));
  for (const writer of writers) writer.close();
  io.stdout.write(proxy.report.markdown());
  return options.failOnDrift && proxy.report.size > 0 ? 1 : 0;
}

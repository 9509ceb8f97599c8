// The client `stytch-openapi export` pages through: the public client over a fetch that paces every search request
// (retries included) and counts requests and failures, saying on stderr at once when an attempt fails and is retried;
// and the text that tells people what went wrong and where.
import {
  createStytchClient,
  LIVE_BASE_URL,
  StytchAbortError,
  StytchError,
  StytchInputError,
  StytchRedirectError,
  StytchRequestError,
  StytchTimeoutError,
  TEST_BASE_URL,
  type StytchBaseError,
  type StytchClient,
} from "stytch-openapi";
import { operations } from "../generated/operations.js";
import { pacer } from "../wrappers/paginate.js";
import type { ExportOptions, Target } from "./export-options.js";
import { UsageError, type Io } from "./io.js";
import { SOURCES } from "./kinds.js";

/** What the export's client has done so far, for the summary lines. */
export interface Counts {
  requests: number;
  /** Answers that were not 2xx, and requests that got no answer. */
  failures: number;
}

/** The client, its counters, and the base URL and host it talks to. */
export interface ExportClient {
  client: StytchClient;
  counts: Counts;
  baseUrl: URL;
  host: string;
}

/**
 * The client of an export: paced per search endpoint at 98% of its rate, counted, retries announced on stderr.
 * @example
 * const { client, counts, host } = exportClient(options, io, target(options.baseUrl, io.env));
 */
export function exportClient(options: ExportOptions, io: Io, target: Target): ExportClient {
  const label = `export ${options.kind}`;
  const counts: Counts = { requests: 0, failures: 0 };
  let host = "";
  const source = SOURCES[options.kind];
  // Pacing sits on fetch, so that it spaces every request to a search endpoint, retries included, and holds across
  // the members searches of many organizations; each endpoint has its own limit. At 98% of it: the 2% is room for
  // network jitter, as spaced exactly at the limit, a request that arrives a few ms early makes N + 1 in the
  // server's window and earns a 429 (measured with bench/export.mjs: 2 of 142 requests at 100%, 0 at 98%).
  // members --all-organizations also pages through the organizations, at their own limit whatever --rpm says.
  const rates: [string, number][] = [[operations[source.search].path, options.rpm ?? source.rpm]];
  if (options.kind === "members")
    rates.push([operations[SOURCES.organizations.search].path, SOURCES.organizations.rpm]);
  const pacers = rates.map(([path, rpm]) => ({ path, pace: pacer(rpm * 0.98) }));
  const send = io.fetch ?? ((input, init) => globalThis.fetch(input, init));
  let client: StytchClient;
  try {
    client = createStytchClient({
      projectId: target.projectId,
      secret: target.secret,
      baseUrl: target.baseUrl,
      maxRetries: options.maxRetries,
      sleep: io.sleep,
      fetch: async (input, init) => {
        // endsWith: a base URL may have a path of its own in front of the operation's.
        const pathname = new URL(input).pathname;
        await pacers.find(({ path }) => pathname.endsWith(path))?.pace(init?.signal ?? undefined);
        counts.requests++;
        try {
          const response = await send(input, init);
          if (!response.ok) counts.failures++;
          return response;
        } catch (error) {
          counts.failures++;
          throw error;
        }
      },
      // A connection that keeps failing is said at once, not after the last of the retries.
      onResponse: ({ retry, error, attempt }) => {
        if (retry && error && !(error instanceof StytchAbortError)) {
          io.stderr.write(
            `${label}: ${failureText(error, host)}; retrying (attempt ${attempt + 1} of ${options.maxRetries + 1})\n`,
          );
        }
      },
    });
  } catch (error) {
    // A base URL that is not a URL, or plain http off loopback.
    if (error instanceof StytchInputError) throw new UsageError(`${target.from}: ${error.message}`);
    throw error;
  }
  const baseUrl = new URL(
    target.baseUrl ?? (target.projectId.startsWith("project-live-") ? LIVE_BASE_URL : TEST_BASE_URL),
  );
  host = baseUrl.host;
  return { client, counts, baseUrl, host };
}

/**
 * What went wrong, for people: the API's own explanation (status, type, message, details, request id) for an
 * answer, and for a request that got none, the host and the cause (ECONNREFUSED, ENOTFOUND, a timeout).
 * @example
 * failureText(error, "api.example.com"); // "cannot reach api.example.com (ECONNREFUSED): …"
 */
export function failureText(error: StytchBaseError, host: string): string {
  if (error instanceof StytchError) {
    const details = error.error_details ? ` ${JSON.stringify(error.error_details)}` : "";
    return `HTTP ${error.status_code} ${error.error_type}: ${error.error_message}${details}${error.request_id ? ` (request_id ${error.request_id})` : ""}`;
  }
  if (error instanceof StytchTimeoutError) return `${host} did not answer: ${error.message}`;
  if (
    error instanceof StytchRequestError &&
    !(error instanceof StytchAbortError) &&
    !(error instanceof StytchRedirectError)
  ) {
    const cause = error.cause as (Error & { code?: string }) | undefined;
    const code = cause?.code ?? /\b(E[A-Z]{3,})\b/.exec(cause?.message ?? "")?.[1];
    return `cannot reach ${host}${code ? ` (${code})` : ""}: ${error.message}${cause ? `: ${cause.message}` : ""}`;
  }
  return error.message;
}

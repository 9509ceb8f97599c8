/**
 * The Stytch emulator over HTTP: one Node process, the in-memory fake (`stytch-openapi/fake`) behind a server that
 * validates every request against the bundled spec before the fake sees it, and answers every refusal in the API's
 * error object. Admin endpoints live under `/__fake/`, a prefix no API path can reach (paths are decoded once and
 * `.`/`..` segments refused).
 * @example
 * import { serveEmulator, loadBundledSpec } from "stytch-openapi/emulator";
 * const emulator = await serveEmulator({ spec: loadBundledSpec(), port: 0 });
 * // point a client at emulator.url, then: await emulator.close();
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { answerClientErrors, listen } from "../node/http-server.js";
import { createStytchFake, type FakeData, type StytchFake } from "stytch-openapi/fake";
import {
  DEFAULT_LIMITS,
  EdgeError,
  invalidArgument,
  newRequestId,
  parseJsonBody,
  parseTarget,
  routeNotFound,
  tooManyRequests,
  unauthorized,
  type Limits,
} from "./http.js";
import { createScenarioRunner, FaultError, fromHeaders, type Decision, type Fault, type Scenario } from "./faults.js";
import { createRateLimiter, DOCUMENTED_RATE_LIMITS, type RateLimitTable } from "./rate-limits.js";
import { createValidator, type OpenApiDocument, type RoutedOperation, type Validator, type Violation } from "./validator.js";

/** One line of the request log: never a header, a body or a query value (they carry secrets and personal data). */
export interface RequestLog {
  time: string;
  method: string;
  /** The operation's path template (`/v1/users/{user_id}`), or `/__fake/…`, or the first 80 characters of an unrouted path. */
  path: string;
  operationId?: string;
  status: number;
  ms: number;
  request_id?: string;
  error_type?: string;
  /** Where the request broke the spec, when the validator refused it (`body.email`, `query.limit`). */
  invalid?: string;
  /** The fault injected (by header or scenario), if any. */
  fault?: string;
}

export interface EmulatorOptions {
  /** The bundled OpenAPI document (see `loadBundledSpec`). */
  spec: OpenApiDocument;
  /** Basic credentials the API paths (and `/__fake/`) require; both or neither. Without them any credentials pass. */
  projectId?: string;
  secret?: string;
  /** Records to start from; `POST /__fake/reset` comes back to them. */
  data?: FakeData;
  /** Deterministic ids and clock. */
  seed?: number;
  /** Called after each answer. */
  log?: (entry: RequestLog) => void;
  /** Called after each write that changed state (a 2xx to a non-GET API request, or a reset). */
  onChange?: () => void;
  /** Validates every answer against the spec too, reporting violations here (the tests use it). */
  onResponseViolation?: (operationId: string, status: number, violations: Violation[]) => void;
  limits?: Partial<Limits>;
  /** Rate limits: `"docs"` (default, Stytch's documented limits, see rate-limits.ts), `"off"`, or a table of your own. */
  rateLimits?: "docs" | "off" | RateLimitTable;
  /** Faults and latency per operation, drawn from a seeded generator (see faults.ts). */
  scenario?: Scenario;
  /** Milliseconds since the epoch, for rate-limit windows and session expiry (default `Date.now`). */
  clock?: () => number;
  /** How long a `timeout` fault holds a request before the emulator drops it (default 30 s, the server's requestTimeout). */
  faultTimeoutMs?: number;
}

/** A request handler over a fake, for `node:http` (or anything that gives IncomingMessage/ServerResponse). */
export interface Emulator {
  fake: StytchFake;
  validator: Validator;
  handle(req: IncomingMessage, res: ServerResponse): void;
}

export interface RunningEmulator extends Emulator {
  url: string;
  server: Server;
  /** Stops listening and ends every connection. */
  close(): Promise<void>;
}

const ADMIN = "__fake";
const REQUEST_TIMEOUT_MS = 30_000;

// Unref'd: a wait cut short by close() must not keep the process alive until it is over.
const sleep = (ms: number) => new Promise<void>((resolve) => void setTimeout(resolve, ms).unref());

/** The project id of Basic credentials (the rate limits' key), without keeping the secret. */
function projectOf(authorization: string | undefined): string {
  if (!authorization?.startsWith("Basic ")) return "";
  const decoded = Buffer.from(authorization.slice(6), "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  return colon === -1 ? "" : decoded.slice(0, colon);
}

/** Builds the emulator's request handler (no port): the fake, the validator and the edge rules. */
export function createEmulator(options: EmulatorOptions): Emulator {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const { projectId, secret } = options;
  const expected = projectId && secret ? `Basic ${Buffer.from(`${projectId}:${secret}`).toString("base64")}` : undefined;
  const fake = createStytchFake({ projectId, secret, seed: options.seed, data: options.data, clock: options.clock });
  const validator = createValidator(options.spec);
  const rateTable = options.rateLimits === "off" ? {} : options.rateLimits === undefined || options.rateLimits === "docs" ? DOCUMENTED_RATE_LIMITS : options.rateLimits;
  const limiter = createRateLimiter(rateTable, options.clock);
  const drawFault = options.scenario ? createScenarioRunner(options.scenario, options.seed) : undefined;
  const holdMs = options.faultTimeoutMs ?? REQUEST_TIMEOUT_MS;

  const answer = async (req: IncomingMessage, res: ServerResponse, log: Partial<RequestLog>): Promise<void> => {
    const target = parseTarget(req.url ?? "/");
    const method = req.method ?? "GET";
    if (method === "OPTIONS") {
      log.path = shortPath(target.rawPath);
      return send(res, 204, undefined, cors(req));
    }
    if (target.segments[0] === ADMIN) {
      log.path = shortPath(`/${ADMIN}/${target.segments.slice(1).join("/")}`);
      if (expected && req.headers.authorization !== expected) throw unauthorized();
      return admin(method, target.segments.slice(1), req, res);
    }
    if (method === "GET" && isJwksPath(target.segments)) {
      const b2b = target.segments[1] === "b2b";
      log.path = b2b ? "/v1/b2b/sessions/jwks/{project_id}" : "/v1/sessions/jwks/{project_id}";
      // The member session JWTs of POST /__fake/sessions are verified with the B2B key set.
      const keys = b2b ? (await fake.sessions.jwks()).keys : [];
      return send(res, 200, JSON.stringify({ keys, request_id: newRequestId(), status_code: 200 }), cors(req));
    }
    const op = validator.route(method, target.segments);
    log.path = op?.path ?? shortPath(target.rawPath);
    if (!op) throw routeNotFound(method);
    log.operationId = op.operationId;
    if (expected && req.headers.authorization !== expected) throw unauthorized();
    const text = await readBody(req, limits.bodyBytes);
    // After the body is read, so a 429 keeps the connection open for the client's retry.
    if (limiter.has(op.operationId)) {
      const retryAfter = limiter.take(projectOf(req.headers.authorization), op.operationId);
      if (retryAfter !== undefined) throw tooManyRequests(retryAfter);
    }
    const body = parseJsonBody(text, limits.depth);
    const query = new URLSearchParams(target.rawQuery);
    const headers: Record<string, string | undefined> = {};
    for (const [name, value] of Object.entries(req.headers)) headers[name] = Array.isArray(value) ? value.join(", ") : value;
    const violation = validator.checkRequest(op, { params: op.params, query, headers, body });
    if (violation) {
      log.invalid = violation.location;
      throw invalidArgument(`${violation.location}: ${violation.message}.`, violation.location);
    }

    // Faults are decided before the fake is called: an injected fault never changes the store (but see applyThenFail).
    const decision = decide(op.operationId, headers);
    if (decision?.fault) log.fault = decision.fault;
    if (decision && decision.latencyMs > 0) {
      await sleep(decision.latencyMs);
      if (res.destroyed) return; // the client gave up while waiting: nothing is applied
    }
    if (decision?.fault && !(decision.applyThenFail && (decision.fault === "500" || decision.fault === "503"))) {
      return injectFault(decision.fault, req, res);
    }

    const answer = fake.handle({
      method,
      pathname: target.rawPath,
      query,
      header: (name) => headers[name],
      // A JSON `null` where the body is optional reads as no body (see the validator).
      body: body === null ? "" : text,
    });
    if (decision?.fault) return injectFault(decision.fault, req, res); // applyThenFail: applied, then a 5xx
    if (options.onResponseViolation) checkAnswer(validator, op, answer.status, answer.body, options.onResponseViolation);
    if (answer.status === 200 && method !== "GET") options.onChange?.();
    log.request_id = requestIdOf(answer.body);
    return send(res, answer.status, answer.body, cors(req));
  };

  const decide = (operationId: string, headers: Record<string, string | undefined>): Decision | undefined => {
    let asked: ReturnType<typeof fromHeaders>;
    try {
      asked = fromHeaders(headers["stytch-emulator-fault"], headers["stytch-emulator-latency"]);
    } catch (error) {
      throw invalidArgument((error as FaultError).message);
    }
    const drawn = drawFault?.(operationId);
    if (!asked) return drawn;
    // A request's own headers win over the scenario.
    return { fault: asked.fault ?? drawn?.fault, latencyMs: asked.latencyMs ?? drawn?.latencyMs ?? 0, applyThenFail: false };
  };

  const injectFault = (fault: Fault, req: IncomingMessage, res: ServerResponse): Promise<void> | void => {
    if (fault === "429") throw tooManyRequests(1);
    if (fault === "500") {
      throw new EdgeError(500, "internal_server_error", "Oops, something seems to have gone wrong, please reach out to support@stytch.com to let us know what went wrong.");
    }
    // Guessed: Stytch documents no 503 error type; `service_unavailable` names it.
    if (fault === "503") throw new EdgeError(503, "service_unavailable", "The service is unavailable; try again later.");
    if (fault === "reset") {
      const socket = req.socket as Socket & { resetAndDestroy?: () => void };
      if (typeof socket.resetAndDestroy === "function") socket.resetAndDestroy();
      else socket.destroy();
      return;
    }
    // timeout: no answer until the client gives up, or until holdMs, when the connection is dropped.
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        req.socket.destroy();
        resolve();
      }, holdMs);
      timer.unref();
      res.once("close", () => {
        clearTimeout(timer);
        resolve();
      });
    });
  };

  const admin = async (method: string, rest: string[], req: IncomingMessage, res: ServerResponse) => {
    const name = rest.join("/");
    const text = await readBody(req, limits.bodyBytes);
    if (name === "sessions" && method === "POST") {
      const body = parseJsonBody(text, limits.depth);
      if (typeof body !== "object" || body === null || Array.isArray(body)) throw invalidArgument("The body must be a JSON object: { member_id, organization_id, expires_in_minutes? }.");
      let minted;
      try {
        minted = await fake.sessions.mint(body as Parameters<StytchFake["sessions"]["mint"]>[0]);
      } catch (error) {
        const e = error as { status?: number; error_type?: string; message: string };
        if (typeof e.status === "number" && typeof e.error_type === "string") throw new EdgeError(e.status, e.error_type, e.message);
        throw error;
      }
      return send(res, 200, JSON.stringify({ ...minted, request_id: newRequestId(), status_code: 200 }), cors(req));
    }
    if (name === "reset" && method === "POST") {
      fake.reset();
      options.onChange?.();
      return send(res, 200, JSON.stringify({ reset: true }), cors(req));
    }
    if (name === "snapshot" && method === "GET") return send(res, 200, JSON.stringify(fake.snapshot()), cors(req));
    throw new EdgeError(404, "route_not_found", "The route provided is not supported: the emulator's own endpoints are POST /__fake/reset, GET /__fake/snapshot and POST /__fake/sessions.");
  };

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const started = performance.now();
    const log: Partial<RequestLog> = { method: req.method ?? "", path: "" };
    res.once("finish", () => {
      options.log?.({ time: new Date().toISOString(), ...log, status: res.statusCode, ms: Math.round((performance.now() - started) * 100) / 100 } as RequestLog);
    });
    answer(req, res, log).catch((error: unknown) => {
      const edge = error instanceof EdgeError ? error : new EdgeError(500, "internal_server_error", "The emulator failed on this request.");
      log.error_type = edge.errorType;
      const requestId = newRequestId();
      log.request_id = requestId;
      if (res.headersSent) return void res.destroy();
      send(res, edge.status, JSON.stringify(edge.body(requestId)), { ...cors(req), ...edge.headers, ...(!req.complete ? { connection: "close" } : {}) });
      // A refused body that is still arriving is not read: close the connection once the answer is out.
      if (!req.complete) res.once("finish", () => req.socket.destroySoon?.());
    });
  };

  return { fake, validator, handle };
}

/** Serves an emulator on `host:port` (port 0: any free port); resolves once it answers. */
export async function serveEmulator(options: EmulatorOptions & { host?: string; port?: number }): Promise<RunningEmulator> {
  const emulator = createEmulator(options);
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const server = createServer({ maxHeaderSize: limits.headerBytes, requestTimeout: REQUEST_TIMEOUT_MS, headersTimeout: 20_000 }, emulator.handle);
  server.keepAliveTimeout = 5_000;
  // What Node refuses before a request exists (a head over maxHeaderSize, a malformed request line) gets the API's
  // error object too, then the connection is closed.
  answerClientErrors(server, (error) =>
    invalidArgument(
      error.code === "HPE_HEADER_OVERFLOW"
        ? `The request headers are larger than ${limits.headerBytes} bytes.`
        : error.code === "ERR_HTTP_REQUEST_TIMEOUT"
          ? "The request was not received in time."
          : "The request is not valid HTTP.",
    ).body(),
  );
  const url = await listen(server, options.host ?? "127.0.0.1", options.port ?? 0);
  return {
    ...emulator,
    url,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Reads a body up to `max` bytes; refuses a larger one (by its Content-Length before reading, else as it arrives). */
function readBody(req: IncomingMessage, max: number): Promise<string> {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > max) return Promise.reject(tooLarge(max));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        req.off("data", onData);
        req.pause();
        reject(tooLarge(max));
      } else chunks.push(chunk);
    };
    req.on("data", onData);
    req.once("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.once("error", reject);
  });
}

const tooLarge = (max: number) => invalidArgument(`The request body is larger than ${max} bytes.`);

/**
 * `GET /v1/sessions/jwks/{project_id}` and `/v1/b2b/sessions/jwks/{project_id}`: outside this description, but the
 * official Go SDK fetches the project's JWKS when its client is created (stytch-go `instantiateJWKSClient`) and fails
 * without an answer. The emulator issues no session JWTs, so the key set is empty.
 */
function isJwksPath(segments: string[]): boolean {
  const [v1, ...rest] = segments;
  if (v1 !== "v1") return false;
  const tail = rest[0] === "b2b" ? rest.slice(1) : rest;
  return tail.length === 3 && tail[0] === "sessions" && tail[1] === "jwks" && tail[2] !== "";
}

function cors(req: IncomingMessage): Record<string, string> {
  const requested = req.headers["access-control-request-headers"];
  return {
    "access-control-allow-origin": typeof req.headers.origin === "string" ? req.headers.origin : "*",
    "access-control-allow-methods": "GET, POST, PUT, DELETE, OPTIONS",
    // `*` does not cover Authorization in the Fetch standard, so the requested headers are echoed.
    "access-control-allow-headers": typeof requested === "string" ? requested : "*",
    // Named as well as `*`: the wildcard does not apply to requests with credentials.
    "access-control-expose-headers": "Retry-After, *",
    "access-control-max-age": "600",
    vary: "Origin, Access-Control-Request-Headers",
  };
}

function send(res: ServerResponse, status: number, body: string | undefined, headers: Record<string, string>): void {
  if (body === undefined) {
    res.writeHead(status, headers).end();
    return;
  }
  res.writeHead(status, { ...headers, "content-type": "application/json", "content-length": Buffer.byteLength(body) }).end(body);
}

function shortPath(rawPath: string): string {
  return rawPath.replace(/[^\x21-\x7e]/g, "?").slice(0, 80);
}

function requestIdOf(text: string): string | undefined {
  return /"request_id":"([^"]{1,100})"/.exec(text.slice(0, 400))?.[1];
}

function checkAnswer(validator: Validator, op: RoutedOperation, status: number, text: string, report: NonNullable<EmulatorOptions["onResponseViolation"]>): void {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return report(op.operationId, status, [{ location: "body", message: "is not JSON" }]);
  }
  const violations = validator.checkResponse(op, status, body);
  if (violations.length > 0) report(op.operationId, status, violations);
}

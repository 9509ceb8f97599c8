/**
 * The emulator's request pipeline, in the order a request meets it: the target parsed once (`.`/`..` refused), a
 * CORS preflight, the admin endpoints (`/__fake/`), the JWKS, then an operation of the spec: credentials, the body
 * (within the limits), the rate limits, the validator, the faults, and the fake. Every refusal is the API's error
 * object; every answer is one line of the request log.
 * @example
 * const emulator = createEmulator({ spec: loadBundledSpec() });
 * createServer(emulator.handle).listen(4010);
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { createStytchFake, type FakeData, type StytchFake } from "stytch-openapi/fake";
import { FakeError, invalid } from "../fake/context.js";
import { flatHeaders } from "../node/http-server.js";
import { ADMIN, createAdmin } from "./admin.js";
import type { Scenario } from "./faults.js";
import {
  DEFAULT_LIMITS,
  EdgeError,
  newRequestId,
  parseJsonBody,
  parseTarget,
  REQUEST_TIMEOUT_MS,
  routeNotFound,
  tooManyRequests,
  unauthorized,
  type Limits,
} from "./http.js";
import { createFaultInjector } from "./inject.js";
import { cors, projectOf, readBody, send } from "./io.js";
import { jwksBody, matchJwks } from "./jwks.js";
import { requestIdOf, shortPath, startLog, type PendingLog, type RequestLog } from "./log.js";
import { createRateLimiter, DOCUMENTED_RATE_LIMITS, type RateLimitTable } from "./rate-limits.js";
import {
  createValidator,
  type OpenApiDocument,
  type RoutedOperation,
  type Validator,
  type Violation,
} from "./validator.js";

/** Settings of `createEmulator` and `serveEmulator`: only `spec` is required. */
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

// Unref'd: a wait cut short by close() must not keep the process alive until it is over.
const sleep = (ms: number) => new Promise<void>((resolve) => void setTimeout(resolve, ms).unref());

/**
 * Builds the emulator's request handler (no port): the fake, the validator and the edge rules.
 * @example
 * const { handle, fake } = createEmulator({ spec: loadBundledSpec(), projectId: "project-test-1", secret: "s" });
 */
export function createEmulator(options: EmulatorOptions): Emulator {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const { projectId, secret } = options;
  const expected =
    projectId && secret ? `Basic ${Buffer.from(`${projectId}:${secret}`).toString("base64")}` : undefined;
  const fake = createStytchFake({ projectId, secret, seed: options.seed, data: options.data, clock: options.clock });
  const validator = createValidator(options.spec);
  const rateTable =
    options.rateLimits === "off"
      ? {}
      : options.rateLimits === undefined || options.rateLimits === "docs"
        ? DOCUMENTED_RATE_LIMITS
        : options.rateLimits;
  const limiter = createRateLimiter(rateTable, options.clock);
  const faults = createFaultInjector({
    scenario: options.scenario,
    seed: options.seed,
    holdMs: options.faultTimeoutMs ?? REQUEST_TIMEOUT_MS,
  });
  const admin = createAdmin(fake, limits, () => options.onChange?.());

  const answer = async (req: IncomingMessage, res: ServerResponse, log: PendingLog): Promise<void> => {
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
    const jwks = matchJwks(method, target.segments);
    if (jwks) {
      log.path = jwks.path;
      return send(res, 200, await jwksBody(fake, jwks), cors(req));
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
    const headers = flatHeaders(req.headers);
    const violation = validator.checkRequest(op, { params: op.params, query, headers, body });
    if (violation) {
      log.invalid = violation.location;
      throw invalid(`${violation.location}: ${violation.message}.`, violation.location);
    }

    // Faults are decided before the fake is called: an injected fault never changes the store (but see applyThenFail).
    const decision = faults.decide(op.operationId, headers);
    if (decision?.fault) log.fault = decision.fault;
    if (decision && decision.latencyMs > 0) {
      await sleep(decision.latencyMs);
      if (res.destroyed) return; // the client gave up while waiting: nothing is applied
    }
    if (decision?.fault && !(decision.applyThenFail && (decision.fault === "500" || decision.fault === "503"))) {
      return faults.inject(decision.fault, req, res);
    }

    const answer = fake.handle({
      method,
      pathname: target.rawPath,
      query,
      header: (name) => headers[name],
      // A JSON `null` where the body is optional reads as no body (see the validator).
      body: body === null ? "" : text,
    });
    if (decision?.fault) return faults.inject(decision.fault, req, res); // applyThenFail: applied, then a 5xx
    if (options.onResponseViolation)
      checkAnswer(validator, op, answer.status, answer.body, options.onResponseViolation);
    if (answer.status === 200 && method !== "GET") options.onChange?.();
    log.request_id = requestIdOf(answer.body);
    return send(res, answer.status, answer.body, cors(req));
  };

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const log = startLog(req, res, options.log);
    answer(req, res, log).catch((error: unknown) => {
      const refusal =
        error instanceof FakeError
          ? error
          : new FakeError(500, "internal_server_error", "The emulator failed on this request.");
      log.error_type = refusal.error_type;
      const requestId = newRequestId();
      log.request_id = requestId;
      if (res.headersSent) return void res.destroy();
      const headers = refusal instanceof EdgeError ? refusal.headers : {};
      send(res, refusal.status, JSON.stringify(refusal.body(requestId)), {
        ...cors(req),
        ...headers,
        ...(!req.complete ? { connection: "close" } : {}),
      });
      // A refused body that is still arriving is not read: close the connection once the answer is out.
      if (!req.complete) res.once("finish", () => req.socket.destroySoon?.());
    });
  };

  return { fake, validator, handle };
}

/** Checks an answer of the fake against the operation's response schema, reporting what breaks it. */
function checkAnswer(
  validator: Validator,
  op: RoutedOperation,
  status: number,
  text: string,
  report: NonNullable<EmulatorOptions["onResponseViolation"]>,
): void {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    report(op.operationId, status, [{ location: "body", message: "is not JSON" }]);
    return;
  }
  const violations = validator.checkResponse(op, status, body);
  if (violations.length > 0) report(op.operationId, status, violations);
}

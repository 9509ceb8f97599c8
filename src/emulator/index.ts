/**
 * The Stytch emulator for Node: the in-memory fake behind an HTTP server that validates every request against the
 * bundled spec and answers in the API's shapes. `stytch-openapi serve` runs it; tests can start it in-process.
 * @example
 * import { serveEmulator, loadBundledSpec } from "stytch-openapi/emulator";
 * const emulator = await serveEmulator({ spec: loadBundledSpec(), port: 0, projectId: "project-test-1", secret: "secret-test-1" });
 */
export { createEmulator } from "./pipeline.js";
export type { Emulator, EmulatorOptions } from "./pipeline.js";
export type { RequestLog } from "./log.js";
export { serveEmulator } from "./server.js";
export type { RunningEmulator } from "./server.js";
export { createValidator } from "./validator.js";
export type { OpenApiDocument, RequestParts, RoutedOperation, Validator, Violation } from "./validator.js";
export { DEFAULT_LIMITS } from "./http.js";
export type { Limits } from "./http.js";
export { loadBundledSpec } from "./spec.js";
export { openStateFile, StateFileError, writeAtomically } from "./persist.js";
export type { Saver } from "./persist.js";
export { createRateLimiter, DOCUMENTED_RATE_LIMITS, parseRateLimitTable } from "./rate-limits.js";
export type { RateLimit, RateLimiter, RateLimitTable } from "./rate-limits.js";
export { createScenarioRunner, FAULTS, FaultError, MAX_LATENCY_MS, parseScenario } from "./faults.js";
export type { Fault, OperationScenario, Scenario } from "./faults.js";

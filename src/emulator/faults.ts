/**
 * Faults and latency on demand. A request asks for one with `Stytch-Emulator-Fault: 429|500|503|reset|timeout` and
 * `Stytch-Emulator-Latency: <ms>`; a scenario (`serve --scenario FILE`) gives, per operation, a probability of each
 * fault and a latency range, drawn from a seeded generator (one stream per operation, so the same requests in the
 * same order meet the same faults). Every fault is decided before the fake is called, so none changes the store —
 * unless an operation's scenario sets `"applyThenFail": true`, which applies the request and then answers 500/503.
 */

export const FAULTS = ["429", "500", "503", "reset", "timeout"] as const;
export type Fault = (typeof FAULTS)[number];

/** The longest latency a request or a scenario may ask for. */
export const MAX_LATENCY_MS = 30_000;

/** One operation's part of a scenario. */
export interface OperationScenario {
  /** Probability (0..1) of each fault; their sum is at most 1. */
  faults?: Partial<Record<Fault, number>>;
  /** Latency in milliseconds, uniform in [min, max] (equal for a fixed delay). */
  latency?: { min: number; max: number };
  /** 500/503 after applying the request to the store (a write that "failed" but happened). Default false. */
  applyThenFail?: boolean;
}

/** `serve --scenario FILE`: per operationId (or `"*"` for every other operation). */
export interface Scenario {
  seed?: number;
  operations: Record<string, OperationScenario>;
}

export interface Decision {
  fault?: Fault;
  latencyMs: number;
  applyThenFail: boolean;
}

/** Thrown for a bad header or scenario; the message says what is wrong. */
export class FaultError extends Error {}

/** Reads the request's fault headers (undefined when neither is sent). */
export function fromHeaders(
  fault: string | undefined,
  latency: string | undefined,
): { fault?: Fault; latencyMs?: number } | undefined {
  if (fault === undefined && latency === undefined) return undefined;
  const out: { fault?: Fault; latencyMs?: number } = {};
  if (fault !== undefined) {
    const f = fault.trim();
    if (!(FAULTS as readonly string[]).includes(f))
      throw new FaultError(`Stytch-Emulator-Fault must be one of ${FAULTS.join(", ")}.`);
    out.fault = f as Fault;
  }
  if (latency !== undefined) {
    const ms = /^\d{1,5}$/.test(latency.trim()) ? Number(latency.trim()) : NaN;
    if (!(ms <= MAX_LATENCY_MS))
      throw new FaultError(
        `Stytch-Emulator-Latency must be a whole number of milliseconds from 0 to ${MAX_LATENCY_MS}.`,
      );
    out.latencyMs = ms;
  }
  return out;
}

/** Checks a scenario file's JSON, naming the first problem. */
export function parseScenario(value: unknown, operations: ReadonlySet<string>): Scenario {
  const fail = (message: string): never => {
    throw new FaultError(message);
  };
  if (typeof value !== "object" || value === null || Array.isArray(value))
    fail('must be a JSON object: { "seed": 1, "operations": { "<operationId>": { … } } }');
  const { seed, operations: ops, ...rest } = value as Record<string, unknown>;
  const extra = Object.keys(rest)[0];
  if (extra !== undefined) fail(`unknown key "${extra}" (expected "seed" and "operations")`);
  if (seed !== undefined && !Number.isInteger(seed)) fail('"seed" must be an integer');
  if (typeof ops !== "object" || ops === null || Array.isArray(ops))
    fail('"operations" must be an object of operationId → { "faults", "latency", "applyThenFail" }');
  const out: Scenario = { seed: seed as number | undefined, operations: {} };
  for (const [operationId, spec] of Object.entries(ops as Record<string, unknown>)) {
    const at = `operations.${operationId}`;
    if (operationId !== "*" && !operations.has(operationId)) fail(`${at}: no operation has this operationId`);
    if (typeof spec !== "object" || spec === null || Array.isArray(spec)) fail(`${at} must be an object`);
    const { faults, latency, applyThenFail, ...more } = spec as Record<string, unknown>;
    const unknownKey = Object.keys(more)[0];
    if (unknownKey !== undefined)
      fail(`${at}: unknown key "${unknownKey}" (expected "faults", "latency", "applyThenFail")`);
    const entry: OperationScenario = {};
    if (faults !== undefined) {
      if (typeof faults !== "object" || faults === null || Array.isArray(faults))
        fail(`${at}.faults must be an object of fault → probability`);
      let sum = 0;
      entry.faults = {};
      for (const [fault, p] of Object.entries(faults as Record<string, unknown>)) {
        if (!(FAULTS as readonly string[]).includes(fault))
          fail(`${at}.faults: "${fault}" is not one of ${FAULTS.join(", ")}`);
        if (typeof p !== "number" || !(p >= 0 && p <= 1))
          fail(`${at}.faults.${fault} must be a probability from 0 to 1`);
        sum += p as number;
        entry.faults[fault as Fault] = p as number;
      }
      if (sum > 1 + 1e-9)
        fail(`${at}.faults: the probabilities add up to ${Math.round(sum * 1000) / 1000}, more than 1`);
    }
    if (latency !== undefined) {
      const { min, max } = (latency ?? {}) as Record<string, unknown>;
      const ok = (n: unknown) => Number.isInteger(n) && (n as number) >= 0 && (n as number) <= MAX_LATENCY_MS;
      if (!ok(min) || !ok(max) || (min as number) > (max as number)) {
        fail(
          `${at}.latency must be { "min": ms, "max": ms }, whole milliseconds with 0 ≤ min ≤ max ≤ ${MAX_LATENCY_MS}`,
        );
      }
      entry.latency = { min: min as number, max: max as number };
    }
    if (applyThenFail !== undefined && typeof applyThenFail !== "boolean")
      fail(`${at}.applyThenFail must be true or false`);
    entry.applyThenFail = applyThenFail === true;
    out.operations[operationId] = entry;
  }
  return out;
}

/** Draws each request's fault and latency from a scenario, deterministically for a seed. */
export function createScenarioRunner(
  scenario: Scenario,
  fallbackSeed = 0,
): (operationId: string) => Decision | undefined {
  const streams = new Map<string, () => number>();
  const seed = scenario.seed ?? fallbackSeed;
  return (operationId) => {
    const spec = scenario.operations[operationId] ?? scenario.operations["*"];
    if (spec === undefined) return undefined;
    let next = streams.get(operationId);
    if (next === undefined) {
      next = mulberry32(hash(`${seed}\u0000${operationId}`));
      streams.set(operationId, next);
    }
    // Two draws per request, always, so one operation's sequence does not depend on which faults it met.
    const roll = next();
    const spread = next();
    let fault: Fault | undefined;
    let edge = 0;
    for (const f of FAULTS) {
      edge += spec.faults?.[f] ?? 0;
      if (roll < edge) {
        fault = f;
        break;
      }
    }
    const latencyMs = spec.latency
      ? spec.latency.min + Math.floor(spread * (spec.latency.max - spec.latency.min + 1))
      : 0;
    return { fault, latencyMs, applyThenFail: spec.applyThenFail === true };
  };
}

function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a, 32 bits. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * Injecting faults into answers (the choice of which is faults.ts's): a request's `Stytch-Emulator-Fault` and
 * `Stytch-Emulator-Latency` headers win over the scenario's draw; a 429, 500 or 503 is thrown as the API's error,
 * `reset` resets the connection, `timeout` holds the request until the client gives up or `holdMs` is over.
 * @example
 * const faults = createFaultInjector({ scenario, seed: 1, holdMs: 30_000 });
 * const decision = faults.decide("getUser", headers);
 * if (decision?.fault) await faults.inject(decision.fault, req, res);
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { FakeError, invalid } from "../fake/context.js";
import {
  createScenarioRunner,
  type FaultError,
  fromHeaders,
  type Decision,
  type Fault,
  type Scenario,
} from "./faults.js";
import { tooManyRequests } from "./http.js";

/** Settings of `createFaultInjector`. */
export interface FaultInjectorOptions {
  /** Faults and latency per operation, drawn from a seeded generator (see faults.ts). */
  scenario?: Scenario;
  seed?: number;
  /** How long a `timeout` fault holds a request before the connection is dropped. */
  holdMs: number;
}

/** Decides a request's fault and latency, and injects a fault. */
export interface FaultInjector {
  /** The fault and latency of one request to `operationId` (headers by lower-case name); undefined for none. */
  decide(operationId: string, headers: Record<string, string | undefined>): Decision | undefined;
  /** Throws the fault's error answer, or drops the connection (`reset`, `timeout`: resolves once it is gone). */
  inject(fault: Fault, req: IncomingMessage, res: ServerResponse): Promise<void> | void;
}

/**
 * The fault injector of an emulator.
 * @example
 * const faults = createFaultInjector({ holdMs: 30_000 }); // header-driven faults only
 */
export function createFaultInjector(options: FaultInjectorOptions): FaultInjector {
  const drawFault = options.scenario ? createScenarioRunner(options.scenario, options.seed) : undefined;

  const decide = (operationId: string, headers: Record<string, string | undefined>): Decision | undefined => {
    let asked: ReturnType<typeof fromHeaders>;
    try {
      asked = fromHeaders(headers["stytch-emulator-fault"], headers["stytch-emulator-latency"]);
    } catch (error) {
      throw invalid((error as FaultError).message);
    }
    const drawn = drawFault?.(operationId);
    if (!asked) return drawn;
    // A request's own headers win over the scenario.
    return {
      fault: asked.fault ?? drawn?.fault,
      latencyMs: asked.latencyMs ?? drawn?.latencyMs ?? 0,
      applyThenFail: false,
    };
  };

  const inject = (fault: Fault, req: IncomingMessage, res: ServerResponse): Promise<void> | void => {
    if (fault === "429") throw tooManyRequests(1);
    if (fault === "500") {
      throw new FakeError(
        500,
        "internal_server_error",
        "Oops, something seems to have gone wrong, please reach out to support@stytch.com to let us know what went wrong.",
      );
    }
    // Guessed: Stytch documents no 503 error type; `service_unavailable` names it.
    if (fault === "503")
      throw new FakeError(503, "service_unavailable", "The service is unavailable; try again later.");
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
      }, options.holdMs);
      timer.unref();
      res.once("close", () => {
        clearTimeout(timer);
        resolve();
      });
    });
  };

  return { decide, inject };
}

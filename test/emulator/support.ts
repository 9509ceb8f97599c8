import { readFileSync } from "node:fs";
import { afterAll } from "vitest";
import {
  loadBundledSpec,
  serveEmulator,
  type EmulatorOptions,
  type RequestLog,
  type RunningEmulator,
  type Violation,
} from "../../src/emulator/index.js";
import { PROJECT_ID, SECRET } from "../support/contract.js";

export const DATA = JSON.parse(readFileSync(new URL("../fixtures/fake/data.json", import.meta.url), "utf8"));
export const SPEC = loadBundledSpec();
export const AUTH = `Basic ${Buffer.from(`${PROJECT_ID}:${SECRET}`).toString("base64")}`;

/** An emulator of this test file (its own store), with every answer checked against the spec's response schemas. */
export interface TestEmulator extends RunningEmulator {
  /** Answers that broke the spec: none is the emulator's promise. */
  responseViolations: { operationId: string; status: number; violations: Violation[] }[];
  logs: RequestLog[];
}

/** Starts an emulator on a free loopback port, closed after the file's tests. */
export async function startEmulator(options: Partial<EmulatorOptions> = {}): Promise<TestEmulator> {
  const responseViolations: TestEmulator["responseViolations"] = [];
  const logs: RequestLog[] = [];
  const emulator = await serveEmulator({
    spec: SPEC,
    projectId: PROJECT_ID,
    secret: SECRET,
    data: DATA,
    port: 0,
    log: (entry) => logs.push(entry),
    onResponseViolation: (operationId, status, violations) =>
      responseViolations.push({ operationId, status, violations }),
    ...options,
  });
  afterAll(() => emulator.close());
  return Object.assign(emulator, { responseViolations, logs });
}

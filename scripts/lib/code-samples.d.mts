// Types of code-samples.mjs, for the TypeScript tests.
import type { SpecOperation } from "./spec.mjs";
import type { ClientCall as ClientMethod } from "./operation-table.mjs";

export const PROJECT_ID: string;
export const SECRET: string;
export const LANGUAGES: { lang: string; label: string }[];
export interface ExampleCall {
  pathParams: Record<string, unknown>;
  query: Record<string, unknown>;
  body: Record<string, unknown>;
  /** The path with the example ids filled in. */
  path: string;
  /** Name of the first named 200 example. */
  responseExample?: string;
}
export function exampleCall(spec: Record<string, unknown>, operation: SpecOperation): ExampleCall;
export function codeSamples(
  spec: Record<string, unknown>,
  operation: SpecOperation,
  method: ClientMethod | undefined,
  mockUrl: string,
): { lang: string; label: string; source: string }[];

// Types of spec.mjs, for the TypeScript tests.
export interface SpecOperation {
  method: string;
  path: string;
  op: Record<string, unknown>;
  operationId: string;
  tag: string;
  parameters: { name: string; in: string; required?: boolean }[];
  /** [name, value, summary?] of each named JSON request example. */
  requestExamples: [string, unknown, string?][];
  /** Per status: [name, value, summary?] of each named JSON example. */
  responses: Record<string, [string, unknown, string?][]>;
}
export const METHODS: string[];
export function loadSpec(file: string): Promise<Record<string, unknown>>;
export function deref<T = unknown>(spec: Record<string, unknown>, node: T): T;
export function operations(spec: Record<string, unknown>): SpecOperation[];
export function parameterExample(spec: Record<string, unknown>, param: Record<string, unknown>): unknown;

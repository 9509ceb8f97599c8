// Types of operation-table.mjs, for the TypeScript tests (until scripts/ are type-checked as they are).
export interface ClientCall {
  /** e.g. "stytch.users.get" */
  call: string;
  /** e.g. "stytch.users.searchAll", for search operations */
  searchAll?: string;
}
export function clientCalls(spec: unknown): Map<string, ClientCall>;
export function operationTable(spec: unknown): string;

// Types of client-methods.mjs, for the TypeScript tests.
export interface ClientMethod {
  /** e.g. "stytch.users.get" */
  call: string;
  /** e.g. "stytch.users.searchAll", for search operations */
  searchAll?: string;
}
/** Keyed by "method path", e.g. "get /v1/users/{user_id}". */
export function clientMethods(clientFile?: string): Map<string, ClientMethod>;

// Types of wire-replay.mjs, for the TypeScript tests.
/** One recorded request (a line of test/fixtures/sdk-wire/<sdk>.jsonl), with its file and line number. */
export interface Recording {
  sdk: string;
  sdk_version: string;
  operation: string;
  variant: "minimal" | "full";
  method: string;
  path: string;
  query: string;
  headers: Record<string, string>;
  body: string | null;
  file: string;
  line: number;
}
export interface Route {
  method: string;
  path: string;
  operationId: string;
}
export interface Answer {
  status: number;
  violations: { path?: string[]; code?: string; message?: string }[];
  json: unknown;
}
export const SDK_WIRE_DIR: string;
export const RECORDED_SDKS: string[];
export function loadRecordings(sdks?: string[], dir?: string): Promise<Recording[]>;
export function specRoutes(spec: unknown): Route[];
export function routeFor(routes: Route[], method: string, pathname: string): Route | undefined;
export function send(
  baseUrl: string,
  recording: Pick<Recording, "method" | "path" | "query" | "headers" | "body">,
  options?: { prefer?: string },
): Promise<Answer>;
export function timestamps(value: unknown, path?: string): { path: string; rfc3339: boolean }[];
export function badTimestamps(value: unknown): string[];

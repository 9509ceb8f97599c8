// Types of upstream-diff.mjs, for the TypeScript tests.
import type { SdkField } from "./sdk-types.mjs";

export interface UpstreamRow {
  at: string;
  kind: "presence" | "type" | "required" | "nullable" | "enum" | "request body" | "error response";
  ours: string;
  theirs: string;
  sdk: string;
  side: "ours" | "Stytch's" | "both" | "neither" | "silent";
}
export interface UpstreamSdk {
  types: Record<string, [string, string]>;
  fields(typeName: string): Map<string, SdkField>;
  sendsBody: Map<string, boolean>;
  errorFields: string[];
}
export function compareDescriptions(
  ours: unknown,
  theirs: unknown,
  sdk: UpstreamSdk,
): { operations: { id: string; key: string; path: string; upstreamId?: string; rows: UpstreamRow[] }[]; upstreamCount: number };

// Types of spec-diff.mjs, for the TypeScript tests.
export interface SpecChange {
  /** `METHOD /path` */
  operation: string;
  /** `operation`, `request body`, `query parameter \`name\``, `response 200`, … */
  where: string;
  /** `.user.emails[].email_id`, empty for the operation or the body itself */
  field: string;
  kind: "operation" | "field" | "required" | "type" | "nullability" | "enum" | "const" | "alternative" | "deprecation" | "documentation" | "other";
  breaking: boolean;
  what: string;
  /** api-smart-diff's own verdict */
  library: string;
}
export function specChanges(before: unknown, after: unknown): SpecChange[];
export function formatChanges(changes: SpecChange[], options?: { all?: boolean }): string;
export function changelogDraft(changes: SpecChange[]): string;
export function fieldName(schemaPath: (string | number)[]): string;

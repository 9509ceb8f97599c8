// Types of spec-fields.mjs, for the TypeScript tests.
type Json = Record<string, unknown>;
export interface SchemaShape {
  kinds: Set<string>; // "string" | "number" | "boolean" | "array" | "object"
  nullable: boolean;
  props: Map<string, Json>;
  required: Set<string>;
  additional?: Json | boolean;
  items?: Json;
  literals?: string[];
  alternatives: Json[]; // a oneOf/anyOf of more than one non-null schema
}
export function schemaShape(doc: unknown, raw: unknown, into?: SchemaShape): SchemaShape;
export const routeKey: (method: string, path: string) => string;

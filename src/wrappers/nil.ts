/**
 * Drops top-level `undefined` and `null` values; nested values are left exactly as given, so
 * `{ untrusted_metadata: { plan: null } }` still sends the `null` that deletes the `plan` key.
 * @example
 * stripNils({ name: undefined, email: "ada@example.com", trusted_metadata: { a: null } })
 * // → { email: "ada@example.com", trusted_metadata: { a: null } }
 */
export function stripNils<T extends object>(params: T): { [K in keyof T]: Exclude<T[K], null | undefined> } {
  return withoutNils(params, []) as { [K in keyof T]: Exclude<T[K], null | undefined> };
}

/** `stripNils`, also leaving out the keys in `skip` (the path ids, which go in the path). */
export function withoutNils(params: object, skip: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && !skip.includes(key)) out[key] = value;
  }
  return out;
}

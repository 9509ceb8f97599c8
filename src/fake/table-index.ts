/** The keys a record is filed under in one index (`null` and `undefined` are skipped: no key). */
export type KeyFn<T> = (record: T) => (string | null | undefined)[];

/**
 * The secondary indexes of one `Table`, declared as key functions: key → ids per index, and the keys each record is
 * filed under (what an update or a delete takes out). The table decides when to file and unfile; this only keeps
 * the maps in step.
 * @example
 * const indexes = new Indexes({ email: (u: User) => u.emails.map((e) => e.email.toLowerCase()) });
 * indexes.file("user-test-1", ada);
 * indexes.lookup("email", "ada@example.com"); // Set { "user-test-1" }
 */
export class Indexes<T, I extends string> {
  private readonly index = new Map<I, Map<string, Set<string>>>();
  /** The keys each record is filed under, per index: what an update or delete removes. */
  private readonly filed = new Map<I, Map<string, string[]>>();
  private readonly keyFns: [I, KeyFn<T>][];

  constructor(keys: Record<I, KeyFn<T>>) {
    this.keyFns = Object.entries(keys) as [I, KeyFn<T>][];
    for (const [name] of this.keyFns) {
      this.index.set(name, new Map());
      this.filed.set(name, new Map());
    }
  }

  /** Ids of the records filed under `key` in `index` (any order). */
  lookup(index: I, key: string): ReadonlySet<string> {
    return this.index.get(index)!.get(key) ?? EMPTY;
  }

  /** Files the record of `id` under every key its key functions give now. */
  file(id: string, record: T): void {
    for (const [name, keyFn] of this.keyFns) {
      const keys = [...new Set(keyFn(record).filter((k): k is string => typeof k === "string"))];
      const index = this.index.get(name)!;
      for (const key of keys) {
        let ids = index.get(key);
        if (!ids) index.set(key, (ids = new Set()));
        ids.add(id);
      }
      this.filed.get(name)!.set(id, keys);
    }
  }

  /** Takes the record of `id` out of every index, under the keys it was filed with. */
  unfile(id: string): void {
    for (const [name, index] of this.index) {
      const filed = this.filed.get(name)!;
      for (const key of filed.get(id) ?? []) {
        const ids = index.get(key);
        ids?.delete(id);
        if (ids?.size === 0) index.delete(key);
      }
      filed.delete(id);
    }
  }

  /** For tests: every index as `{ index: { key: ids } }`, the ids put in order by `order`. */
  dump(order: (ids: string[]) => string[]): Record<string, Record<string, string[]>> {
    const out: Record<string, Record<string, string[]>> = {};
    for (const [name, index] of this.index) {
      out[name] = Object.fromEntries([...index].map(([key, ids]) => [key, order([...ids])]));
    }
    return out;
  }

  /** For tests: the same as `dump`, recomputed by a full scan of `rows` (given in creation order). */
  recompute(rows: Iterable<[string, T]>): Record<string, Record<string, string[]>> {
    const all = [...rows];
    const out: Record<string, Record<string, string[]>> = {};
    for (const [name, keyFn] of this.keyFns) {
      const index: Record<string, string[]> = {};
      for (const [id, record] of all) {
        for (const key of new Set(keyFn(record))) if (typeof key === "string") (index[key] ??= []).push(id);
      }
      out[name] = index;
    }
    return out;
  }
}

const EMPTY: ReadonlySet<string> = new Set();

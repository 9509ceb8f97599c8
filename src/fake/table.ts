/**
 * One collection of the store (in the spirit of `@mswjs/data`): records by id in creation order, with secondary
 * indexes declared as key functions, and an undo journal while a transaction is open.
 *
 * The rule that keeps indexes and transactions honest: a handler mutates only records it obtained from `edit(id)`
 * (which journals a copy of the original first) or `insert`s; `get`, `values` and `lookup` give records to read,
 * typed `Readonly` so that an assignment to them does not compile. Records edited in a transaction are re-indexed
 * at its commit, so a handler validates before it writes and never looks up by a key it has just changed.
 */
export class Table<T, I extends string = never> {
  private rows = new Map<string, T>();
  private readonly seqs = new Map<string, number>();
  private readonly index = new Map<I, Map<string, Set<string>>>();
  /** The keys each record is filed under, per index: what an update or delete removes. */
  private readonly filed = new Map<I, Map<string, string[]>>();
  /** Whether a transaction is open; the journal is made at its first write (reads cost nothing). */
  private inTransaction = false;
  /** Each id the open transaction touched, with its record and creation number before the transaction. */
  private journal: Map<string, { before: T | undefined; seq: number | undefined }> | undefined;

  constructor(
    private readonly sequence: { next: number },
    readonly idOf: (record: T) => string,
    private readonly keys: Record<I, (record: T) => (string | null | undefined)[]>,
  ) {
    for (const name of Object.keys(keys) as I[]) {
      this.index.set(name, new Map());
      this.filed.set(name, new Map());
    }
  }

  get size(): number {
    return this.rows.size;
  }

  get(id: string): Readonly<T> | undefined {
    return this.rows.get(id);
  }

  has(id: string): boolean {
    return this.rows.has(id);
  }

  /** Every record, in creation order. */
  values(): IterableIterator<Readonly<T>> {
    return this.rows.values();
  }

  /** The creation number of a record: cursors resume after it. */
  seqOf(id: string): number {
    return this.seqs.get(id) ?? 0;
  }

  /** Ids of the records filed under `key` in `index` (any order). */
  lookup(index: I, key: string): ReadonlySet<string> {
    return this.index.get(index)!.get(key) ?? EMPTY;
  }

  /** True when a record other than `except` is filed under `key` in `index` (a uniqueness check). */
  taken(index: I, key: string, except?: string): boolean {
    for (const id of this.lookup(index, key)) if (id !== except) return true;
    return false;
  }

  /** Records filed under `key` in `index`, in creation order, that pass `where`. */
  findAll(index: I, key: string, where: (record: Readonly<T>) => boolean = () => true): Readonly<T>[] {
    return this.ordered(this.lookup(index, key)).filter(where);
  }

  /** The first record (in creation order) filed under `key` in `index` that passes `where`. */
  findBy(index: I, key: string, where?: (record: Readonly<T>) => boolean): Readonly<T> | undefined {
    return this.findAll(index, key, where)[0];
  }

  /** Records of these ids that exist, in creation order. */
  ordered(ids: Iterable<string>): Readonly<T>[] {
    const out: string[] = [];
    for (const id of ids) if (this.rows.has(id)) out.push(id);
    return out.sort((a, b) => this.seqOf(a) - this.seqOf(b)).map((id) => this.rows.get(id)!);
  }

  /** The record to change: its original is journaled first. Only inside a transaction. */
  edit(id: string): T {
    const record = this.rows.get(id);
    if (record === undefined) throw new Error(`edit of a missing record ${id}`);
    const journal = this.open();
    if (!journal.has(id)) journal.set(id, { before: structuredClone(record), seq: this.seqs.get(id) });
    return record;
  }

  /** Adds a record as created now. */
  insert(record: T): T {
    const id = this.idOf(record);
    if (this.rows.has(id)) throw new Error(`insert of an existing id ${id}`);
    if (this.inTransaction && !this.open().has(id)) this.open().set(id, { before: undefined, seq: undefined });
    this.rows.set(id, record);
    this.seqs.set(id, this.sequence.next++);
    this.file(id, record);
    return record;
  }

  delete(id: string): void {
    const record = this.rows.get(id);
    if (record === undefined) return;
    if (this.inTransaction && !this.open().has(id)) this.open().set(id, { before: record, seq: this.seqs.get(id) });
    this.unfile(id);
    this.rows.delete(id);
    this.seqs.delete(id);
  }

  begin(): void {
    if (this.inTransaction) throw new Error("a transaction is already open");
    this.inTransaction = true;
  }

  /** Files the records touched in the transaction under their keys as they are now (before `commit`). */
  reindex(): void {
    for (const id of this.journal?.keys() ?? []) {
      const record = this.rows.get(id);
      if (record === undefined) continue;
      this.unfile(id);
      this.file(id, record);
    }
  }

  /** Ends the transaction, keeping its changes. */
  commit(): void {
    this.inTransaction = false;
    this.journal = undefined;
  }

  /** Puts back every record, index entry and creation number the transaction changed. */
  rollback(): void {
    let reordered = false;
    for (const [id, { before, seq }] of this.journal ?? []) {
      if (this.rows.has(id)) this.unfile(id);
      if (before === undefined) {
        this.rows.delete(id);
        this.seqs.delete(id);
        continue;
      }
      // `set` on a present key keeps its place; a record deleted and put back needs the order rebuilt.
      if (!this.rows.has(id)) reordered = true;
      this.rows.set(id, before);
      this.seqs.set(id, seq!);
      this.file(id, before);
    }
    if (reordered) this.rows = new Map([...this.rows].sort(([a], [b]) => this.seqOf(a) - this.seqOf(b)));
    this.inTransaction = false;
    this.journal = undefined;
  }

  private open() {
    if (!this.inTransaction) throw new Error("a write outside a transaction");
    return (this.journal ??= new Map());
  }

  private file(id: string, record: T): void {
    for (const [name, keyFn] of Object.entries(this.keys) as [I, (r: T) => (string | null | undefined)[]][]) {
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

  private unfile(id: string): void {
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

  /** For tests: every index as a plain object `{ index: { key: ids in creation order } }`. */
  dumpIndexes(): Record<string, Record<string, string[]>> {
    const out: Record<string, Record<string, string[]>> = {};
    for (const [name, index] of this.index) {
      out[name] = Object.fromEntries(
        [...index].map(([key, ids]) => [key, [...ids].sort((a, b) => this.seqOf(a) - this.seqOf(b))]),
      );
    }
    return out;
  }

  /** For tests: the same as `dumpIndexes()`, recomputed from the records by a full scan. */
  recomputeIndexes(): Record<string, Record<string, string[]>> {
    const out: Record<string, Record<string, string[]>> = {};
    for (const [name, keyFn] of Object.entries(this.keys) as [I, (r: T) => (string | null | undefined)[]][]) {
      const index: Record<string, string[]> = {};
      for (const [id, record] of this.rows) {
        for (const key of new Set(keyFn(record))) if (typeof key === "string") (index[key] ??= []).push(id);
      }
      out[name] = index;
    }
    return out;
  }
}

const EMPTY: ReadonlySet<string> = new Set();

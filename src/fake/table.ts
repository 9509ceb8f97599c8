import { Indexes, type KeyFn } from "./table-index.js";

/**
 * One collection of the store (in the spirit of `@mswjs/data`): records by id in creation order, with secondary
 * indexes declared as key functions, and an undo journal while a transaction is open.
 *
 * The rule that keeps indexes and transactions honest: a handler mutates only records it obtained from `edit(id)`
 * (which journals a copy of the original first) or `insert`s; `get`, `values` and `lookup` give records to read,
 * typed `Readonly` so that an assignment to them does not compile. Records edited in a transaction are re-indexed
 * at its commit, so a handler validates before it writes and never looks up by a key it has just changed.
 * @example
 * const users = new Table(sequence, (u: User) => u.user_id, { email: (u) => u.emails.map((e) => e.email) });
 * users.unique("email", "ada@example.com", undefined, () => new Error("taken")); // passes: nobody has it yet
 */
export class Table<T, I extends string = never> {
  private rows = new Map<string, T>();
  private readonly seqs = new Map<string, number>();
  private readonly indexes: Indexes<T, I>;
  /** Whether a transaction is open; the journal is made at its first write (reads cost nothing). */
  private inTransaction = false;
  /** Each id the open transaction touched, with its record and creation number before the transaction. */
  private journal: Map<string, { before: T | undefined; seq: number | undefined }> | undefined;

  constructor(
    private readonly sequence: { next: number },
    readonly idOf: (record: T) => string,
    keys: Record<I, KeyFn<T>>,
  ) {
    this.indexes = new Indexes(keys);
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
    return this.indexes.lookup(index, key);
  }

  /** The record of `id`, or the error `missing` makes (a 404): `@mswjs/data`'s `findFirst` with `strict`. */
  getOr(id: string, missing: () => Error): Readonly<T> {
    const record = this.rows.get(id);
    if (record === undefined) throw missing();
    return record;
  }

  /** True when a record other than `except` is filed under `key` in `index` (a uniqueness check). */
  taken(index: I, key: string, except?: string): boolean {
    for (const id of this.lookup(index, key)) if (id !== except) return true;
    return false;
  }

  /** Throws `duplicate()` when a record other than `except` is filed under `key` in `index` (a unique field). */
  unique(index: I, key: string, except: string | undefined, duplicate: () => Error): void {
    if (this.taken(index, key, except)) throw duplicate();
  }

  /** How many records filed under `key` in `index` pass `where`. */
  count(index: I, key: string, where: (record: Readonly<T>) => boolean): number {
    let n = 0;
    for (const id of this.lookup(index, key)) if (where(this.rows.get(id)!)) n++;
    return n;
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
    this.indexes.file(id, record);
    return record;
  }

  delete(id: string): void {
    const record = this.rows.get(id);
    if (record === undefined) return;
    if (this.inTransaction && !this.open().has(id)) this.open().set(id, { before: record, seq: this.seqs.get(id) });
    this.indexes.unfile(id);
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
      this.indexes.unfile(id);
      this.indexes.file(id, record);
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
      if (this.rows.has(id)) this.indexes.unfile(id);
      if (before === undefined) {
        this.rows.delete(id);
        this.seqs.delete(id);
        continue;
      }
      // `set` on a present key keeps its place; a record deleted and put back needs the order rebuilt.
      if (!this.rows.has(id)) reordered = true;
      this.rows.set(id, before);
      this.seqs.set(id, seq!);
      this.indexes.file(id, before);
    }
    if (reordered) this.rows = new Map([...this.rows].sort(([a], [b]) => this.seqOf(a) - this.seqOf(b)));
    this.inTransaction = false;
    this.journal = undefined;
  }

  private open() {
    if (!this.inTransaction) throw new Error("a write outside a transaction");
    return (this.journal ??= new Map());
  }

  /** For tests: every index as a plain object `{ index: { key: ids in creation order } }`. */
  dumpIndexes(): Record<string, Record<string, string[]>> {
    return this.indexes.dump((ids) => ids.sort((a, b) => this.seqOf(a) - this.seqOf(b)));
  }

  /** For tests: the same as `dumpIndexes()`, recomputed from the records by a full scan. */
  recomputeIndexes(): Record<string, Record<string, string[]>> {
    return this.indexes.recompute(this.rows);
  }
}

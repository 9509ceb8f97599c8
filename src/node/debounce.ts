// A file kept current while a server runs, without a write per change: `serve --save` (the emulator's state) and
// the drift proxy's `--report` and `--record` files share it.

/** A debounced writer: `changed()` after each change, `close()` once at the end. */
export interface DebouncedWriter {
  /** A change happened: write within the debounce time (one write for every change in that time). */
  changed(): void;
  /** Writes now if anything changed since the last write, then releases (the lock). Safe to call twice. */
  close(): void;
}

/** Settings of `debouncedWriter`. */
export interface DebouncedWriterOptions {
  /** Called once on close, after the last write, even when it failed (releases the file's lock). */
  release?: () => void;
  /**
   * A write that failed on the timer: reported here and tried again at the next change (and on close, where a
   * failure is thrown to the caller). Without it, the failure is thrown from the timer.
   */
  onError?: (error: Error) => void;
}

/**
 * Calls `write` at most once every `ms` after a change, and once more on close if anything changed since.
 * @example
 * const writer = debouncedWriter(() => writeAtomically(file, JSON.stringify(state)), 200, { release });
 * writer.changed(); // … later: writer.close();
 */
export function debouncedWriter(write: () => void, ms: number, options: DebouncedWriterOptions = {}): DebouncedWriter {
  let timer: NodeJS.Timeout | undefined;
  let dirty = false;
  let closed = false;
  const flush = () => {
    timer = undefined;
    if (!dirty) return;
    dirty = false;
    write();
  };
  // A write that fails while serving (the folder removed, the disk full) must not end the server when someone
  // listens for it: it is reported and tried again at the next change.
  const flushLater = () => {
    try {
      flush();
    } catch (error) {
      dirty = true;
      if (!options.onError) throw error;
      options.onError(error as Error);
    }
  };
  return {
    changed() {
      if (closed) return;
      dirty = true;
      timer ??= setTimeout(flushLater, ms).unref();
    },
    close() {
      if (closed) return;
      closed = true;
      if (timer) clearTimeout(timer);
      try {
        flush();
      } finally {
        options.release?.();
      }
    },
  };
}

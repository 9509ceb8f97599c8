// Timers hold a signed 32-bit delay; a longer one fires at once (Node's TimeoutOverflowWarning), so a
// `timeoutMs` of 3e9 used to time every attempt out after 1 ms. Clamped, it waits ~24.8 days instead.
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** A deadline being watched; `fire` runs once when it passes, unless `Deadlines.clear` came first. */
export interface Deadline {
  at: number;
  fire: () => void;
}

type Timer = ReturnType<typeof setTimeout> & { ref?: () => unknown; unref?: () => unknown };

/**
 * The deadlines of every attempt in flight, watched by one timer instead of one timer per attempt. Node builds and
 * tears down a timer list, a priority-queue entry and a libuv timer for a lone `setTimeout` + `clearTimeout`, a
 * few µs per call that showed in `npm run bench`; undici's own timeouts are batched for the same reason
 * (undici/lib/util/timers.js). The timer is set for the nearest deadline and moved only when a nearer one comes.
 * When nothing is in flight it is `unref`ed rather than cleared, so that it neither keeps the process alive nor
 * has to be made again for the next call; where timers cannot be unref'd (browsers, Deno, workerd), it is cleared.
 * @example
 * const deadline = deadlines.watch(30_000, () => controller.abort());
 * try { await work(); } finally { deadlines.clear(deadline); }
 */
export class Deadlines {
  private readonly live = new Set<Deadline>();
  private timer: Timer | undefined;
  /** The deadline `timer` is set for; Infinity when none is set. */
  private armedFor = Infinity;
  private refed = false;
  private readonly now: () => number;

  constructor(now: () => number = () => performance.now()) {
    this.now = now;
  }

  /** Calls `fire` once `ms` have passed, unless `clear` is called first. */
  watch(ms: number, fire: () => void): Deadline {
    const delay = Math.min(ms, MAX_TIMER_MS);
    const deadline = { at: this.now() + delay, fire };
    this.live.add(deadline);
    if (deadline.at < this.armedFor) this.arm(deadline.at, delay);
    else if (!this.refed) this.ref(true);
    return deadline;
  }

  clear(deadline: Deadline): void {
    if (!this.live.delete(deadline) || this.live.size > 0) return;
    if (this.timer?.unref) this.ref(false);
    else this.disarm();
  }

  /** How many deadlines are watched (for tests). */
  get size(): number {
    return this.live.size;
  }

  private arm(at: number, delay: number): void {
    this.disarm();
    this.armedFor = at;
    this.timer = setTimeout(() => this.check(), Math.max(0, delay)) as Timer;
    this.refed = true;
  }

  private disarm(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.armedFor = Infinity;
  }

  private ref(on: boolean): void {
    this.refed = on;
    if (on) this.timer?.ref?.();
    else this.timer?.unref?.();
  }

  private check(): void {
    this.timer = undefined;
    this.armedFor = Infinity;
    const now = this.now();
    let next = Infinity;
    const due: Deadline[] = [];
    for (const deadline of this.live) {
      if (deadline.at <= now) due.push(deadline);
      else if (deadline.at < next) next = deadline.at;
    }
    for (const deadline of due) this.live.delete(deadline);
    if (next !== Infinity) this.arm(next, next - now);
    for (const deadline of due) deadline.fire();
  }
}

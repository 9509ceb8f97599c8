// What the benches share for measuring and printing: a timed loop, medians and quartiles, ratios and tables.

/**
 * Runs `fn` `n` times in a row; resolves with the wall and CPU (user + system) time per call, in µs.
 * @param {() => Promise<unknown>} fn
 * @param {number} n
 */
export async function time(fn, n) {
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await fn();
  const wall = Number(process.hrtime.bigint() - start) / 1000 / n;
  const used = process.cpuUsage(cpu);
  return { wall, cpu: (used.user + used.system) / n };
}

/**
 * The median of some numbers.
 * @param {number[]} xs
 */
export function median(xs) {
  return quantile(xs, 0.5);
}

/**
 * The `q` quantile of some numbers (the nearest rank).
 * @param {number[]} xs
 * @param {number} q
 * @returns {number}
 */
export function quantile(xs, q) {
  return /** @type {number} */ ([...xs].sort((a, b) => a - b)[Math.round((xs.length - 1) * q)]);
}

/**
 * A median with its quartiles: `12.3 [11–14]`.
 * @param {number[]} xs
 */
export function cell(xs) {
  return `${median(xs).toFixed(1)} [${quantile(xs, 0.25).toFixed(0)}–${quantile(xs, 0.75).toFixed(0)}]`;
}

/**
 * The median of the per-round ratios a[i] / b[i]: both were measured in the same round.
 * @param {number[]} a
 * @param {number[]} b
 */
export function ratio(a, b) {
  return median(a.map((x, i) => x / /** @type {number} */ (b[i]))).toFixed(2);
}

/**
 * Bytes as KiB.
 * @param {number} n
 */
export function kb(n) {
  return `${(n / 1024).toFixed(1)} KiB`;
}

/**
 * A plain-text table.
 * @param {unknown[]} head
 * @param {unknown[][]} rows
 */
export function table(head, rows) {
  const all = [head, ...rows];
  const w = head.map((_, i) => Math.max(...all.map((r) => String(r[i]).length)));
  /** @param {unknown[]} r */
  const line = (r) => r.map((c, i) => String(c).padEnd(w[i] ?? 0)).join("  ");
  return [line(head), w.map((n) => "-".repeat(n)).join("  "), ...rows.map(line)].join("\n");
}

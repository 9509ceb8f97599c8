// Progress of an export on stderr (stdout carries data only): a live bar on a terminal (cli-progress), a plain
// line every `every` pages otherwise (CI logs), and one summary line at the end.
import { SingleBar } from "cli-progress";

/** The progress of one export: a page done, the summary line, or a stop after a failure. */
export interface Progress {
  page(items: number, pages: number, total: number | undefined): void;
  done(summary: { items: number; pages: number; retries: number; seconds: number }): void;
  stop(): void;
}

/**
 * `from` is the number of items an earlier run (resumed) exported: the rate counts this run's items only. `now` is
 * the clock, injected in tests.
 * @example
 * const bar = progress(process.stderr, "export users", 10, state.items);
 */
export function progress(
  stderr: NodeJS.WritableStream & { isTTY?: boolean },
  label: string,
  every = 10,
  from = 0,
  now: () => number = Date.now,
): Progress {
  const started = now();
  const rate = (items: number) => Math.round((items - from) / Math.max((now() - started) / 1000, 0.001));
  let bar: SingleBar | undefined;
  return {
    page(items, pages, total) {
      if (stderr.isTTY) {
        if (!bar) {
          bar = new SingleBar({
            stream: stderr,
            format: `${label} [{bar}] {value}/{total} items | {pages} pages | {rate} items/s | ETA {eta_formatted}`,
            hideCursor: true,
          });
          bar.start(total ?? 0, 0, { pages: 0, rate: 0 });
        }
        if (total !== undefined && total > bar.getTotal()) bar.setTotal(total);
        bar.update(items, { pages, rate: rate(items) });
      } else if (pages % every === 0) {
        const of = total === undefined ? "" : ` of ${total}`;
        stderr.write(`${label}: ${items}${of} items, ${pages} pages, ${rate(items)} items/s\n`);
      }
    },
    done({ items, pages, retries, seconds }) {
      bar?.stop();
      stderr.write(`${label}: done, ${items} items, ${pages} pages, ${retries} retries, ${seconds.toFixed(1)} s\n`);
    },
    stop() {
      bar?.stop();
    },
  };
}

// The progress lines of `stytch-openapi export` (src/cli/progress.ts), with an injected clock.
import { describe, expect, it } from "vitest";
import { progress } from "../../src/cli/progress.js";

function stderr() {
  const lines: string[] = [];
  return { lines, stream: { write: (text: string) => lines.push(text) } as unknown as NodeJS.WritableStream };
}

describe("the items/s figure", () => {
  it("counts this run's items only: a resume from 1,000 items that writes 50 in 1 s says 50 items/s", () => {
    const out = stderr();
    let now = 10_000;
    const bar = progress(out.stream, "export users", 1, 1_000, () => now);
    now += 1_000;
    bar.page(1_050, 21, 2_000);
    expect(out.lines).toEqual(["export users: 1050 of 2000 items, 21 pages, 50 items/s\n"]);
  });

  it("a first run counts from 0", () => {
    const out = stderr();
    let now = 0;
    const bar = progress(out.stream, "export users", 1, 0, () => now);
    now += 2_000;
    bar.page(500, 10, undefined);
    expect(out.lines).toEqual(["export users: 500 items, 10 pages, 250 items/s\n"]);
  });
});

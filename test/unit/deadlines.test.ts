import { describe, expect, it } from "vitest";
import { createStytchClient } from "../../src/index.js";
import { Deadlines } from "../../src/wrappers/deadlines.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const timers = () => process.getActiveResourcesInfo().filter((kind) => kind === "Timeout").length;

describe("Deadlines", () => {
  it("fires a deadline once it has passed, and not one that was cleared", async () => {
    const deadlines = new Deadlines();
    const fired: string[] = [];
    deadlines.watch(10, () => fired.push("a"));
    const b = deadlines.watch(10, () => fired.push("b"));
    deadlines.clear(b);
    expect(fired).toEqual([]);
    await sleep(40);
    expect(fired).toEqual(["a"]);
    expect(deadlines.size).toBe(0);
  });

  it("fires a nearer deadline watched after a farther one at its own time, then the farther one", async () => {
    const deadlines = new Deadlines();
    const fired: string[] = [];
    const far = deadlines.watch(120, () => fired.push("far"));
    deadlines.watch(10, () => fired.push("near"));
    await sleep(50);
    expect(fired).toEqual(["near"]);
    await sleep(150);
    expect(fired).toEqual(["near", "far"]);
    deadlines.clear(far); // already fired: a no-op
  });

  it("fires every deadline that is due in one tick, in any order of watching", async () => {
    const deadlines = new Deadlines();
    const fired: number[] = [];
    for (const ms of [30, 10, 20, 10]) deadlines.watch(ms, () => fired.push(ms));
    await sleep(80);
    expect(fired.sort((a, b) => a - b)).toEqual([10, 10, 20, 30]);
  });

  it("keeps the process alive only while a deadline is watched", () => {
    const deadlines = new Deadlines();
    const before = timers();
    const a = deadlines.watch(60_000, () => undefined);
    expect(timers()).toBe(before + 1);
    const b = deadlines.watch(60_000, () => undefined);
    expect(timers()).toBe(before + 1);
    deadlines.clear(a);
    expect(timers()).toBe(before + 1);
    deadlines.clear(b);
    expect(timers()).toBe(before);
    // The next watch re-uses the timer that was let go.
    deadlines.clear(deadlines.watch(60_000, () => undefined));
    expect(timers()).toBe(before);
  });

  it("clears the timer where timers cannot be unref'd (browsers, Deno, workerd)", () => {
    const real = globalThis.setTimeout;
    const made: number[] = [];
    const cleared: number[] = [];
    const realClear = globalThis.clearTimeout;
    globalThis.setTimeout = ((fn: () => void, ms: number) => {
      const id = real(fn, ms) as unknown as { unref(): void };
      id.unref();
      made.push(made.length + 1);
      return made.length;
    }) as unknown as typeof setTimeout;
    globalThis.clearTimeout = ((id: number) => void cleared.push(id)) as unknown as typeof clearTimeout;
    try {
      const deadlines = new Deadlines();
      deadlines.clear(deadlines.watch(60_000, () => undefined));
      expect(made).toEqual([1]);
      expect(cleared).toEqual([1]);
    } finally {
      globalThis.setTimeout = real;
      globalThis.clearTimeout = realClear;
    }
  });

  it("leaves no timer holding the process after a call has ended", async () => {
    const before = timers();
    const stytch = createStytchClient({
      projectId: "project-test-x",
      secret: "s",
      timeoutMs: 60_000,
      fetch: async () => Response.json({ request_id: "r", status_code: 200, user_id: "u" }),
    });
    await stytch.users.get({ user_id: "u" });
    expect(timers()).toBe(before);
  });
});

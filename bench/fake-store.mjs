// The fake's store at scale: µs per users.create, users.get (by id) and users.search (by email_address) through
// `fake.fetch` with our client, at 1,000 and at 20,000 users. The fake is bundled from a source tree with esbuild,
// so two trees compare in one run (e.g. main checked out with `git archive main src | tar -x -C /tmp/fake-main`).
// Each cell is the median of a few rounds of `--calls` calls; creates are measured at the size (users created for
// the round are deleted after it, so the size stays put).
// Usage: node bench/fake-store.mjs [--calls 300 --rounds 5] [--src DIR ...] (default: this tree's src/)
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { build } from "esbuild";
import { numberOption } from "./lib/options.mjs";

const calls = numberOption("calls", 300);
const rounds = numberOption("rounds", 5);
const sizes = [1000, 20000];
const here = new URL("..", import.meta.url).pathname;
const trees = process.argv.flatMap((a, i) => (process.argv[i - 1] === "--src" ? [resolve(a)] : []));
if (trees.length === 0) trees.push(join(here, "src"));

const dir = mkdtempSync(join(tmpdir(), "fake-store-bench-"));
try {
  const rows = [];
  for (const [t, src] of trees.entries()) {
    const file = join(dir, `tree${t}.mjs`);
    const entry = join(dir, `entry${t}.ts`);
    writeFileSync(
      entry,
      `export { createStytchFake } from ${JSON.stringify(join(src, "fake/index.ts"))};\n` +
        `export { createStytchClient } from ${JSON.stringify(join(src, "index.ts"))};\n`,
    );
    const nodePaths = [join(here, "node_modules")];
    await build({
      entryPoints: [entry],
      bundle: true,
      format: "esm",
      platform: "node",
      outfile: file,
      nodePaths,
      logLevel: "error",
    });
    const { createStytchFake, createStytchClient } = await import(file);
    for (const size of sizes)
      rows.push({ tree: src, size, ...(await measure(createStytchFake, createStytchClient, size)) });
  }
  console.log("tree | users | create µs | get µs | search by email µs");
  for (const r of rows)
    console.log(`${r.tree} | ${r.size} | ${r.create.toFixed(0)} | ${r.get.toFixed(0)} | ${r.search.toFixed(0)}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

/**
 * Median µs per call of create, get and search at `size` users, with one tree's fake and client.
 * @param {typeof import("../src/fake/index.js").createStytchFake} createStytchFake
 * @param {typeof import("../src/index.js").createStytchClient} createStytchClient
 * @param {number} size
 */
async function measure(createStytchFake, createStytchClient, size) {
  // The starting users come as `data` (no request per user), so that a tree whose create scans sets up quickly too.
  const ids = Array.from({ length: size }, (_, i) => `user-test-bench-${i}`);
  const users = ids.map((user_id, i) => ({
    user_id,
    external_id: `x${i}`,
    emails: [{ email_id: `email-test-bench-${i}`, email: `u${i}@example.com`, verified: true }],
  }));
  const fake = createStytchFake({ seed: 1, data: { users } });
  const stytch = createStytchClient({ projectId: "project-test-x", secret: "s", fetch: fake.fetch, maxRetries: 0 });
  /** @type {{ create: number[], get: number[], search: number[] }} */
  const times = { create: [], get: [], search: [] };
  let n = 0;
  for (let round = 0; round < rounds + 1; round++) {
    const made = [];
    let t = performance.now();
    for (let i = 0; i < calls; i++) made.push((await stytch.users.create({ email: `new${n++}@example.com` })).user_id);
    const create = performance.now() - t;
    t = performance.now();
    for (let i = 0; i < calls; i++) await stytch.users.get({ user_id: ids[(i * 7919) % size] ?? "" });
    const get = performance.now() - t;
    t = performance.now();
    for (let i = 0; i < calls; i++) {
      const email = `u${(i * 7919) % size}@example.com`;
      await stytch.users.search({
        query: { operator: "AND", operands: [{ filter_name: "email_address", filter_value: [email] }] },
      });
    }
    const search = performance.now() - t;
    for (const id of made) await stytch.users.delete({ user_id: id });
    if (round === 0) continue; // warm-up
    times.create.push((create * 1000) / calls);
    times.get.push((get * 1000) / calls);
    times.search.push((search * 1000) / calls);
  }
  const median = (/** @type {number[]} */ xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
  return { create: median(times.create), get: median(times.get), search: median(times.search) };
}

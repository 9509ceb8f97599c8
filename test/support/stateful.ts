import { readFileSync } from "node:fs";
import { afterAll, inject } from "vitest";
import { startStateful } from "../../scripts/lib/stateful.mjs";
import { freePort } from "./prism.js";

/** A stateful mock of one test file: its URLs; stopped after the file's tests. */
export interface StatefulMock {
  /** The fake behind `prism proxy --errors`, which judges every request and answer. */
  url: string;
  /** The fake itself, without Prism: for bulk set-up only (2,500 users), never for what a test proves. */
  upstreamUrl: string;
}

/**
 * Starts the stateful mock as `npm run mock -- --stateful --data test/fixtures/fake/data.json` serves it (the fake
 * behind `prism proxy --errors`, on the run's private copy of the bundle), for the calling test file alone: its
 * store, and the records of data.json, are seen by no other file. Call it at the top level of a test file.
 *
 * @example const stateful = await startStatefulMock(); const { stytch } = contractClient(stateful.url);
 */
export async function startStatefulMock(): Promise<StatefulMock> {
  const data = JSON.parse(readFileSync(new URL("../fixtures/fake/data.json", import.meta.url), "utf8"));
  const stateful = await startStateful({ spec: inject("bundledSpec"), port: await freePort(), data, quiet: true });
  await stateful.ready; // on failure, startStateful has already stopped what it started
  afterAll(() => stateful.stop());
  return { url: stateful.url, upstreamUrl: stateful.upstreamUrl };
}

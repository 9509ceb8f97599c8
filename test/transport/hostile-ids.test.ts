import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { StytchInputError, type StytchClient } from "../../src/index.js";
import { specOperations } from "../support/contract.js";
import { discoverOperations, methodAt, type DiscoveredOperation } from "../support/operations.js";
import { settle, startRecorder, type Received } from "./recording-server.js";
import { operations as table } from "../../src/generated/operations.js";

/** Hostile path ids by category. Each is either refused before sending or must land on its own route. */
const HOSTILE: Record<string, unknown[]> = {
  traversal: [
    ...["..", ".", "...", "%2e%2e", "%2E%2E", "%2e", ".%2e", "..%2f", "%2F", "%zz"],
    ...["../../v1/users", "./x", "a/../b"],
  ],
  separators: ["a/b", "/", "//", "a?b=c", "?", "a#b", "#", "a&b", "a;b", "a:b", "@", "a\\b", "\\", "*", "a+b", "%"],
  whitespace: ["", " ", "\t", "a b", " a", "a ", "\u00a0", "\u2028", "\ufeff"],
  control: ["\u0000", "\n", "\r", "\r\n", "a\r\nX-Evil: 1", "\u0007", "\u001f", "\u007f", "\u0085", "\u009f"],
  unicode: ["用户", "é", "e\u0301", "😀", "\ud800", "\udc00", "a\ud800b", "\uff0e\uff0e", "\u200b", "\u202e"],
  length: ["a".repeat(256), "a".repeat(257), "x".repeat(10_000)],
  "non-string": [
    ...[0, 42, -1, NaN, Infinity, 10n, true, false, null, undefined],
    ...[{}, { toString: () => ".." }, [], ["a"], Symbol("id"), () => "x"],
  ],
};

const VALID = "id-test-0001";

let recorder: Awaited<ReturnType<typeof startRecorder>>;
let received: Received[];
let stytch: StytchClient;
let operations: DiscoveredOperation[];

beforeAll(async () => {
  recorder = await startRecorder();
  ({ received, stytch } = recorder);
  operations = await discoverOperations();
});

afterAll(() => recorder.close());

beforeEach(() => recorder.reset());

/** A short, printable label of an id for assertion messages. */
function show(value: unknown): string {
  if (typeof value === "symbol") return `Symbol(${value.description})`;
  if (typeof value !== "string") return String(value);
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 20)}…(${value.length})` : value);
}

describe("hostile path ids", () => {
  it("every operation of the bundled spec is a wrapper method, found by walking the client", () => {
    const spec = [...specOperations().values()].map((o) => `${o.method.toUpperCase()} ${o.path}`).sort();
    expect(operations.map((o) => `${o.method} ${o.template}`).sort()).toEqual(spec);
    expect(operations).toHaveLength(Object.keys(table).length);
  });

  it("are refused with StytchInputError before sending, or reach exactly the intended route", async () => {
    const withIds = operations.filter((o) => o.pathKeys.length > 0);
    const tally: Record<string, { tried: number; refused: number; encoded: number }> = {};
    const refusedIds = new Set<string>();
    const encodedIds = new Set<string>();
    for (const op of withIds) {
      const fn = methodAt(stytch, op.name);
      const want = op.template.split("/");
      for (const key of op.pathKeys) {
        for (const [category, ids] of Object.entries(HOSTILE)) {
          const t = (tally[category] ??= { tried: 0, refused: 0, encoded: 0 });
          for (const id of ids) {
            const label = `${op.name} ${key}=${show(id)}`;
            const args: Record<string, unknown> = { ...op.extra };
            for (const k of op.pathKeys) args[k] = VALID;
            args[key] = id;
            recorder.reset();
            const outcome = await settle(() => fn(args));
            t.tried += 1;
            if (!outcome.ok) {
              expect(outcome.error, label).toBeInstanceOf(StytchInputError);
              expect(received, `${label}: refused, yet something was sent`).toEqual([]);
              t.refused += 1;
              refusedIds.add(`${category}:${show(id)}`);
              continue;
            }
            expect(typeof id, `${label}: only a string may be sent`).toBe("string");
            expect(received, label).toHaveLength(1);
            const [seen] = received;
            expect(seen!.method, label).toBe(op.method);
            // The raw request target, not a parsed URL: parsing would resolve dot segments and hide a traversal.
            const got = seen!.url.split("?")[0]!.split("/");
            expect(got, label).toHaveLength(want.length);
            want.forEach((segment, i) => {
              const expected =
                segment === `{${key}}` ? encodeURIComponent(id as string) : segment.startsWith("{") ? VALID : segment;
              expect(got[i], `${label}: segment ${i}`).toBe(expected);
            });
            t.encoded += 1;
            encodedIds.add(`${category}:${show(id)}`);
          }
        }
      }
    }
    // An id is handled the same way wherever it appears: never refused on one route and sent on another.
    expect([...refusedIds].filter((id) => encodedIds.has(id))).toEqual([]);
    const totals = Object.values(tally).reduce(
      (a, t) => ({ tried: a.tried + t.tried, refused: a.refused + t.refused, encoded: a.encoded + t.encoded }),
      { tried: 0, refused: 0, encoded: 0 },
    );
    expect(totals.tried).toBe(totals.refused + totals.encoded);
    const params = withIds.reduce((n, o) => n + o.pathKeys.length, 0);
    console.log(
      `hostile-ids: ${withIds.length} operations with path ids, ${params} id parameters; ` +
        `${totals.tried} (parameter × id) combinations tried, ${totals.refused} refused with StytchInputError, ` +
        `${totals.encoded} encoded onto the intended route; by category: ` +
        Object.entries(tally)
          .map(([c, t]) => `${c} ${t.tried}/${t.refused}/${t.encoded}`)
          .join(", ") +
        " (tried/refused/encoded)",
    );
  });
});

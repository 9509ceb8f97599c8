import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openRecord } from "../../src/proxy/files.js";

const dir = mkdtempSync(join(tmpdir(), "stytch-proxy-record-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("proxy --record DIR", () => {
  it("is one proxy's at a time: a second record on the same folder is refused, and the lock goes on close", () => {
    const first = openRecord(join(dir, "rec"));
    expect(() => openRecord(join(dir, "rec"))).toThrow(
      /another proxy \(pid \d+\) holds .*choose another --record folder/,
    );
    first.close();
    expect(existsSync(join(dir, "rec", "exchanges.ndjson.lock"))).toBe(false);
    openRecord(join(dir, "rec")).close();
  });
});

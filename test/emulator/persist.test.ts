import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openStateFile, StateFileError } from "../../src/emulator/index.js";
import { createStytchFake } from "../../src/fake/index.js";
import { createStytchClient } from "../../src/index.js";

const dir = mkdtempSync(join(tmpdir(), "stytch-emulator-state-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const clientOf = (fake: ReturnType<typeof createStytchFake>) =>
  createStytchClient({ projectId: "project-test-x", secret: "s", fetch: fake.fetch, maxRetries: 0 });

describe("serve --save: the state file", () => {
  it("restores what was written; a seeded emulator restarted on it hands out no id twice", async () => {
    const file = join(dir, "seeded.json");
    const first = createStytchFake({ seed: 7 });
    const saver = openStateFile(file, first, 10_000);
    const a = await clientOf(first).users.create({ email: "a@example.com" });
    saver.changed();
    saver.close(); // writes at once, whatever the debounce
    expect(existsSync(`${file}.lock`)).toBe(false);
    expect(statSync(file).mode & 0o777).toBe(0o600);

    const second = createStytchFake({ seed: 7 });
    openStateFile(file, second).close();
    const b = await clientOf(second).users.create({ email: "b@example.com" });
    expect(b.user_id).not.toBe(a.user_id);
    expect(b.email_id).not.toBe(a.email_id);
    expect((await clientOf(second).users.get({ user_id: a.user_id })).emails[0]?.email).toBe("a@example.com");
  });

  it("refuses a second emulator on the same file while the first is alive, and takes over a stale lock", () => {
    const file = join(dir, "locked.json");
    const saver = openStateFile(file, createStytchFake());
    expect(() => openStateFile(file, createStytchFake())).toThrow(/another emulator \(pid \d+\) holds/);
    saver.close();
    writeFileSync(`${file}.lock`, "999999999"); // no such process
    openStateFile(file, createStytchFake()).close();
    expect(existsSync(`${file}.lock`)).toBe(false);
  });

  it("refuses a file that is not JSON or not a state file, naming it, and leaves it as it was", () => {
    for (const [name, text] of [
      ["garbage.json", "{ nope"],
      ["other.json", '{"users":[]}'],
      ["array.json", "[]"],
    ] as const) {
      const file = join(dir, name);
      writeFileSync(file, text);
      const error = (() => {
        try {
          openStateFile(file, createStytchFake());
        } catch (e) {
          return e;
        }
      })();
      expect(error, name).toBeInstanceOf(StateFileError);
      expect((error as Error).message, name).toContain(file);
      expect(readFileSync(file, "utf8"), name).toBe(text);
      expect(existsSync(`${file}.lock`), name).toBe(false);
    }
  });

  it("refuses a path it cannot read (a directory, an unreadable file) instead of starting empty and replacing it later", () => {
    const path = join(dir, "a-directory");
    mkdirSync(path);
    // Was: taken for a fresh state, then the first write's rename onto the directory threw in a timer (process ended).
    expect(() => openStateFile(path, createStytchFake())).toThrow(StateFileError);
    expect(() => openStateFile(path, createStytchFake())).toThrow(path);
    expect(existsSync(`${path}.lock`)).toBe(false);
  });

  it("replaces a symlink at the path instead of writing through it", async () => {
    const target = join(dir, "target.txt");
    writeFileSync(target, "keep me");
    const link = join(dir, "link.json");
    symlinkSync(target, link);
    const fake = createStytchFake();
    // The link's target is not a state file: refused, nothing written through it.
    expect(() => openStateFile(link, fake)).toThrow(StateFileError);
    expect(readFileSync(target, "utf8")).toBe("keep me");
  });
});

describe("serve --save while serving", () => {
  it("a write that fails (its folder removed) is reported and tried again, and the emulator keeps its state", async () => {
    const folder = join(dir, "vanishing");
    const { mkdirSync } = await import("node:fs");
    mkdirSync(folder);
    const file = join(folder, "state.json");
    const fake = createStytchFake();
    const errors: string[] = [];
    const saver = openStateFile(file, fake, 5, (error) =>
      errors.push((error as NodeJS.ErrnoException).code ?? error.message),
    );
    await clientOf(fake).users.create({ email: "kept@example.com" });
    rmSync(folder, { recursive: true, force: true });
    saver.changed();
    for (let i = 0; i < 100 && errors.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(errors).toEqual(["ENOENT"]);
    mkdirSync(folder);
    saver.changed();
    for (let i = 0; i < 100 && !existsSync(file); i++) await new Promise((r) => setTimeout(r, 10));
    expect(
      JSON.parse(readFileSync(file, "utf8")).users.map((u: { emails: { email: string }[] }) => u.emails[0]?.email),
    ).toEqual(["kept@example.com"]);
    saver.close();
  });
});

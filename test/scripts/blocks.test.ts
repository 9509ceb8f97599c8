import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readBlock, writeBlock } from "../../scripts/lib/blocks.mjs";
import { updateReadme } from "../../scripts/lib/readme.mjs";

/** The generated blocks of the markdown pages (`<!-- BEGIN name -->` … `<!-- END name -->`), one helper for all writers. */
describe("readBlock / writeBlock", () => {
  let dir: string;
  let file: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "blocks-test-"));
    file = join(dir, "page.md");
    await writeFile(
      file,
      "# Page\n\n<!-- BEGIN a -->\nold a\n<!-- END a -->\n\ntext\n\n<!-- BEGIN b -->\nold b\n<!-- END b -->\n",
    );
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it("replaces one block's content, markers on lines of their own, and leaves the rest of the page as it was", async () => {
    await writeBlock(file, "a", "| x |\n|---|");
    expect(await readFile(file, "utf8")).toBe(
      "# Page\n\n<!-- BEGIN a -->\n| x |\n|---|\n<!-- END a -->\n\ntext\n\n<!-- BEGIN b -->\nold b\n<!-- END b -->\n",
    );
    expect(await readBlock(file, "a")).toBe("| x |\n|---|");
    expect(await readBlock(file, "b")).toBe("old b");
  });

  it("refuses a page without the block's markers, naming the file", async () => {
    await expect(writeBlock(file, "c", "x")).rejects.toThrow(
      `${file}: markers <!-- BEGIN c --> … <!-- END c --> not found`,
    );
    await expect(readBlock(file, "c")).rejects.toThrow("not found");
  });

  it("the examples list keeps the hand-written text above its note and replaces what follows", async () => {
    const note =
      "<!-- Generated from the bundled spec by `node scripts/docs.mjs --update-readme`; do not edit by hand. -->";
    await writeFile(
      file,
      `<!-- BEGIN mock-and-docs -->\n## Mock\n\nProse.\n\n${note}\n\nold list\n<!-- END mock-and-docs -->\n`,
    );
    await updateReadme(file, "new list\n");
    expect(await readBlock(file, "mock-and-docs")).toBe(`## Mock\n\nProse.\n\n${note}\n\nnew list`);
  });
});

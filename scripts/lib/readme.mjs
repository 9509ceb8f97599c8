// Writes the generated list of mock examples per operation into the `mock-and-docs` block of docs/mock.md. The block opens
// with prose written by hand (how a frontend developer runs the mock and the docs), which is kept as it is: only
// what follows the "Generated from the bundled spec" note is replaced.
import { readBlock, writeBlock } from "./blocks.mjs";

const BLOCK = "mock-and-docs";
const NOTE =
  "<!-- Generated from the bundled spec by `node scripts/docs.mjs --update-readme`; do not edit by hand. -->";

/**
 * Replaces the generated part of the `mock-and-docs` block of `file` with `examples` (markdown).
 * @example await updateReadme(join(root, "docs", "mock.md"), examplesMarkdown(spec, operations(spec), clientCalls(spec), url));
 * @param {string} file
 * @param {string} examples
 * @returns {Promise<void>}
 */
export async function updateReadme(file, examples) {
  const current = await readBlock(file, BLOCK);
  const at = current.indexOf(NOTE);
  if (at < 0) throw new Error(`${file}: the ${BLOCK} block has no line ${NOTE}`);
  await writeBlock(file, BLOCK, `${current.slice(0, at + NOTE.length)}\n\n${examples.trim()}`);
}

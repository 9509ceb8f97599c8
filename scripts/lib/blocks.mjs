// The generated blocks of the project's markdown pages: the text between `<!-- BEGIN name -->` and
// `<!-- END name -->`, each written by one script (the table in CONTRIBUTING.md says which). The file is a
// parameter, so that a block can move from README.md to a page under docs/ by changing only its caller's argument.
import { readFile, writeFile } from "node:fs/promises";

/**
 * The two marker lines of block `name`.
 * @example markers("proven-against") // ["<!-- BEGIN proven-against -->", "<!-- END proven-against -->"]
 * @param {string} name
 * @returns {[begin: string, end: string]}
 */
export const markers = (name) => [`<!-- BEGIN ${name} -->`, `<!-- END ${name} -->`];

/**
 * Where block `name` sits in `text`: the offsets just after its BEGIN line and at the start of its END line.
 * @param {string} text
 * @param {string} name
 * @param {string} file  for the error message
 */
function locate(text, name, file) {
  const [begin, end] = markers(name);
  const start = text.indexOf(begin);
  const stop = text.indexOf(end);
  if (start < 0 || stop < start) throw new Error(`${file}: markers ${begin} … ${end} not found`);
  return { start: start + begin.length, stop };
}

/**
 * The content of block `name` of `file`, without its markers and the line breaks that frame it (what
 * `writeBlock` was given).
 * @example const table = await readBlock("README.md", "proven-against");
 * @param {string} file
 * @param {string} name
 * @returns {Promise<string>}
 */
export async function readBlock(file, name) {
  const text = await readFile(file, "utf8");
  const { start, stop } = locate(text, name, file);
  return text.slice(start, stop).replace(/^\n/, "").replace(/\n$/, "");
}

/**
 * Replaces the content of block `name` of `file` with `content`, each marker on a line of its own; the rest of the
 * file is left as it is. Throws when the markers are missing.
 * @example await writeBlock("README.md", "side-by-side", table);
 * @param {string} file
 * @param {string} name
 * @param {string} content  markdown, without the markers
 * @returns {Promise<void>}
 */
export async function writeBlock(file, name, content) {
  const text = await readFile(file, "utf8");
  const { start, stop } = locate(text, name, file);
  await writeFile(file, `${text.slice(0, start)}\n${content}\n${text.slice(stop)}`);
}

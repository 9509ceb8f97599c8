/**
 * A numeric `--name N` from the command line, or `fallback` when it is not given.
 * @example const calls = numberOption("calls", 300);
 * @param {string} name  without the dashes
 * @param {number} fallback
 * @returns {number}
 */
export function numberOption(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
}

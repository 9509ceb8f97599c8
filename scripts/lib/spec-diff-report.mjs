// `npm run spec:changes`'s output: the changes found by scripts/lib/spec-diff.mjs as a plain-text report for a
// person, or as CHANGELOG bullets.

/** @import { SpecChange } from "./spec-diff.mjs" */

/**
 * Plain-text report: breaking changes first, then the others, per operation; documentation changes counted.
 * @example console.log(formatChanges(specChanges(before, after), { all: true }));
 * @param {SpecChange[]} changes
 * @param {{ all?: boolean }} [options]  `all`: list documentation changes too
 * @returns {string}
 */
export function formatChanges(changes, { all = false } = {}) {
  const lines = [];
  const shown = changes.filter((c) => all || c.kind !== "documentation");
  for (const [title, list] of /** @type {[string, SpecChange[]][]} */ ([
    ["Breaking for client users", shown.filter((c) => c.breaking)],
    ["Not breaking", shown.filter((c) => !c.breaking)],
  ])) {
    if (list.length === 0) continue;
    lines.push(`${title} (${list.length}):`);
    /** @type {Map<string, SpecChange[]>} */
    const byOp = new Map();
    for (const c of list) byOp.set(c.operation, [...(byOp.get(c.operation) ?? []), c]);
    for (const [operation, items] of byOp) {
      lines.push(`  ${operation}`);
      for (const c of items)
        lines.push(
          `    ${[c.where, c.field].filter(Boolean).join(" ")}: ${c.what}`.replace(/^ {4}operation: /, "    "),
        );
    }
  }
  const docs = changes.filter((c) => c.kind === "documentation").length;
  if (docs && !all)
    lines.push(`${docs} documentation change(s) (descriptions, examples, summaries) not listed; --all lists them.`);
  if (lines.length === 0) lines.push("No change for client users.");
  return lines.join("\n");
}

/**
 * A CHANGELOG draft: one bullet per change, breaking ones first, documentation left out.
 * @example console.log(changelogDraft(specChanges(before, after)));
 * @param {SpecChange[]} changes
 * @returns {string}
 */
export function changelogDraft(changes) {
  const bullet = (/** @type {SpecChange} */ c) =>
    `- ${c.breaking ? "**Breaking:** " : ""}\`${c.operation}\` ${[c.where === "operation" ? "" : c.where, c.field].filter(Boolean).join(" ")}: ${c.what}.`.replace(
      /\s+:/,
      ":",
    );
  const list = changes.filter((c) => c.kind !== "documentation");
  return [...list.filter((c) => c.breaking), ...list.filter((c) => !c.breaking)].map(bullet).join("\n");
}

// Writes the README's list of named mock examples per operation (markdown), generated from the bundled spec.
import { exampleCall, PROJECT_ID, SECRET } from "./code-samples.mjs";

/** @import { Spec, SpecOperation } from "./spec.mjs" */

/**
 * Markdown: per tag, a table of operations with their client method, `Prefer: example=` names and other codes.
 * @example process.stdout.write(examplesMarkdown(spec, operations(spec), methods, "http://127.0.0.1:4010"));
 * @param {Spec} spec
 * @param {SpecOperation[]} operations
 * @param {Map<string, { call: string }>} methods  the client's method per "method path"
 * @param {string} mockUrl
 * @returns {string}
 */
export function examplesMarkdown(spec, operations, methods, mockUrl) {
  const lines = [];
  const codesOf = (/** @type {SpecOperation} */ op) => Object.keys(op.responses).filter((c) => c !== "200");
  const allCodes = [...new Set(operations.flatMap(codesOf))].sort();
  const uniform = operations.every((op) => codesOf(op).join() === allCodes.join());
  if (uniform) {
    lines.push("Every operation also answers these statuses, each with its shared error example(s):", "");
    for (const code of allCodes) {
      const names = [...new Set(operations.flatMap((op) => (op.responses[code] ?? []).map(([name]) => `\`${name}\``)))];
      lines.push(`- \`Prefer: code=${code}\`${names.length ? ` — ${names.join(", ")}` : ""}`);
    }
    lines.push("");
  }
  /** @type {Map<string, SpecOperation[]>} */
  const byTag = new Map();
  for (const op of operations) byTag.set(op.tag, [...(byTag.get(op.tag) ?? []), op]);
  for (const [tag, ops] of byTag) {
    lines.push(`#### ${tag}`, "");
    lines.push(`| Operation | Client method | \`Prefer: example=\` (200)${uniform ? "" : " | `Prefer: code=`"} |`);
    lines.push(`|---|---|---${uniform ? "" : "|---"}|`);
    for (const op of ops) {
      const names = (op.responses["200"] ?? []).map(([name]) => `\`${name}\``).join(", ") || "—";
      const method = methods.get(`${op.method} ${op.path}`)?.call ?? "—";
      const codes = uniform ? "" : ` | ${codesOf(op).join(", ")}`;
      lines.push(`| \`${op.method.toUpperCase()} ${op.path}\` | \`${method}\` | ${names}${codes} |`);
    }
    lines.push("");
  }
  lines.push("#### Picking an answer with curl", "", "```sh", ...curlExamples(spec, operations, mockUrl), "```");
  return lines.join("\n");
}

/**
 * Three calls on the first operation with several 200 examples: default, a named example, an error status.
 * @param {Spec} spec
 * @param {SpecOperation[]} operations
 * @param {string} mockUrl
 */
function curlExamples(spec, operations, mockUrl) {
  const op = operations.find((o) => o.method === "get" && (o.responses["200"] ?? []).length > 1) ?? operations[0];
  if (!op) throw new Error("the spec has no operation");
  const { path } = exampleCall(spec, op);
  const url = `${mockUrl}${path}`;
  const auth = `-u "${PROJECT_ID}:${SECRET}"`;
  const [first, second] = op.responses["200"] ?? [];
  if (!first || !second) throw new Error(`${op.operationId}: the curl examples need two named 200 examples`);
  const codes = Object.keys(op.responses).filter((c) => c !== "200");
  const errorCode = codes.includes("404") ? "404" : codes[0];
  const [errorExample] = (errorCode && op.responses[errorCode]?.[0]) || [];
  return [
    `# The first 200 example (${first[0]}): what the mock answers by default`,
    `curl ${auth} ${url}`,
    `# A named example of the 200 answer`,
    `curl ${auth} -H "Prefer: example=${second[0]}" ${url}`,
    `# An error status (with its example${errorExample ? `, ${errorExample}` : ""})`,
    `curl ${auth} -H "Prefer: code=${errorCode}" ${url}`,
    ...(errorExample
      ? [
          `# Both at once: a status and a named example of it`,
          `curl ${auth} -H "Prefer: code=${errorCode}, example=${errorExample}" ${url}`,
        ]
      : []),
  ];
}

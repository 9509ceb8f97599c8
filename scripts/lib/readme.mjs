// Writes the README section between <!-- BEGIN mock-and-docs --> and <!-- END mock-and-docs -->: how a frontend
// developer runs the mock and the docs, then the generated list of mock examples per operation.
import { readFile, writeFile } from "node:fs/promises";

const BEGIN = "<!-- BEGIN mock-and-docs -->";
const END = "<!-- END mock-and-docs -->";

const INTRO = `## Mock and docs (for frontend work)

\`\`\`sh
npm start        # mock on http://127.0.0.1:4010, docs on http://127.0.0.1:4011 — Ctrl-C stops both
npm run docs     # just the docs: dist/docs/index.html, one offline file (open it from disk)
npm run mock     # just the mock
\`\`\`

- Ports: \`MOCK_PORT=5010 DOCS_PORT=5011 npm start\` or \`npm start -- --mock-port 5010 --docs-port 5011\`.
- The mock is [Prism](https://stoplight.io/open-source/prism) serving \`dist/openapi.yaml\`. It accepts any Basic
  auth and answers with the examples of the spec; CORS is open, so a page on another local port can call it.
  Each answer that breaks the contract (your request, or the spec's own example) lists the problems in the
  \`sl-violations\` response header.
- The docs page sends no request anywhere (no CDN, no telemetry). Every operation has a TypeScript sample that uses
  this package's client and a curl sample against the mock.
- Choose the mock's answer per request with the \`Prefer\` header: \`Prefer: example=<name>\` for a named example,
  \`Prefer: code=<status>\` for a status, both together as \`Prefer: code=404, example=user_not_found\`, and
  \`Prefer: dynamic=true\` for generated data. With our client, pass a \`fetch\` that adds the header.

### Named examples per operation

<!-- Generated from the bundled spec by \`node scripts/docs.mjs --update-readme\`; do not edit by hand. -->
`;

/** Replaces the text between the markers of `file` with the intro and `examples` (markdown). */
export async function updateReadme(file, examples) {
  const text = await readFile(file, "utf8");
  const start = text.indexOf(BEGIN);
  const end = text.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${file}: markers ${BEGIN} … ${END} not found`);
  const section = `${BEGIN}\n${INTRO}\n${examples.trim()}\n${END}`;
  await writeFile(file, text.slice(0, start) + section + text.slice(end + END.length));
}

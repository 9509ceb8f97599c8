// The text that `npm start` / `npm run mock` print once everything is up: URLs and how to pick mock answers.
/** Lines telling a frontend developer where things are and how to choose an example or a status. */
export function banner({ mockUrl, docsUrl }) {
  return [
    "",
    `  Mock API  ${mockUrl}   (Prism; any Basic auth works, e.g. -u project-test-1:secret-test-1)`,
    ...(docsUrl ? [`  API docs  ${docsUrl}/`] : []),
    "",
    "  Pick the mock's answer per request with the Prefer header:",
    `    Prefer: example=<name>    a named example, e.g.  curl -u p:s -H "Prefer: example=pending_user" ${mockUrl}/v1/users/user-test-1`,
    `    Prefer: code=<status>     an error status, e.g.  curl -u p:s -H "Prefer: code=404" ${mockUrl}/v1/users/user-test-1`,
    "    Prefer: dynamic=true      generated data instead of the examples",
    "  The example names of every operation are listed in README.md (Mock and docs) and in the docs.",
    "  A request or answer that breaks the contract is reported in the `sl-violations` response header.",
    "",
    "  Ctrl-C stops everything.",
    "",
  ].join("\n");
}

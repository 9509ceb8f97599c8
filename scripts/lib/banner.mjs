// The text that `npm start` / `npm run mock` print once everything is up: URLs and how to pick mock answers.
/**
 * Lines telling a frontend developer where things are and how to choose an example or a status.
 * @example console.log(banner({ mockUrl: prism.url, docsUrl: docs.url }));
 * @param {{ mockUrl: string, docsUrl?: string, stateful?: boolean }} urls
 * @returns {string}
 */
export function banner({ mockUrl, docsUrl, stateful = false }) {
  if (stateful) return statefulBanner({ mockUrl, docsUrl });
  return [
    "",
    `  Mock API  ${mockUrl}   (Prism; any Basic auth works, e.g. -u project-test-1:secret-test-1)`,
    ...(docsUrl ? [`  API docs  ${docsUrl}/`] : []),
    "",
    "  Pick the mock's answer per request with the Prefer header:",
    `    Prefer: example=<name>    a named example, e.g.  curl -u p:s -H "Prefer: example=pending_user" ${mockUrl}/v1/users/user-test-1`,
    `    Prefer: code=<status>     an error status, e.g.  curl -u p:s -H "Prefer: code=404" ${mockUrl}/v1/users/user-test-1`,
    "    Prefer: dynamic=true      generated data instead of the examples",
    "  The example names of every operation are listed in docs/mock.md and in the docs.",
    "  A request or answer that breaks the contract is reported in the `sl-violations` response header.",
    "",
    "  Ctrl-C stops everything.",
    "",
  ].join("\n");
}

/**
 * The same for `--stateful`: the in-memory fake behind Prism's validating proxy.
 * @param {{ mockUrl: string, docsUrl?: string }} urls
 */
function statefulBanner({ mockUrl, docsUrl }) {
  return [
    "",
    `  Stateful mock API  ${mockUrl}   (in-memory fake behind Prism proxy --errors; any Basic auth works)`,
    ...(docsUrl ? [`  API docs          ${docsUrl}/`] : []),
    "",
    "  What you create is what you get: users, organizations, members and connected apps live in memory until you stop.",
    `    curl -u p:s -H "Content-Type: application/json" -d '{"email":"bob@example.com"}' ${mockUrl}/v1/users`,
    `    curl -X POST ${mockUrl}/__fake/reset          back to the starting data (--data FILE, or empty)`,
    `    Prefer: code=<status>     that status's spec example, e.g.  curl -u p:s -H "Prefer: code=429" ${mockUrl}/v1/users/search -d '{}'`,
    "  Every request and answer is validated against the spec: a request that breaks it gets a 422 from Prism,",
    "  an answer that breaks it a 500 with the problems in the `sl-violations` header.",
    "",
    "  Ctrl-C stops everything.",
    "",
  ].join("\n");
}

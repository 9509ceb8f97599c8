// The canned answers of bench/run.mjs, served over HTTP by bench/server.mjs and in memory by bench/run.mjs itself:
// one user (users.get) and a 100-user search page, both as JSON text.
import { readFileSync } from "node:fs";

const user = JSON.parse(readFileSync(new URL("../fixtures/user.json", import.meta.url), "utf8"));
const search = {
  request_id: "r",
  status_code: 200,
  results: Array(100).fill(user),
  results_metadata: { total: 100, next_cursor: null },
};

/**
 * The two answers as JSON text: `get` (a user) and `search` (a page of 100 users).
 * @example res.end(bodies.search);
 */
export const bodies = {
  get: JSON.stringify({ ...user, request_id: "r", status_code: 200 }),
  search: JSON.stringify(search),
};

/**
 * The answer's body for a request to `url`.
 * @example res.end(bodyFor(req.url ?? "/"));
 * @param {string | undefined} url
 * @returns {string}
 */
export function bodyFor(url) {
  return url?.endsWith("/search") ? bodies.search : bodies.get;
}

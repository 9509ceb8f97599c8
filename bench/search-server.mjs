// The user search for bench/export.mjs, in a process of its own so that its work does not share the client's
// event loop: `total` users in pages of the requested limit, each answer after `--delay` ms (Stytch's search takes
// 150 ms to seconds), and, with `--rpm N`, a 429 for any request beyond N in the last minute (Stytch's rate
// limit; `--window-ms` shortens the window, scaling N with it, so a paced run need not last minutes).
// Prints its URL on stdout when listening; counts on GET /__stats.
import { createServer } from "node:http";
import { readFileSync } from "node:fs";
import { numberOption as arg } from "./lib/options.mjs";

const total = arg("total", 100_000);
const delay = arg("delay", 20);
const rpm = arg("rpm", 0);
const windowMs = arg("window-ms", 60_000);

const template = JSON.parse(readFileSync(new URL("./fixtures/user.json", import.meta.url), "utf8"));
const userJson = (/** @type {number} */ i) =>
  JSON.stringify({ ...template, user_id: `user-test-${String(i).padStart(8, "0")}-97a1-4ba4-9720-b03761dc50c6` });
/** @type {Map<string, string>} */
const cache = new Map();
/**
 * The JSON text of the page of `limit` users from `start`, built once.
 * @param {number} start
 * @param {number} limit
 * @returns {string}
 */
function page(start, limit) {
  const key = `${start}/${limit}`;
  if (!cache.has(key)) {
    const end = Math.min(start + limit, total);
    const users = [];
    for (let i = start; i < end; i++) users.push(userJson(i));
    const next = end < total ? JSON.stringify(`cursor-${end}`) : "null";
    cache.set(
      key,
      `{"request_id":"request-id-bench","status_code":200,"results":[${users.join(",")}],"results_metadata":{"total":${total},"next_cursor":${next}}}`,
    );
  }
  return /** @type {string} */ (cache.get(key));
}

const stats = { requests: 0, limited: 0, first: 0, last: 0 };
/** @type {number[]} */
const window = [];
const server = createServer((req, res) => {
  if (req.url === "/__stats") {
    res.writeHead(200, { "content-type": "application/json" });
    return res.end(JSON.stringify(stats));
  }
  let body = "";
  req.on("data", (c) => (body += c));
  req.on("end", () => {
    const now = Date.now();
    stats.requests++;
    stats.first ||= now;
    stats.last = now;
    if (rpm) {
      while ((window[0] ?? Infinity) <= now - windowMs) window.shift();
      if (window.length >= (rpm * windowMs) / 60_000) {
        stats.limited++;
        res.writeHead(429, { "content-type": "application/json", "retry-after": "1" });
        return res.end(
          JSON.stringify({
            status_code: 429,
            request_id: "r",
            error_type: "too_many_requests",
            error_message: "Too many requests",
          }),
        );
      }
      window.push(now);
    }
    const { cursor, limit = 100 } = JSON.parse(body || "{}");
    const start = cursor ? Number(cursor.slice("cursor-".length)) : 0;
    const text = page(start, limit);
    setTimeout(() => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(text);
    }, delay);
  });
});
server.listen(0, "127.0.0.1", () => {
  const { port } = /** @type {import("node:net").AddressInfo} */ (server.address());
  console.log(`http://127.0.0.1:${port}`);
});

// What the official Node SDK (npm `stytch`) sends, read from its compiled calls rather than its types: whether each
// call carries a JSON body, which its types do not say (`npm run spec:upstream` weighs request bodies with it).
import { readdirSync, readFileSync } from "node:fs";
import { root } from "./run.mjs";

/**
 * Whether the SDK sends a JSON body, per route (`DELETE /v1/users/{}` → true), read from its compiled code
 * (`node_modules/stytch/dist/**.js`): each call is `request(fetchConfig, { method, url, headers, data | params })`,
 * and `data` is the JSON body (`{}` on every DELETE).
 * @example sdkSendsBody().get("DELETE /v1/users/{}") // true
 * @returns {Map<string, boolean>}
 */
export function sdkSendsBody() {
  /** @type {Map<string, boolean>} */
  const out = new Map();
  const dir = `${root}node_modules/stytch/dist`;
  for (const file of readdirSync(dir, { recursive: true })) {
    if (!String(file).endsWith(".js")) continue;
    const code = readFileSync(`${dir}/${file}`, "utf8");
    for (const m of code.matchAll(/method: "(\w+)",\s*url: `([^`]*)`,\s*headers,?\s*(data|params)?/g)) {
      const path = (m[2] ?? "").replace(/\$\{[^}]*\}/g, "{}");
      out.set(`${m[1]} ${path}`, m[3] === "data");
    }
  }
  return out;
}

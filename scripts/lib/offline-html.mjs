// Fixes up the HTML that `redocly build-docs --inlineBundle` writes so that the page works offline and sends
// nothing off the machine: telemetry off, no remote logo, no favicon request, and a Content-Security-Policy that
// allows only the page itself.
const TELEMETRY_OPTIONS = /(const __redoc_options = \{[^\n]*?"disableTelemetry":)false/;

// Redoc's footer logo is an <img> from cdn.redoc.ly; an inline SVG takes its place.
const REMOTE_LOGOS = /https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini(-full)?\.svg/g;
const LOCAL_LOGO =
  "data:image/svg+xml," +
  encodeURIComponent(
    '<svg xmlns="http://www.w3.org/2000/svg" width="72" height="16"><text x="0" y="12" font-family="sans-serif" font-size="11" fill="#888">Redocly</text></svg>',
  );

// Belt and braces: even if some code tried, the browser refuses any request that is not to the page itself.
// 'unsafe-eval' because Redoc's bundle compiles code at run time (it sends nothing; only requests matter here).
const CSP =
  "default-src 'self' 'unsafe-inline' data: blob:; script-src 'self' 'unsafe-inline' 'unsafe-eval'; worker-src 'self' blob:; " +
  "connect-src 'self'; img-src 'self' data: blob:; font-src 'self' data:; style-src 'self' 'unsafe-inline'";

/**
 * Returns the fixed-up HTML; throws if the page no longer has the shape this relies on (a Redocly upgrade).
 * @example await writeFile(out, makeOffline(await readFile(built, "utf8")));
 * @param {string} html  what `redocly build-docs --inlineBundle` wrote
 * @returns {string}
 */
export function makeOffline(html) {
  if (!TELEMETRY_OPTIONS.test(html)) {
    throw new Error('built docs: no `const __redoc_options = {..."disableTelemetry":false...}` to turn telemetry off');
  }
  const out = html
    .replace(TELEMETRY_OPTIONS, "$1true")
    .replace(REMOTE_LOGOS, LOCAL_LOGO)
    .replace(
      "<head>",
      `<head>\n  <meta http-equiv="Content-Security-Policy" content="${CSP}">\n  <link rel="icon" href="data:,">`,
    );
  const leftover = out.match(/<(?:script|link|img)[^>]+(?:src|href)="https?:\/\/[^"]+"/);
  if (leftover) throw new Error(`built docs still load a remote resource: ${leftover[0]}`);
  return out;
}

import { defineConfig } from "tsdown";

// The library build: ESM (.js) and CommonJS (.cjs), each with its own declarations (.d.ts / .d.cts) and source
// maps, into dist/ beside the bundled spec that `npm run bundle` writes there (hence no clean here: scripts/build.mjs
// clears the build's own outputs first).
export default defineConfig([
  {
    // `stytch-openapi/fake`: the in-memory fake (src/fake/), runtime-neutral like the client. Its HTTP server is the
    // emulator (`stytch-openapi/emulator`, below).
    // `stytch-openapi/validate`: opt-in answer checks (src/validate/), @cfworker/json-schema kept a dependency.
    entry: { index: "src/index.ts", fake: "src/fake/index.ts", validate: "src/validate/index.ts" },
    format: ["esm", "cjs"],
    platform: "neutral",
    target: "es2022",
    dts: true,
    sourcemap: true,
    clean: false,
    outDir: "dist",
    // openapi-fetch (MIT, notice in LICENSE) is bundled, so the package has no runtime dependencies. Kept external, the
    // CommonJS build default-imported it as the whole module object ("createClient is not a function" under
    // require()): rolldown's node-mode interop in a "type": "module" package (rolldown/rolldown#10800).
    noExternal: ["openapi-fetch"],
    // The maps carry positions only (file and line of src/ in stack traces, which is what --enable-source-maps
    // needs), not the sources again: the tarball stays within its 440 KiB budget (test/package/artifact.test.ts).
    outputOptions: (options) => ({ ...options, sourcemapExcludeSources: true }),
  },
  // The `stytch-openapi` command (package.json "bin"): ESM only, for Node; commander, csv-stringify and
  // cli-progress stay dependencies, and the client is imported by the package's own name (dist/index.js), not
  // bundled a second time.
  {
    entry: { cli: "src/cli/main.ts" },
    external: [/^stytch-openapi(\/|$)/],
    format: ["esm"],
    platform: "node",
    target: "node20",
    fixedExtension: false,
    dts: false,
    sourcemap: true,
    // Positions only, as for the library's maps: the tarball's 440 KiB budget (test/package/artifact.test.ts).
    outputOptions: (options) => ({ ...options, sourcemapExcludeSources: true }),
    clean: false,
    outDir: "dist",
    noExternal: ["openapi-fetch"],
  },
  // `stytch-openapi/msw`: Mock Service Worker handlers over the fake, runtime-neutral (Node's setupServer, a browser's
  // setupWorker), ESM and CommonJS like ./fake. msw is a peer dependency and the fake is imported by the package's
  // name (types only, as the fake is the caller's own), so neither is bundled here: the client's bundle is untouched.
  {
    entry: { msw: "src/msw/index.ts" },
    external: [/^stytch-openapi(\/|$)/, /^msw(\/|$)/],
    format: ["esm", "cjs"],
    platform: "neutral",
    target: "es2022",
    dts: true,
    sourcemap: true,
    outputOptions: (options) => ({ ...options, sourcemapExcludeSources: true }),
    clean: false,
    outDir: "dist",
  },
  // `stytch-openapi/emulator`: the fake behind a validating HTTP server, for Node (ESM only: it reads
  // dist/openapi.json beside itself through import.meta.url). It imports the fake by the package's name, so the
  // tarball carries the fake once; Ajv and ajv-formats stay dependencies.
  {
    entry: { emulator: "src/emulator/index.ts" },
    external: [/^stytch-openapi(\/|$)/],
    format: ["esm"],
    platform: "node",
    target: "node20",
    fixedExtension: false,
    dts: true,
    sourcemap: true,
    // Positions only, as for the CommonJS maps: the tarball's 440 KiB budget (test/package/artifact.test.ts).
    outputOptions: (options) => ({ ...options, sourcemapExcludeSources: true }),
    clean: false,
    outDir: "dist",
  },
]);

// The emulator from source, for the scripts (`npm start`, `npm run mock -- --stateful`, the test setup): src/ is
// TypeScript, so it is compiled on the fly with esbuild (~100 ms) and imported. The package's own `serve` command
// runs the built dist/ instead.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { build, stop } from "esbuild";
import { root } from "./run.mjs";

/**
 * The bundled spec the emulator validates against when it runs from source (written by `npm run generate`).
 * @example serveEmulator({ spec: loadBundledSpec(SOURCE_SPEC) });
 */
export const SOURCE_SPEC = join(root, "src/generated/openapi.json");

/**
 * Compiles and imports `{ serveCommand, serveEmulator, loadBundledSpec, createStytchFake }` from src/.
 * @example const { serveEmulator, loadBundledSpec } = await loadEmulator();
 * @returns {Promise<typeof import("./emulator-entry.js")>}
 */
export async function loadEmulator() {
  // Under the project (.tmp/ is ignored by git), so that Node finds Ajv and commander in node_modules from there.
  mkdirSync(join(root, ".tmp"), { recursive: true });
  const dir = mkdtempSync(join(root, ".tmp", "emulator-"));
  try {
    const outfile = join(dir, "emulator.mjs");
    await build({
      entryPoints: [join(root, "scripts/lib/emulator-entry.ts")],
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20",
      outfile,
      logLevel: "error",
      // The emulator imports the fake by the package's name, as the command line imports the client.
      alias: {
        "stytch-openapi/fake": join(root, "src/fake/index.ts"),
        "stytch-openapi/emulator": join(root, "src/emulator/index.ts"),
        "stytch-openapi": join(root, "src/index.ts"),
      },
      // Ajv and the command line's dependencies stay in node_modules.
      packages: "external",
    });
    return await import(pathToFileURL(outfile).href);
  } finally {
    await stop(); // esbuild's service process would otherwise live as long as this one

    rmSync(dir, { recursive: true, force: true });
  }
}

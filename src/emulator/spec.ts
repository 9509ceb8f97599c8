import { readFileSync } from "node:fs";
import type { OpenApiDocument } from "./validator.js";

/**
 * The bundled spec this package ships: `dist/openapi.json` beside the built emulator, or `src/generated/openapi.json`
 * when running from the repository's sources; or `file`. Read once per call (~400 KB of JSON, a few milliseconds).
 * @example
 * const spec = loadBundledSpec();
 */
export function loadBundledSpec(file?: string | URL): OpenApiDocument {
  const candidates = file
    ? [file]
    : [new URL("./openapi.json", import.meta.url), new URL("../generated/openapi.json", import.meta.url)];
  for (const file of candidates) {
    try {
      return JSON.parse(readFileSync(file, "utf8")) as OpenApiDocument;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
  }
  throw new Error(`The bundled spec is missing: looked for ${candidates.map(String).join(" and ")}.`);
}

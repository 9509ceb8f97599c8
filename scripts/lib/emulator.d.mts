import type { serveCommand } from "../../src/cli/serve.js";
import type { loadBundledSpec, serveEmulator } from "../../src/emulator/index.js";
import type { createStytchFake } from "../../src/fake/index.js";

export const SOURCE_SPEC: string;
export function loadEmulator(): Promise<{
  serveCommand: typeof serveCommand;
  serveEmulator: typeof serveEmulator;
  loadBundledSpec: typeof loadBundledSpec;
  createStytchFake: typeof createStytchFake;
}>;

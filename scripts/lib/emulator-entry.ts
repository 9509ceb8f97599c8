// What scripts/lib/emulator.mjs compiles: the emulator, its command and the fake, from source.
export { serveCommand } from "../../src/cli/serve.js";
export { loadBundledSpec, serveEmulator } from "../../src/emulator/index.js";
export { createStytchFake } from "../../src/fake/index.js";

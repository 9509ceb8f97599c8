import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  // The emulator, the MSW handlers and the command line import the package by its name, as a user would; from
  // source that is src/ (tsconfig.json "paths" says the same to the compiler), so the tests need no build of dist/.
  resolve: {
    alias: [
      { find: /^stytch-openapi$/, replacement: fileURLToPath(new URL("./src/index.ts", import.meta.url)) },
      { find: /^stytch-openapi\/(fake|emulator|msw|validate)$/, replacement: fileURLToPath(new URL("./src/$1/index.ts", import.meta.url)) },
    ],
  },
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: [
      "test/support/prism-global-setup.ts",
      "test/support/stateful-global-setup.ts",
      "test/support/package-global-setup.ts",
    ],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    typecheck: {
      enabled: true,
      include: ["test/types/**/*.test-d.ts"],
      tsconfig: "./tsconfig.json",
    },
  },
});

import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  // The emulator and the MSW handlers import the fake by the package's name (as the command line imports the client); from source that
  // is src/ (tsconfig.json "paths" says the same to the compiler).
  resolve: {
    alias: [{ find: /^stytch-openapi\/(fake|emulator|msw)$/, replacement: fileURLToPath(new URL("./src/$1/index.ts", import.meta.url)) }],
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

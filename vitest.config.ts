import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defineConfig, type TestProjectInlineConfiguration } from "vitest/config";

// What the files of a tier need before they run, set up once per run however many projects ask (test/support/).
const BUNDLE = "test/support/bundle-global-setup.ts"; // dist/openapi.yaml, and a private copy for Prism
const PRISM = "test/support/prism-global-setup.ts"; // the Prism mock of the bundle (bundles first)
const PACKAGE = "test/support/package-global-setup.ts"; // where the tarball is packed, on first use

/**
 * The test tiers: a project per kind of test, named after its folders (CONTRIBUTING.md's table), with only the global
 * setups its files use (`inject(...)`, dist/openapi.yaml), so that `npm run test:unit` starts no Prism and packs
 * nothing. `vitest run` runs them all; `vitest run --project contract` one of them.
 */
const tiers: { name: string; folders: string[]; globalSetup: string[] }[] = [
  { name: "unit", folders: ["unit", "types"], globalSetup: [] },
  { name: "contract", folders: ["contract", "vendor", "fuzz"], globalSetup: [PRISM] },
  { name: "fake", folders: ["fake", "emulator", "msw", "proxy"], globalSetup: [PRISM] },
  { name: "transport", folders: ["transport"], globalSetup: [BUNDLE] },
  { name: "scripts", folders: ["scripts"], globalSetup: [BUNDLE] },
  { name: "package", folders: ["package"], globalSetup: [BUNDLE, PACKAGE] },
  { name: "cli", folders: ["cli"], globalSetup: [PRISM, PACKAGE] },
  { name: "browser", folders: ["browser"], globalSetup: [PRISM] },
];

// A folder (or file) of test/ in no tier would silently drop out of `npm test`: refuse to start instead.
const HELPERS = ["support", "fixtures"];
const untiered = readdirSync(new URL("./test", import.meta.url)).filter(
  (name) => !HELPERS.includes(name) && !tiers.some((tier) => tier.folders.includes(name)),
);
if (untiered.length > 0) throw new Error(`vitest.config.ts: test/${untiered[0]} belongs to no project (see tiers)`);

const projects: TestProjectInlineConfiguration[] = tiers.map(({ name, folders, globalSetup }) => ({
  extends: true,
  test: { name, include: folders.map((folder) => `test/${folder}/**/*.test.ts`), globalSetup },
}));
// The type tests (tsc through vitest's typecheck, on the files they import only) need nothing started either.
projects[0]!.test!.typecheck = {
  enabled: true,
  include: ["test/types/**/*.test-d.ts"],
  tsconfig: "./test/types/tsconfig.json",
};

export default defineConfig({
  // The emulator, the MSW handlers and the command line import the package by its name, as a user would; from
  // source that is src/ (tsconfig.json "paths" says the same to the compiler), so the tests need no build of dist/.
  resolve: {
    alias: [
      { find: /^stytch-openapi$/, replacement: fileURLToPath(new URL("./src/index.ts", import.meta.url)) },
      {
        find: /^stytch-openapi\/(fake|emulator|msw|validate)$/,
        replacement: fileURLToPath(new URL("./src/$1/index.ts", import.meta.url)),
      },
    ],
  },
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects,
  },
});

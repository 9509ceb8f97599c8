// The installed tarball on Node 20 (this machine's), 22 and 24, from a plain ESM file and a plain CommonJS file:
// no TypeScript, no bundler, exactly what `npm install stytch-openapi` gives a user.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { consumerCalls, EXPECTED, withInstalledPackageAndApi } from "./server.js";
import { exec } from "./setup.js";

const shared = withInstalledPackageAndApi();

const NODES = {
  "Node 20": () => process.execPath,
  "Node 22": () => shared.pkg.runtimes.node22,
  "Node 24": () => shared.pkg.runtimes.node24,
};

describe.each(Object.entries(NODES))("the installed package on %s", (_, node) => {
  it("reports the expected major version", async () => {
    const version = (await exec(node(), ["--version"], shared.pkg.consumer)).trim();
    console.log(`${_}: ${version}`);
    expect(version).toMatch(new RegExp(`^v${_.split(" ")[1]}\\.`));
  });

  it("works from an ESM file (import): users.get, users.searchAll, a typed StytchError on 404", async () => {
    const file = join(shared.pkg.consumer, `esm-${_.replace(" ", "")}.mjs`);
    writeFileSync(
      file,
      `import { createStytchClient, StytchError } from "stytch-openapi";\n${consumerCalls(shared.api.url)}\nconsole.log(JSON.stringify(await calls()));\n`,
    );
    expect(JSON.parse(await exec(node(), [file], shared.pkg.consumer))).toEqual(EXPECTED);
  });

  it("works from a CommonJS file (require): users.get, users.searchAll, a typed StytchError on 404", async () => {
    const file = join(shared.pkg.consumer, `cjs-${_.replace(" ", "")}.cjs`);
    writeFileSync(
      file,
      `const { createStytchClient, StytchError } = require("stytch-openapi");\n${consumerCalls(shared.api.url)}\ncalls().then((r) => console.log(JSON.stringify(r)));\n`,
    );
    expect(JSON.parse(await exec(node(), [file], shared.pkg.consumer))).toEqual(EXPECTED);
  });
});

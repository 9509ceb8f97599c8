// `stytch-openapi/fake` from the installed tarball: the in-memory fake under our client, from a plain ESM file and
// a plain CommonJS file, with no network (the fake's `fetch` is the client's).
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { exec, installed, type Installed } from "./setup.js";
import { operations } from "../../src/generated/operations.js";

let pkg: Installed;
beforeAll(async () => {
  pkg = await installed();
}, 300_000);

const calls = `
async function calls() {
  const fake = createStytchFake({ seed: 1, projectId: "project-test-x", secret: "s" });
  const stytch = createStytchClient({ projectId: "project-test-x", secret: "s", fetch: fake.fetch });
  const { user_id } = await stytch.users.create({ email: "bob@example.com" });
  const user = await stytch.users.get({ user_id });
  await stytch.users.delete({ user_id });
  const error = await stytch.users.get({ user_id }).catch((e) => e);
  return { email: user.emails[0].email, gone: error instanceof StytchError && error.error_type, operations: fake.operations.length };
}`;
const EXPECTED = { email: "bob@example.com", gone: "user_not_found", operations: Object.keys(operations).length };

describe("stytch-openapi/fake from the installed package", () => {
  it("imports from ESM and answers our client in-process", async () => {
    const file = join(pkg.consumer, "fake-esm.mjs");
    writeFileSync(
      file,
      `import { createStytchClient, StytchError } from "stytch-openapi";\nimport { createStytchFake } from "stytch-openapi/fake";\n${calls}\nconsole.log(JSON.stringify(await calls()));\n`,
    );
    expect(JSON.parse(await exec(process.execPath, [file], pkg.consumer))).toEqual(EXPECTED);
  });

  it("requires from CommonJS and answers our client in-process", async () => {
    const file = join(pkg.consumer, "fake-cjs.cjs");
    writeFileSync(
      file,
      `const { createStytchClient, StytchError } = require("stytch-openapi");\nconst { createStytchFake } = require("stytch-openapi/fake");\n${calls}\ncalls().then((r) => console.log(JSON.stringify(r)));\n`,
    );
    expect(JSON.parse(await exec(process.execPath, [file], pkg.consumer))).toEqual(EXPECTED);
  });
});

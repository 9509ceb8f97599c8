// `stytch-openapi/msw` from the installed tarball, in a consumer project of its own that also installs msw (the peer
// dependency, at the version this repository pins): MSW's setupServer answers the official Node SDK and our client
// from the fake, from a plain ESM file and a plain CommonJS file.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { exec, installed, root, type Installed } from "./setup.js";

let pkg: Installed;
let consumer: string;
beforeAll(async () => {
  pkg = await installed();
  consumer = join(inject("packageRunDir"), "msw-consumer");
  mkdirSync(consumer, { recursive: true });
  writeFileSync(join(consumer, "package.json"), JSON.stringify({ name: "msw-consumer", private: true }));
  const pins = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).devDependencies as Record<string, string>;
  await exec(
    "npm",
    [
      "install",
      "--no-audit",
      "--no-fund",
      "--prefer-offline",
      "--loglevel",
      "error",
      pkg.tarball,
      `msw@${pins.msw}`,
      `stytch@${pins.stytch}`,
    ],
    consumer,
  );
}, 300_000);

const calls = `
async function calls() {
  const fake = createStytchFake({ projectId: "project-test-x", secret: "s" });
  const server = setupServer(...stytchHandlers(fake));
  server.listen({ onUnhandledRequest: "error" });
  try {
    const ada = fake.seed.user({ email: "ada@example.com" });
    const sdk = new stytch.Client({ project_id: "project-test-x", secret: "s" });
    const got = await sdk.users.get({ user_id: ada.user_id });
    const gone = await sdk.users.get({ user_id: "user-test-missing" }).catch((e) => e instanceof stytch.StytchError && e.error_type);
    const ours = createStytchClient({ projectId: "project-test-x", secret: "s", maxRetries: 0 });
    const { user_id } = await ours.users.create({ email: "grace@example.com" });
    return { got: got.emails[0].email, gone, stored: fake.snapshot().users.map((u) => u.user_id).join() === [ada.user_id, user_id].join() };
  } finally {
    server.close();
  }
}`;
const EXPECTED = { got: "ada@example.com", gone: "user_not_found", stored: true };

describe("stytch-openapi/msw from the installed package, with msw installed beside it", () => {
  it("imports from ESM and answers the official SDK and our client through setupServer", async () => {
    const file = join(consumer, "msw-esm.mjs");
    writeFileSync(
      file,
      `import { setupServer } from "msw/node";\nimport * as stytch from "stytch";\nimport { createStytchClient } from "stytch-openapi";\nimport { createStytchFake } from "stytch-openapi/fake";\nimport { stytchHandlers } from "stytch-openapi/msw";\n${calls}\nconsole.log(JSON.stringify(await calls()));\n`,
    );
    expect(JSON.parse(await exec(process.execPath, [file], consumer))).toEqual(EXPECTED);
  });

  it("requires from CommonJS and answers the official SDK and our client through setupServer", async () => {
    const file = join(consumer, "msw-cjs.cjs");
    writeFileSync(
      file,
      `const { setupServer } = require("msw/node");\nconst stytch = require("stytch");\nconst { createStytchClient } = require("stytch-openapi");\nconst { createStytchFake } = require("stytch-openapi/fake");\nconst { stytchHandlers } = require("stytch-openapi/msw");\n${calls}\ncalls().then((r) => console.log(JSON.stringify(r)));\n`,
    );
    expect(JSON.parse(await exec(process.execPath, [file], consumer))).toEqual(EXPECTED);
  });
});

// TypeScript projects that depend on the installed tarball type-check against its published declarations: a
// CommonJS and an ESM project with `moduleResolution: node16`, and a bundler project. Each file also holds calls that
// must not compile (`@ts-expect-error`), which would fail as unused if the published types were `any`.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { exec, installed, root, type Installed } from "./setup.js";

let pkg: Installed;
beforeAll(async () => {
  pkg = await installed();
}, 300_000);

const SOURCE = `import { createStytchClient, StytchError, type StytchClient } from "stytch-openapi";

export async function main(): Promise<string> {
  const stytch: StytchClient = createStytchClient({ projectId: "project-test-x", secret: "s" });
  const user = await stytch.users.get({ user_id: "user-test-1" });
  const id: string = user.user_id;
  for await (const found of stytch.users.searchAll({ limit: 10 })) console.log(found.user_id);
  try {
    await stytch.organizations.members.get({ organization_id: "organization-test-1", member_id: "member-test-1" });
  } catch (e) {
    if (e instanceof StytchError) console.log(e.error_type, e.request_id);
  }
  // @ts-expect-error user_id must be a string
  await stytch.users.get({ user_id: 42 });
  // @ts-expect-error user_id is required
  await stytch.users.get({});
  // @ts-expect-error no such method
  await stytch.users.fetchEveryone();
  // @ts-expect-error status is a string, not a number
  const status: number = user.status;
  // @ts-expect-error projectId is required
  createStytchClient({ secret: "s" });
  return id + String(status);
}
`;

const PROJECTS = {
  "moduleResolution node16, CommonJS project": {
    type: "commonjs",
    file: "index.ts",
    module: "node16",
    moduleResolution: "node16",
  },
  "moduleResolution node16, ESM project": {
    type: "module",
    file: "index.ts",
    module: "node16",
    moduleResolution: "node16",
  },
  "moduleResolution bundler": { type: "module", file: "index.ts", module: "esnext", moduleResolution: "bundler" },
} as const;

describe.each(Object.entries(PROJECTS))("a TypeScript consumer with %s", (name, project) => {
  it("type-checks, and the calls marked as wrong fail to compile", async () => {
    const dir = join(pkg.consumer, `ts-${name.replace(/[^a-z0-9]+/gi, "-")}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, "package.json"),
      JSON.stringify({ name: "ts-consumer", private: true, type: project.type }),
    );
    writeFileSync(
      join(dir, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          target: "es2022",
          lib: ["es2022", "dom", "dom.iterable"],
          module: project.module,
          moduleResolution: project.moduleResolution,
          types: [],
        },
        files: [project.file],
      }),
    );
    writeFileSync(join(dir, project.file), SOURCE);
    const tsc = join(root, "node_modules/typescript/bin/tsc");
    await expect(
      exec(process.execPath, [tsc, "-p", dir, "--traceResolution"], dir).then((out) => resolvedFile(out)),
    ).resolves.toMatch(
      project.type === "commonjs" && project.moduleResolution === "node16" ? /index\.d\.cts$/ : /index\.d\.ts$/,
    );
  });

  it("reports a compile error when a wrong call is not marked (the check can fail)", async () => {
    const dir = join(pkg.consumer, `ts-bad-${name.replace(/[^a-z0-9]+/gi, "-")}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, "package.json"),
      JSON.stringify({ name: "ts-consumer-bad", private: true, type: project.type }),
    );
    writeFileSync(
      join(dir, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          target: "es2022",
          lib: ["es2022", "dom"],
          module: project.module,
          moduleResolution: project.moduleResolution,
          types: [],
        },
        files: [project.file],
      }),
    );
    writeFileSync(join(dir, project.file), SOURCE.replace("// @ts-expect-error user_id must be a string\n", ""));
    const tsc = join(root, "node_modules/typescript/bin/tsc");
    await expect(exec(process.execPath, [tsc, "-p", dir], dir)).rejects.toThrow(/TS2322|TS2769|not assignable/);
  });
});

/** The declaration file that `stytch-openapi` resolved to, from tsc's --traceResolution output. */
function resolvedFile(trace: string): string {
  const match = /Module name 'stytch-openapi' was successfully resolved to '([^']+)'/.exec(trace);
  if (!match?.[1]) throw new Error(`stytch-openapi was not resolved:\n${trace.slice(-3000)}`);
  return match[1];
}

// The package as a user gets it: `npm pack` once per test run, `npm install <tarball>` into a throw-away project,
// and the other runtimes (Node 22 and 24, Bun, Deno, workerd) from the npm registry. Shared by the files of
// test/package/, which vitest runs in parallel workers: the first to ask does the work under a directory lock, the
// others wait for its result, so the tarball is packed and installed exactly once.
import { execFile } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { promisify } from "node:util";
import { inject } from "vitest";

const run = promisify(execFile);
export const root = join(import.meta.dirname, "../..");

export interface Installed {
  /** The .tgz that `npm pack` wrote. */
  tarball: string;
  /** A project with only the tarball installed (`npm install <tarball>`), for the consumers to run in. */
  consumer: string;
  /** The runtimes' executables. */
  runtimes: { node22: string; node24: string; bun: string; deno: string; workerd: string };
}

/** Packs and installs once per test run (see the file comment); every caller gets the same paths. */
export async function installed(): Promise<Installed> {
  const dir = join(inject("packageRunDir"));
  const result = join(dir, "installed.json");
  const failure = join(dir, "failed.txt");
  let owner = false;
  try {
    mkdirSync(join(dir, "lock"), { recursive: false });
    owner = true;
  } catch {
    // another worker is installing
  }
  if (owner) {
    try {
      writeFileSync(result, JSON.stringify(await install(dir)));
    } catch (error) {
      writeFileSync(failure, String(error instanceof Error ? error.stack : error));
      throw error;
    }
  }
  for (let waited = 0; waited < 300_000; waited += 250) {
    if (existsSync(result)) return JSON.parse(readFileSync(result, "utf8")) as Installed;
    if (existsSync(failure))
      throw new Error(`packing or installing failed in another worker:\n${readFileSync(failure, "utf8")}`);
    await sleep(250);
  }
  throw new Error("timed out waiting for the package to be packed and installed");
}

async function install(dir: string): Promise<Installed> {
  // Pack from a copy of the sources, so that the build (prepack) cannot rewrite dist/ under the other tests.
  const source = join(dir, "source");
  for (const entry of [
    "package.json",
    "package-lock.json",
    "tsconfig.json",
    "tsdown.config.ts",
    "redocly.yaml",
    "README.md",
    "LICENSE",
    "CHANGELOG.md",
    "fake",
    "msw",
    "validate",
    "openapi",
    "scripts",
    "src",
  ]) {
    cpSync(join(root, entry), join(source, entry), { recursive: true });
  }
  symlinkSync(join(root, "node_modules"), join(source, "node_modules"), "dir");
  const { stdout } = await run("npm", ["pack", "--json", "--pack-destination", dir], {
    cwd: source,
    maxBuffer: 64 << 20,
  });
  const [{ filename }] = JSON.parse(stdout.slice(stdout.indexOf("["))) as [{ filename: string }];
  const tarball = join(dir, filename);

  const consumer = join(dir, "consumer");
  mkdirSync(consumer);
  writeFileSync(join(consumer, "package.json"), JSON.stringify({ name: "consumer", private: true }));
  await run("npm", ["install", "--no-audit", "--no-fund", "--loglevel", "error", tarball], { cwd: consumer });

  return { tarball, consumer, runtimes: await installRuntimes() };
}

/**
 * `npm ci` of test/package/runtimes (pinned, lock-checked) into .tmp/runtimes, kept between runs while the lock file
 * is unchanged.
 */
async function installRuntimes(): Promise<Installed["runtimes"]> {
  const pinned = join(root, "test/package/runtimes");
  const target = join(root, ".tmp/runtimes");
  const stamp = join(target, "node_modules/.installed-from");
  const lock = readFileSync(join(pinned, "package-lock.json"), "utf8");
  if (!existsSync(stamp) || readFileSync(stamp, "utf8") !== lock) {
    rmSync(target, { recursive: true, force: true });
    mkdirSync(target, { recursive: true });
    for (const file of readdirSync(pinned)) cpSync(join(pinned, file), join(target, file));
    await run("npm", ["ci", "--no-audit", "--no-fund", "--loglevel", "error"], { cwd: target, maxBuffer: 64 << 20 });
    writeFileSync(stamp, lock);
  }
  const bin = (path: string) => {
    const file = join(target, "node_modules", path);
    statSync(file); // throws a clear ENOENT when the registry package did not bring its binary
    return file;
  };
  return {
    node22: bin("node22/bin/node"),
    node24: bin("node24/bin/node"),
    bun: bin(".bin/bun"),
    deno: bin(".bin/deno"),
    workerd: bin(".bin/workerd"),
  };
}

/** Runs `file args` in `cwd` and resolves with its stdout; rejects with stdout and stderr on a non-zero exit. */
export async function exec(file: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<string> {
  try {
    const { stdout } = await run(file, args, {
      cwd,
      env: { ...process.env, ...env },
      maxBuffer: 16 << 20,
      timeout: 120_000,
    });
    return stdout;
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${file} ${args.join(" ")} failed: ${e.message}\nstdout:\n${e.stdout}\nstderr:\n${e.stderr}`);
  }
}

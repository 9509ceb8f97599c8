import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { freePort, prismPids } from "../support/prism.js";
import { startScript } from "../support/script.js";

const TEST_AUTH = `Basic ${btoa("project-test-11111111-1111-1111-1111-111111111111:secret-test-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")}`;

async function answers(url: string, init?: RequestInit): Promise<number | undefined> {
  try {
    return (await fetch(url, init)).status;
  } catch {
    return undefined;
  }
}

/** The pids of `pid`'s descendants, from ps. */
function descendants(pid: number): number[] {
  const rows = execFileSync("ps", ["-eo", "pid=,ppid="], { encoding: "utf8" })
    .trim()
    .split("\n")
    .map((line) => line.trim().split(/\s+/).map(Number) as [number, number]);
  const out: number[] = [];
  const walk = (parent: number) => {
    for (const [child, ppid] of rows) {
      if (ppid !== parent) continue;
      out.push(child);
      walk(child);
    }
  };
  walk(pid);
  return out;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe("npm start (the emulator and the docs)", () => {
  it("answers with the README's test credentials, serves the docs, and SIGTERM to the npm process stops everything within 2 s", {
    timeout: 90_000,
  }, async () => {
    const [mockPort, docsPort] = [await freePort(), await freePort()];
    const script = await startScript(
      ["start", "--", "--mock-port", String(mockPort), "--docs-port", String(docsPort)],
      { npm: true, ready: "API docs" },
    );
    const url = `http://127.0.0.1:${mockPort}`;
    expect(script.output()).toContain(`Stytch emulator  ${url}`);
    expect(script.output()).toContain("project-test-11111111-1111-1111-1111-111111111111");
    const created = await fetch(`${url}/v1/users`, {
      method: "POST",
      headers: { authorization: TEST_AUTH, "content-type": "application/json" },
      body: JSON.stringify({ email: "ada@example.com" }),
    });
    expect(created.status).toBe(200);
    const { user_id } = (await created.json()) as { user_id: string };
    expect(await answers(`${url}/v1/users/${user_id}`, { headers: { authorization: TEST_AUTH } })).toBe(200);
    expect(await answers(`${url}/v1/users/${user_id}`)).toBe(401);
    expect(await answers(`http://127.0.0.1:${docsPort}/`)).toBe(200);
    expect(await answers(`http://127.0.0.1:${docsPort}/%E0%A4%A`)).toBe(400); // a hostile escape does not stop the docs server

    const tree = [script.pid, ...descendants(script.pid)];
    const started = Date.now();
    process.kill(script.pid, "SIGTERM");
    await script.exited;
    while (tree.some(alive) && Date.now() - started < 5_000) await new Promise((r) => setTimeout(r, 50));
    const left = tree.filter(alive);
    expect(
      left,
      left.length ? execFileSync("ps", ["-o", "pid=,stat=,args=", "-p", left.join(",")], { encoding: "utf8" }) : "",
    ).toEqual([]);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await answers(`${url}/v1/users/${user_id}`)).toBeUndefined();
    expect(await answers(`http://127.0.0.1:${docsPort}/`)).toBeUndefined();
  });
});

describe("npm start -- --examples (Prism's example mock)", () => {
  it("serves the examples with Prefer, and SIGINT stops Prism and the docs", { timeout: 90_000 }, async () => {
    const [mockPort, docsPort] = [await freePort(), await freePort()];
    const script = await startScript([
      "scripts/start.mjs",
      "--examples",
      "--no-bundle",
      "--mock-port",
      String(mockPort),
      "--docs-port",
      String(docsPort),
    ]);
    expect(script.output()).toContain(`http://127.0.0.1:${mockPort}`);
    expect(script.output()).toContain("Prefer: example=");
    const auth = { headers: { Authorization: `Basic ${btoa("project-test-x:secret")}`, Prefer: "code=404" } };
    expect(await answers(`http://127.0.0.1:${mockPort}/v1/users/user-test-1`, auth)).toBe(404);
    expect(await answers(`http://127.0.0.1:${docsPort}/`)).toBe(200);
    expect(prismPids(mockPort).length).toBeGreaterThan(0);
    expect(await script.interrupt()).toBe(0);
    expect(await answers(`http://127.0.0.1:${mockPort}/v1/users/user-test-1`, auth)).toBeUndefined();
    expect(prismPids(mockPort)).toEqual([]);
  });
});

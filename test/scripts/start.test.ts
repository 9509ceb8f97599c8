import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { freePort, prismPids } from "../support/prism.js";

const root = fileURLToPath(new URL("../..", import.meta.url));

async function answers(url: string, init?: RequestInit): Promise<number | undefined> {
  try {
    return (await fetch(url, init)).status;
  } catch {
    return undefined;
  }
}

describe("npm start", () => {
  it("serves the mock and the docs on the given ports, and SIGINT stops everything it started", { timeout: 90_000 }, async () => {
    const mockPort = await freePort();
    const docsPort = await freePort();
    const child = spawn(process.execPath, ["scripts/start.mjs", "--no-bundle", "--mock-port", String(mockPort), "--docs-port", String(docsPort)], {
      cwd: root,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));

    const deadline = Date.now() + 60_000;
    while (!output.includes("Ctrl-C stops everything") && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(output).toContain(`http://127.0.0.1:${mockPort}`);
    expect(output).toContain(`http://127.0.0.1:${docsPort}`);
    expect(output).toContain("Prefer: example=");
    const auth = { headers: { Authorization: `Basic ${btoa("project-test-x:secret")}` } };
    expect(await answers(`http://127.0.0.1:${mockPort}/v1/users/user-test-1`, auth)).toBe(200);
    expect(await answers(`http://127.0.0.1:${docsPort}/`)).toBe(200);
    expect(prismPids(mockPort).length).toBeGreaterThan(0);

    child.kill("SIGINT");
    expect(await exited).toBe(0);
    expect(await answers(`http://127.0.0.1:${mockPort}/v1/users/user-test-1`, auth)).toBeUndefined();
    expect(await answers(`http://127.0.0.1:${docsPort}/`)).toBeUndefined();
    expect(prismPids(mockPort)).toEqual([]);
  });
});

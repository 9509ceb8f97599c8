// `stytch-openapi serve` and `proxy` from source, in-process, through the same `run` as the bin: the data on stdout,
// the messages on stderr, an abort (what Ctrl-C does) stops them with exit 0, and bad usage exits 2.
import { describe, expect, it } from "vitest";
import { runCli } from "./support.js";

/** Runs a long-running command until `ready(stdout)` gives a URL, calls `use(url)`, then aborts it. */
async function whileRunning(args: string[], ready: RegExp, use: (url: string) => Promise<void>) {
  const stop = new AbortController();
  let started: Promise<void> | undefined;
  // serve prints its URL on stdout (it is the data), proxy on stderr (its data is the report).
  const look = (text: string) => {
    const url = ready.exec(text)?.[1];
    if (url && !started) started = use(url).finally(() => stop.abort(new Error("SIGINT")));
  };
  const run = await runCli(args, {}, { signal: stop.signal, onStdout: look, onStderr: look });
  await started;
  return run;
}

describe("serve and proxy, run from source", () => {
  it("serve prints its URL and the test credentials on stdout, answers, and an abort stops it with exit 0", async () => {
    let status = 0;
    const run = await whileRunning(["serve", "--port", "0", "--quiet"], /Stytch emulator {2}(\S+)/, async (url) => {
      const auth = `Basic ${btoa("project-test-11111111-1111-1111-1111-111111111111:secret-test-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")}`;
      const headers = { authorization: auth, "content-type": "application/json" };
      const answer = await fetch(new URL("v1/users/search", `${url}/`), { method: "POST", headers, body: "{}" });
      status = answer.status;
    });
    expect(run.code, run.stderr).toBe(0);
    expect(status).toBe(200);
    expect(run.stdout).toContain("project-test-11111111-1111-1111-1111-111111111111");
  });

  it("proxy says where it listens on stderr and prints its report on stdout when stopped", async () => {
    const run = await whileRunning(
      ["proxy", "--port", "0", "--target", "http://127.0.0.1:9", "--quiet"],
      /Stytch drift proxy {2}(\S+)/,
      async () => {},
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain("->  http://127.0.0.1:9");
    expect(run.stdout.length).toBeGreaterThan(0);
  });

  it("proxy --target over plain http off loopback is bad usage: exit 2, nothing on stdout", async () => {
    const run = await runCli(["proxy", "--port", "0", "--target", "http://api.example.com"], {});
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      "stytch-openapi: --target must be https (http only on loopback), not http://api.example.com",
    );
    expect(run.stdout).toBe("");
  });
});

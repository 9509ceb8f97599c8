import { describe, expect, it } from "vitest";
import { freePort, prismPids } from "../support/prism.js";
import { startScript } from "../support/script.js";

const auth = { Authorization: `Basic ${btoa("project-test-x:secret")}`, "Content-Type": "application/json" };
const SEEDED = "user-test-00000000-0000-4000-8000-000000000001";

describe("npm run mock -- --stateful --data FILE (the emulator judged by prism proxy --errors)", () => {
  it("serves what was loaded and created, resets on POST /__fake/reset, answers CORS, and SIGINT stops it all", {
    timeout: 90_000,
  }, async () => {
    const port = await freePort();
    const script = await startScript([
      "scripts/mock.mjs",
      "--no-bundle",
      "--stateful",
      "--data",
      "test/fixtures/fake/data.json",
      "--port",
      String(port),
    ]);
    expect(script.output()).toContain(`Stateful mock API  http://127.0.0.1:${port}`);
    const url = `http://127.0.0.1:${port}`;

    expect((await fetch(`${url}/v1/users/${SEEDED}`, { headers: auth })).status).toBe(200);
    const created = (await (
      await fetch(`${url}/v1/users`, {
        method: "POST",
        headers: auth,
        body: JSON.stringify({ email: "bob@example.com" }),
      })
    ).json()) as { user_id: string };
    expect((await fetch(`${url}/v1/users/${created.user_id}`, { headers: auth })).status).toBe(200);

    const preflight = await fetch(`${url}/v1/users/search`, {
      method: "OPTIONS",
      headers: {
        Origin: "http://localhost:3000",
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization,content-type",
      },
    });
    expect(preflight.status).toBeLessThan(300);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("http://localhost:3000");

    const reset = await fetch(`${url}/__fake/reset`, { method: "POST", headers: { Origin: "http://localhost:3000" } });
    expect(reset.status).toBe(200);
    expect(reset.headers.get("access-control-allow-origin")).toBe("http://localhost:3000");
    expect((await fetch(`${url}/v1/users/${created.user_id}`, { headers: auth })).status).toBe(404);
    expect((await fetch(`${url}/v1/users/${SEEDED}`, { headers: auth })).status).toBe(200);

    expect(script.output()).not.toContain(btoa("project-test-x:secret")); // credentials never logged
    const prismPort = Number(/Prism is listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(script.output())?.[1]);
    expect(prismPids(prismPort, "proxy").length).toBeGreaterThan(0);
    expect(await script.interrupt()).toBe(0);
    expect(prismPids(prismPort, "proxy")).toEqual([]);
    expect(
      await fetch(`${url}/v1/users/${SEEDED}`, { headers: auth }).then(
        (r) => r.status,
        () => undefined,
      ),
    ).toBeUndefined();
  });
});

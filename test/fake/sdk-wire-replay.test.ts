import { describe, expect, it } from "vitest";
import { loadRecordings, send, type Recording } from "../../scripts/lib/wire-replay.mjs";
import { contractClient } from "../support/contract.js";
import { startStatefulMock } from "../support/stateful.js";

/**
 * Issue 15, item 2, on the stateful mock: recorded requests of the Python and Go SDKs (test/fixtures/sdk-wire/),
 * their recorded ids swapped for records made here, replayed byte for byte (but for the ids) through Prism's
 * proxy to the fake. An echoed path id equal to the path's is ignored, one that differs is refused with the
 * API's 400 `invalid_argument`, and `True` reads as true.
 */
const recordings = await loadRecordings(["python", "go"]);
const stateful = await startStatefulMock();

function line(sdk: string, operation: string, variant: "minimal" | "full"): Recording {
  const found = recordings.find((r) => r.sdk === sdk && r.operation === operation && r.variant === variant);
  if (!found) throw new Error(`no ${variant} ${sdk} line for ${operation}`);
  return found;
}

/** The recording with ids replaced everywhere (path, query, body); `bodyOnly` replaces in the body alone. */
function rewrite(r: Recording, ids: Record<string, string>, bodyOnly: Record<string, string> = {}): Recording {
  const swap = (text: string, map: Record<string, string>) =>
    Object.entries(map).reduce((t, [from, to]) => t.split(from).join(to), text);
  const body = r.body === null ? null : swap(swap(r.body, bodyOnly), ids);
  const headers = { ...r.headers };
  if (body !== null && headers["content-length"] !== undefined)
    headers["content-length"] = String(Buffer.byteLength(body));
  return { ...r, path: swap(r.path, ids), query: swap(r.query, ids), body, headers };
}

const RECORDED = {
  user: "user-test-cace4a15-9ff9-4251-add4-237376060876",
  organization: "organization-test-472c1f99-a32d-4f1b-aabb-219cd679532c",
  member: "member-test-97cbbe98-6ce9-414c-a589-4fdc072413e6",
};

describe("recorded Python and Go SDK requests against the stateful mock", () => {
  const url = stateful.url;
  const { stytch } = contractClient(url);
  const tag = () => Math.random().toString(36).slice(2, 8);

  it("Python users.update with the echoed user_id: applied; with a different user_id: 400 invalid_argument, nothing changed", async () => {
    const { user_id } = await stytch.users.create({
      email: `wire-${tag()}@example.com`,
      trusted_metadata: { keep: true },
    });
    const recorded = line("python", "users.update", "full");
    expect(JSON.parse(recorded.body!)).toHaveProperty("user_id", RECORDED.user);

    const ok = await send(url, rewrite(recorded, { [RECORDED.user]: user_id }));
    expect(ok.violations).toEqual([]);
    expect(ok.status).toBe(200);
    const after = await stytch.users.get({ user_id });
    expect(after.name).toEqual({ first_name: "Ada", middle_name: "King", last_name: "Lovelace" });
    expect(after.trusted_metadata).toMatchObject({ keep: true, ...JSON.parse(recorded.body!).trusted_metadata });

    const other = (await stytch.users.create({ email: `wire-${tag()}@example.com` })).user_id;
    const refused = await send(
      url,
      rewrite(recorded, { [RECORDED.user]: user_id }, { [`"user_id": "${RECORDED.user}"`]: `"user_id": "${other}"` }),
    );
    expect(refused.violations).toEqual([]);
    expect(refused.status).toBe(400);
    expect(refused.json).toMatchObject({
      status_code: 400,
      error_type: "invalid_argument",
      request_id: expect.stringMatching(/^request-id-test-/),
    });
    expect((await stytch.users.get({ user_id: other })).name).toEqual({
      first_name: "",
      middle_name: "",
      last_name: "",
    });
  });

  it("Go and Python members.reactivate with echoed organization_id and member_id bring a deleted member back", async () => {
    for (const sdk of ["go", "python"]) {
      const { organization } = await stytch.organizations.create({ organization_name: `Wire ${tag()}` });
      const organization_id = organization.organization_id;
      const { member_id } = await stytch.organizations.members.create({
        organization_id,
        email_address: `m-${tag()}@example.com`,
      });
      await stytch.organizations.members.delete({ organization_id, member_id });
      const ids = { [RECORDED.organization]: organization_id, [RECORDED.member]: member_id };
      const recorded = rewrite(line(sdk, "organizations.members.reactivate", "full"), ids);
      // The full call carries the SDK docs' example member session, which no emulator minted: 404 session_not_found.
      const headerName = Object.keys(recorded.headers).find((h) => h.toLowerCase() === "x-stytch-member-session");
      expect(headerName, sdk).toBeDefined();
      const refused = await send(url, recorded);
      expect([refused.status, (refused.json as { error_type?: string } | undefined)?.error_type], sdk).toEqual([
        404,
        "session_not_found",
      ]);
      const { [headerName!]: _session, ...headers } = recorded.headers;
      const answer = await send(url, { ...recorded, headers });
      expect(answer.violations, sdk).toEqual([]);
      expect(answer.status, sdk).toBe(200);
      expect(answer.json, sdk).toMatchObject({ member_id, member: { status: "active" } });
    }
  });

  it("dangerouslyGet: Python's include_deleted=True finds a deleted member, Go's include_deleted=false does not", async () => {
    const { organization } = await stytch.organizations.create({ organization_name: `Wire ${tag()}` });
    const organization_id = organization.organization_id;
    const { member_id } = await stytch.organizations.members.create({
      organization_id,
      email_address: `d-${tag()}@example.com`,
    });
    await stytch.organizations.members.delete({ organization_id, member_id });
    const ids = { [RECORDED.member]: member_id };

    const python = line("python", "organizations.members.dangerouslyGet", "full");
    expect(python.query).toContain("include_deleted=True");
    const found = await send(url, rewrite(python, ids));
    expect([found.status, found.violations]).toEqual([200, []]);
    expect(found.json).toMatchObject({ member_id, member: { status: "deleted" } });

    const go = line("go", "organizations.members.dangerouslyGet", "minimal");
    expect(go.query).toBe("include_deleted=false");
    const missing = await send(url, rewrite(go, ids));
    expect([missing.status, missing.violations]).toEqual([404, []]);
    expect(missing.json).toMatchObject({ error_type: "member_not_found", request_id: expect.any(String) });
  });

  it("Python and Go secret rotation with the echoed client_id: start, then rotate swaps the secret", async () => {
    for (const sdk of ["python", "go"]) {
      const { connected_app } = await stytch.connectedApp.clients.create({
        client_type: "first_party",
        client_name: `wire ${sdk}`,
      });
      const client_id = connected_app.client_id;
      const start = line(sdk, "connectedApp.clients.secrets.rotateStart", "full");
      const recordedId = /connected-app-test-[0-9a-f-]{36}/.exec(start.path)![0];
      expect(start.body, sdk).toContain(recordedId);
      const started = await send(url, rewrite(start, { [recordedId]: client_id }));
      expect([started.status, started.violations], sdk).toEqual([200, []]);
      const next = (started.json as { connected_app: { next_client_secret: string } }).connected_app.next_client_secret;
      const rotated = await send(
        url,
        rewrite(line(sdk, "connectedApp.clients.secrets.rotate", "full"), { [recordedId]: client_id }),
      );
      expect([rotated.status, rotated.violations], sdk).toEqual([200, []]);
      expect(rotated.json).toMatchObject({ connected_app: { client_secret_last_four: next.slice(-4) } });
    }
  });
});

describe("the fake finds echoed ids without a list of its own", () => {
  it("every body property the spec marks x-echoed-path-parameter is a path parameter of its operation, which the fake checks", async () => {
    const { readFileSync } = await import("node:fs");
    const { parse } = await import("yaml");
    type Schema = { $ref?: string; properties?: Record<string, Schema>; "x-echoed-path-parameter"?: string };
    const spec = parse(readFileSync(new URL("../../dist/openapi.yaml", import.meta.url), "utf8")) as {
      paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: Schema }> } }>>;
      components: { schemas: Record<string, Schema> };
    };
    const deref = (s: Schema | undefined): Schema | undefined =>
      s?.$ref ? deref(spec.components.schemas[s.$ref.split("/").pop()!]) : s;
    const marked: string[] = [];
    for (const [path, item] of Object.entries(spec.paths)) {
      for (const [method, op] of Object.entries(item)) {
        const schema = deref(op.requestBody?.content?.["application/json"]?.schema);
        for (const [name, property] of Object.entries(schema?.properties ?? {})) {
          const echoed = deref(property)?.["x-echoed-path-parameter"];
          if (!echoed) continue;
          marked.push(`${method} ${path} ${name}`);
          expect(echoed).toBe(name);
          expect(path, `${method} ${path}: ${name}`).toContain(`{${name}}`);
        }
      }
    }
    // 14 operations echo their ids (NOTES-sdk-wire.md): some two or three of them.
    expect(new Set(marked.map((m) => m.split(" ").slice(0, 2).join(" "))).size).toBe(14);
  });
});

import { describe, expect, it } from "vitest";
import { operations, type OperationInfo } from "../../src/generated/operations.js";
import { createStytchClient } from "../../src/index.js";
import { fakeFetch } from "../support/fake-fetch.js";
import { discoverOperations } from "../support/operations.js";

describe("defineOperation reads the operation table", () => {
  it("each client method sends the method and path of the operation whose sdkMethod names it", async () => {
    const table = Object.values(operations as Record<string, OperationInfo>)
      .map((op) => `${op.sdkMethod} ${op.method.toUpperCase()} ${op.path}`)
      .sort();
    const sent = (await discoverOperations()).map((o) => `${o.name} ${o.method} ${o.template}`).sort();
    expect(sent).toEqual(table);
  });

  it("puts the arguments in the query or the JSON body, as the table says", async () => {
    const f = fakeFetch();
    const stytch = createStytchClient({ projectId: "project-test-x", secret: "s", fetch: f.fetch });
    await stytch.organizations.members.dangerouslyGet({ member_id: "m", include_deleted: true });
    await stytch.users.update({ user_id: "u", name: { first_name: "Ada" } });
    expect(operations.dangerouslyGetMember.args).toBe("query");
    expect(operations.updateUser.args).toBe("body");
    expect(f.seen.map((s) => [s.url.search, s.body])).toEqual([
      ["?include_deleted=true", ""],
      ["", '{"name":{"first_name":"Ada"}}'],
    ]);
  });
});

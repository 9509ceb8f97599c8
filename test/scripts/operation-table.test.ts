import { describe, expect, it } from "vitest";
import { operations } from "../../src/generated/operations.js";
import { clientCalls, operationTable } from "../../scripts/lib/operation-table.mjs";

const op = (id: string, sdk: string, extra: Record<string, unknown> = {}) => ({
  operationId: id,
  "x-sdk-method": sdk,
  tags: ["Users"],
  ...extra,
});

describe("the operation table generator (scripts/lib/operation-table.mjs)", () => {
  it("derives path parameters, where the arguments go and retry safety from the method and x-idempotent", () => {
    const text = operationTable({
      paths: {
        "/v1/things/{a}/b/{c}": { get: op("getThing", "users.get"), post: op("makeThing", "users.create") },
        "/v1/things/search": { post: op("searchThings", "users.search", { "x-idempotent": true }) },
      },
    });
    expect(text).toContain(
      'getThing: { method: "get", path: "/v1/things/{a}/b/{c}", pathParams: ["a", "c"], args: "query", retrySafe: true, sdkMethod: "users.get", tag: "Users" },',
    );
    expect(text).toContain(
      'makeThing: { method: "post", path: "/v1/things/{a}/b/{c}", pathParams: ["a", "c"], args: "body", retrySafe: false,',
    );
    expect(text).toContain(
      'searchThings: { method: "post", path: "/v1/things/search", pathParams: [], args: "body", retrySafe: true,',
    );
  });

  it("refuses a missing or repeated x-sdk-method, a repeated operationId and x-idempotent off a POST", () => {
    expect(() => operationTable({ paths: { "/v1/a": { get: { operationId: "a" } } } })).toThrow(
      /missing or repeated x-sdk-method/,
    );
    expect(() => operationTable({ paths: { "/v1/a": { get: op("a", "users.a"), put: op("b", "users.a") } } })).toThrow(
      /repeated x-sdk-method users\.a/,
    );
    expect(() => operationTable({ paths: { "/v1/a": { get: op("a", "users.a"), put: op("a", "users.b") } } })).toThrow(
      /repeated operationId a/,
    );
    expect(() => operationTable({ paths: { "/v1/a": { get: op("a", "users.a", { "x-idempotent": true }) } } })).toThrow(
      /x-idempotent is only for a POST/,
    );
  });

  it("names the client call of each operation, with the item iterator beside each search", () => {
    const calls = clientCalls({
      paths: {
        "/v1/x/search": { post: op("s", "organizations.members.search") },
        "/v1/x": { get: op("g", "users.get") },
      },
    });
    expect(calls.get("post /v1/x/search")).toEqual({
      call: "stytch.organizations.members.search",
      searchAll: "stytch.organizations.members.searchAll",
    });
    expect(calls.get("get /v1/x")).toEqual({ call: "stytch.users.get" });
  });

  it("marks exactly the four searches of the spec as POSTs that are safe to retry", () => {
    const posts = Object.entries(operations).filter(([, o]) => o.method === "post" && o.retrySafe);
    expect(posts.map(([id]) => id).sort()).toEqual([
      "searchConnectedAppClients",
      "searchMembers",
      "searchOrganizations",
      "searchUsers",
    ]);
  });
});

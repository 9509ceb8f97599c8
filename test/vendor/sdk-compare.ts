// The comparison of test/vendor/sdk-types.test.ts: the spec side (dist/openapi.yaml with $ref, allOf and
// oneOf-with-null resolved) and a walk that compares it with the official SDK's types, field by field.
import { readFileSync } from "node:fs";
import type ts from "typescript";
import { parse } from "yaml";
import { schemaShape, type SchemaShape } from "../../scripts/lib/spec-fields.mjs";
import { checker, SDK_TYPES, sdkProps, sdkShape, sdkType, type SdkProp } from "../../scripts/lib/sdk-types.mjs";
import { specOperations } from "../support/contract.js";
import type { Issue, IssueCode } from "./sdk-types.allowed.js";

// ---------------------------------------------------------------------------------------------------------------
// Spec side: dist/openapi.yaml with $ref, allOf and oneOf-with-null resolved

export type Json = Record<string, unknown>;
const spec = parse(readFileSync(new URL("../../dist/openapi.yaml", import.meta.url), "utf8")) as {
  paths: Record<string, Record<string, Json>>;
  components: { schemas: Record<string, Json>; parameters: Record<string, Json> };
};

function deref(node: Json): Json {
  let current = node;
  for (let hops = 0; typeof current.$ref === "string"; hops++) {
    const [, , section, name] = current.$ref.split("/");
    const target = (spec.components as Record<string, Record<string, Json> | undefined>)[section!]?.[name!];
    if (!target || hops > 10) throw new Error(`unresolvable $ref ${current.$ref}`);
    current = target;
  }
  return current;
}

/** A spec schema reduced to what is compared: scripts/lib/spec-fields.mjs, shared with `npm run spec:upstream`. */
type SpecShape = SchemaShape;
export const specShape = (raw: Json, into?: SpecShape): SpecShape => schemaShape(spec, raw, into);

function isOpenObject(s: SpecShape): boolean {
  return s.kinds.has("object") && s.props.size === 0 && s.additional !== false;
}

// ---------------------------------------------------------------------------------------------------------------
// The comparison

const MAX_DEPTH = 8;

export class Comparison {
  issues: Issue[] = [];
  fields = 0;
  compared: string[] = [];
  constructor(readonly operationId: string) {}

  private issue(at: string, code: IssueCode, detail: string) {
    this.issues.push({ operationId: this.operationId, at, code, detail });
  }

  /** Properties of an SDK object type vs. a spec object (`required` and nullable flags per property). */
  props(sdk: SdkProp[], spec: SpecShape, at: string, direction: "request" | "response", depth: number) {
    for (const p of sdk) {
      const where = `${at}.${p.name}`;
      this.fields++;
      this.compared.push(where);
      const schema = spec.props.get(p.name);
      if (!schema) {
        this.issue(where, "missing-in-spec", `SDK: ${checker.typeToString(p.type)}${p.optional ? " (optional)" : ""}`);
        continue;
      }
      const required = spec.required.has(p.name);
      if (!p.optional && !required)
        this.issue(where, "required-in-sdk-only", "non-optional in the SDK, not required in the spec");
      if (p.optional && required)
        this.issue(where, "required-in-spec-only", "optional in the SDK, required in the spec");
      const shape = specShape(schema);
      if (direction === "response" && shape.nullable && !p.optional) {
        this.issue(where, "nullable-but-sdk-non-optional", "the spec allows null; the SDK says it is always there");
      }
      this.value(p.type, shape, where, direction, depth + 1);
    }
    const known = new Set(sdk.map((p) => p.name));
    for (const name of spec.props.keys()) {
      if (!known.has(name)) this.issue(`${at}.${name}`, "missing-in-sdk", "declared by the spec, not by the SDK type");
    }
  }

  value(sdkRaw: ts.Type, spec: SpecShape, at: string, direction: "request" | "response", depth: number) {
    const sdk = sdkShape(sdkRaw);
    const kinds = [...spec.kinds].join("|") || (spec.alternatives.length ? "oneOf" : "none");
    const mismatch = (want: string) =>
      this.issue(at, "kind", `SDK ${want} (${checker.typeToString(sdkRaw)}), spec ${kinds}`);
    switch (sdk.kind) {
      case "any":
        return;
      case "string":
      case "number":
      case "boolean":
        if (spec.kinds.size !== 1 || !spec.kinds.has(sdk.kind)) return mismatch(sdk.kind);
        if (sdk.kind === "string" && sdk.literals) {
          const want = [...sdk.literals].sort();
          const got = [...(spec.literals ?? [])].sort();
          if (JSON.stringify(want) !== JSON.stringify(got))
            this.issue(at, "literals", `SDK ${want.join("|")}, spec ${got.join("|") || "(no enum)"}`);
        }
        return;
      case "array":
        if (spec.kinds.size !== 1 || !spec.kinds.has("array") || !spec.items) return mismatch("array");
        if (depth < MAX_DEPTH) this.value(sdk.element, specShape(spec.items), `${at}[]`, direction, depth);
        return;
      case "record":
        if (!isOpenObject(spec)) return mismatch("Record<string, …>");
        if (sdkShape(sdk.value).kind !== "any") {
          if (typeof spec.additional !== "object") return mismatch("Record<string, T>");
          if (depth < MAX_DEPTH) this.value(sdk.value, specShape(spec.additional), `${at}{}`, direction, depth);
        }
        return;
      case "object":
        if (!spec.kinds.has("object") || spec.props.size === 0) return mismatch("object");
        if (depth < MAX_DEPTH) this.props(sdk.props, spec, at, direction, depth);
        return;
      case "union":
        return this.union(sdk.members, spec, at, direction, depth);
      default:
        return mismatch(sdk.text);
    }
  }

  /** An SDK union of `{filter_name: "…", filter_value: …}` objects vs. a spec `oneOf`, matched on `filter_name`. */
  private union(members: ts.Type[], spec: SpecShape, at: string, direction: "request" | "response", depth: number) {
    if (spec.alternatives.length === 0)
      return this.issue(at, "kind", `SDK union of objects, spec ${[...spec.kinds].join("|")}`);
    const discriminator = (props: SdkProp[]) => {
      const p = props.find((q) => q.name === "filter_name");
      const shape = p && sdkShape(p.type);
      return shape?.kind === "string" && shape.literals?.length === 1 ? shape.literals[0] : undefined;
    };
    const specByName = new Map<string, SpecShape>();
    for (const alternative of spec.alternatives) {
      const shape = specShape(alternative);
      const name = shape.props.get("filter_name") && specShape(shape.props.get("filter_name")!).literals;
      if (name?.length !== 1) return this.issue(at, "kind", "a oneOf alternative without a single filter_name const");
      specByName.set(name[0]!, shape);
    }
    const seen = new Set<string>();
    for (const member of members) {
      const props = sdkProps(member);
      const name = discriminator(props) ?? "(any filter_name)";
      if (seen.has(name)) continue; // e.g. member_emails is in both OrganizationSearchOperand and MemberSearchOperand
      seen.add(name);
      const shape = specByName.get(name);
      if (!shape) {
        this.issue(at, "operand-missing-in-spec", `filter_name ${name}`);
        continue;
      }
      this.props(props, shape, `${at}<${name}>`, direction, depth);
    }
    for (const name of specByName.keys()) {
      if (!seen.has(name)) this.issue(at, "operand-missing-in-sdk", `filter_name ${name}`);
    }
  }
}

/** The request as the SDK sees it: the JSON body's properties plus the path and query parameters, as one object. */
function specRequest(path: string, method: string): SpecShape {
  const item = spec.paths[path]!;
  const op = item[method]!;
  const shape: SpecShape = {
    kinds: new Set(["object"]),
    nullable: false,
    props: new Map(),
    required: new Set(),
    alternatives: [],
  };
  const requestBody = op.requestBody as Json | undefined;
  const bodySchema = (requestBody?.content as Record<string, Json> | undefined)?.["application/json"]?.schema as
    | Json
    | undefined;
  if (bodySchema) {
    const b = specShape(bodySchema);
    // A path id repeated in the body (`x-echoed-path-parameter`, accepted for the Python and Go SDKs) is the path
    // parameter itself as the SDK sees it: compared once, as the parameter.
    for (const [name, prop] of b.props) if (!deref(prop)["x-echoed-path-parameter"]) shape.props.set(name, prop);
    // A property `required` in an optional body is not required of the call: the body may be left out.
    if (requestBody!.required === true) for (const name of b.required) shape.required.add(name);
  }
  const params = [...((item.parameters as Json[] | undefined) ?? []), ...((op.parameters as Json[] | undefined) ?? [])];
  for (const p of params.map((x) => deref(x))) {
    if (p.in !== "path" && p.in !== "query") continue;
    const name = p.name as string;
    if (shape.props.has(name)) throw new Error(`${method} ${path}: ${name} is both a body property and a parameter`);
    shape.props.set(name, p.schema as Json);
    if (p.required === true || p.in === "path") shape.required.add(name);
  }
  return shape;
}

function specResponse(path: string, method: string): SpecShape {
  const ok = (spec.paths[path]![method]!.responses as Record<string, Json>)["200"]!;
  const content = deref(ok).content as Record<string, Json>;
  return specShape(content["application/json"]!.schema as Json);
}

export function compareOperation(operationId: string): Comparison {
  const op = specOperations().get(operationId);
  if (!op) throw new Error(`no operation ${operationId} in the spec`);
  const [request, response] = SDK_TYPES[operationId]!;
  const c = new Comparison(operationId);
  c.props(sdkProps(sdkType(request)), specRequest(op.path, op.method), "request ", "request", 0);
  c.props(sdkProps(sdkType(response)), specResponse(op.path, op.method), "response ", "response", 0);
  return c;
}

/**
 * Ajv's errors as the validator's violations: where (`body.email`, `query.limit`, `path.user_id`), what, and which
 * kind of drift they are (the drift proxy groups by it), with a JSON pointer into the part they name.
 * @example
 * if (!validate(body)) return violations(validate.errors, "body"); // [{ location: "body.email", message: "must match format \"email\"", … }]
 */
import type { ErrorObject } from "ajv/dist/2020.js";
import { kindOf, toPointer, type DriftKind } from "../drift/findings.js";

/** A violation of the spec: where (`path.user_id`, `body.email`, `query.limit`) and what. */
export interface Violation {
  location: string;
  message: string;
  /** What kind of drift it is (`unknown_field`, `missing_required_field`, …); the drift proxy groups by it. */
  kind?: DriftKind;
  /** JSON pointer within the part named by `location`'s first word (`/name/first_name` of `body.name.first_name`). */
  pointer?: string;
}

/**
 * Ajv's errors as violations. Where a `oneOf`/`anyOf` failed, its own error stands for the branches' (each
 * branch's errors are noise: the value matched none of them).
 * @example
 * violations(compiled.params.errors, ""); // [{ location: "query.limit", message: "must be <= 1000", … }]
 */
export function violations(errors: ErrorObject[] | null | undefined, prefix: string): Violation[] {
  const list = errors ?? [];
  const unions = list.filter((e) => e.keyword === "oneOf" || e.keyword === "anyOf").map((e) => `${e.schemaPath}/`);
  const kept = list.filter((e) => !unions.some((u) => e.schemaPath.startsWith(u)));
  return kept.length > 0
    ? kept.map((e) => toViolation(e, prefix))
    : [{ location: prefix || "request", message: "is invalid", kind: "wrong_type_or_format", pointer: "" }];
}

/** `body/name/first_name must be string` → `{ location: "body.name.first_name", message: "must be string" }`. */
function toViolation(error: ErrorObject, prefix: string): Violation {
  const pointer = error.instancePath
    .split("/")
    .slice(1)
    .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
  if (error.keyword === "required") pointer.push((error.params as { missingProperty: string }).missingProperty);
  if (error.keyword === "additionalProperties" || error.keyword === "unevaluatedProperties") {
    const extra = error.params as { additionalProperty?: string; unevaluatedProperty?: string };
    pointer.push(extra.additionalProperty ?? extra.unevaluatedProperty ?? "");
  }
  const location = [prefix, ...pointer].filter((p) => p !== "").join(".") || "request";
  // Parameters are checked as `{ path, query, header }`: their first segment is the location's, not the pointer's.
  const within = prefix === "" ? pointer.slice(1) : pointer;
  const message =
    error.keyword === "required"
      ? "is required"
      : error.keyword === "additionalProperties" || error.keyword === "unevaluatedProperties"
        ? "is not a field of this request"
        : (error.message ?? "is invalid");
  return { location, message, kind: kindOf(error.keyword), pointer: toPointer(within) };
}

/** The known, deliberate differences between the official SDK's types and the spec (test/vendor/sdk-types.test.ts). */

/** What a comparison can find. */
export type IssueCode =
  | "missing-in-spec" // the SDK declares the property, the spec does not
  | "missing-in-sdk" // the spec declares the property, the SDK type does not
  | "required-in-sdk-only" // non-optional in the SDK, not `required` in the spec
  | "required-in-spec-only" // optional in the SDK, `required` in the spec
  | "nullable-but-sdk-non-optional" // a response field the spec allows to be null, which the SDK says is always there
  | "kind" // string / number / boolean / array / object disagree
  | "literals" // a closed union of string literals in the SDK vs the spec's enum/const
  | "operand-missing-in-spec" // a member of an SDK operand union with no `oneOf` alternative in the spec
  | "operand-missing-in-sdk"; // a `oneOf` alternative in the spec with no member of the SDK union

export interface Issue {
  operationId: string;
  /** `request` or `response`, then the property path, e.g. `response .user.emails[].email_id`. */
  at: string;
  code: IssueCode;
  detail: string;
}

/**
 * Known, deliberate deviations, each documented in openapi/NOTES-*.md. Matched on operation, path and code; an entry
 * that matches nothing fails the suite, so this list cannot go stale.
 */
export const ALLOWED: { operations: string[]; at: string; code: IssueCode; details?: string[]; reason: string }[] = [
  {
    operations: ["searchUsers", "searchMembers", "searchOrganizations", "searchConnectedAppClients"],
    at: "response .results_metadata.next_cursor",
    code: "required-in-spec-only",
    reason:
      "the shared ResultsMetadata always sends next_cursor, null on the last page (NOTES-users, NOTES-connected-apps)",
  },
  {
    operations: ["searchUsers"],
    at: "request .query.operands[]",
    code: "operand-missing-in-spec",
    details: ["filter_name (any filter_name)"],
    reason:
      "the SDK's catch-all {filter_name: string, …} operand is left out on purpose, so Prism flags unknown filters (NOTES-users)",
  },
  {
    operations: ["searchMembers"],
    at: "request .query.operands[]",
    code: "operand-missing-in-spec",
    details: [
      ...[
        "organization_ids",
        "organization_slugs",
        "organization_name_fuzzy",
        "organization_slug_fuzzy",
        "allowed_domains",
      ],
      ...["allowed_domain_fuzzy", "claimed_email_domains", "has_active_sso_connection", "sso_connection_id"],
      "(any filter_name)",
    ].map((name) => `filter_name ${name}`),
    reason:
      "SearchQueryOperand also admits the organization-search operands and a catch-all; only the 7 member filters are modelled (NOTES-members)",
  },
  {
    operations: ["searchOrganizations"],
    at: "request .query.operands[]",
    code: "operand-missing-in-spec",
    details: [
      ...["member_ids", "member_is_breakglass", "statuses", "member_phone_numbers", "member_phone_number_fuzzy"],
      "(any filter_name)",
    ].map((name) => `filter_name ${name}`),
    reason:
      "the shared SearchQueryOperand also admits the member-only operands and a catch-all; only the 11 of OrganizationSearchOperand are modelled (NOTES-organizations)",
  },
  {
    operations: ["getOrganizationConnectedApp"],
    at: "response .request_id",
    code: "missing-in-sdk",
    reason:
      "the Node SDK's type lacks request_id; every answer carries one and the Python SDK's model requires it (issue 15, NOTES-organizations)",
  },
];

/** Whether a difference is on the allow list. */
export const allowed = (i: Issue) =>
  ALLOWED.some(
    (a) =>
      a.operations.includes(i.operationId) &&
      a.at === i.at &&
      a.code === i.code &&
      (!a.details || a.details.includes(i.detail)),
  );

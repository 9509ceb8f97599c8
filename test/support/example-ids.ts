/**
 * The ids the spec's examples share (see openapi/README.md), so that test calls address the same user, member,
 * organization and client as the mock's answers.
 */
export const USER_ID = "user-test-16d9ba61-97a1-4ba4-9720-b03761dc50c6";
export const ORGANIZATION_ID = "organization-test-07971b06-ac8b-4cdb-9c15-63b17e653931";
export const MEMBER_ID = "member-test-32fc5024-9c09-4da3-bd2e-c9ce4da9375f";
export const CONNECTED_APP_ID = "connected-app-test-d731954d-dab3-4a2b-bdee-07f3ad1be885";

/** Member-session options as the official SDK takes them: a session token, or a session JWT. */
export const SESSION_TOKEN = { authorization: { session_token: "mZAYn5aLEqKUlZ_Ad9U_fWr38GaAQ1oFAhT8ds245v7Q" } };
export const SESSION_JWT = { authorization: { session_jwt: "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJtZW1iZXIifQ.c2ln" } };

/**
 * The emulator's own endpoints, under `/__fake/` (a prefix no API path can reach: paths are decoded once and
 * `.`/`..` segments refused): `POST /__fake/reset`, `GET /__fake/snapshot` and `POST /__fake/sessions`, which mints
 * a member session (see openapi/NOTES-emulator.md). The pipeline checks the credentials before it calls them.
 * @example
 * const admin = createAdmin(fake, limits, options.onChange);
 * await admin("POST", ["reset"], req, res);
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { StytchFake } from "stytch-openapi/fake";
import { FakeError, invalid } from "../fake/context.js";
import { newRequestId, parseJsonBody, type Limits } from "./http.js";
import { cors, readBody, send } from "./io.js";

/** The first segment of every admin path. */
export const ADMIN = "__fake";

/** Answers one admin request; `rest` is the decoded path after `/__fake/`. */
export type AdminHandler = (method: string, rest: string[], req: IncomingMessage, res: ServerResponse) => Promise<void>;

/**
 * The handler of the admin endpoints over `fake`; `onChange` hears of a reset (a change of state to save).
 * @example
 * const admin = createAdmin(fake, DEFAULT_LIMITS);
 */
export function createAdmin(fake: StytchFake, limits: Limits, onChange?: () => void): AdminHandler {
  return async (method, rest, req, res) => {
    const name = rest.join("/");
    const text = await readBody(req, limits.bodyBytes);
    if (name === "sessions" && method === "POST") {
      const body = parseJsonBody(text, limits.depth);
      if (typeof body !== "object" || body === null || Array.isArray(body))
        throw invalid("The body must be a JSON object: { member_id, organization_id, expires_in_minutes? }.");
      let minted: Awaited<ReturnType<StytchFake["sessions"]["mint"]>>;
      try {
        minted = await fake.sessions.mint(body as Parameters<StytchFake["sessions"]["mint"]>[0]);
      } catch (error) {
        // Read by shape, not `instanceof`: the built emulator imports the fake by the package's name, whose FakeError
        // is another copy of the class than the one imported here.
        const e = error as { status?: number; error_type?: string; message: string };
        if (typeof e.status === "number" && typeof e.error_type === "string")
          throw new FakeError(e.status, e.error_type, e.message);
        throw error;
      }
      return send(res, 200, JSON.stringify({ ...minted, request_id: newRequestId(), status_code: 200 }), cors(req));
    }
    if (name === "reset" && method === "POST") {
      fake.reset();
      onChange?.();
      return send(res, 200, JSON.stringify({ reset: true }), cors(req));
    }
    if (name === "snapshot" && method === "GET") return send(res, 200, JSON.stringify(fake.snapshot()), cors(req));
    throw new FakeError(
      404,
      "route_not_found",
      "The route provided is not supported: the emulator's own endpoints are POST /__fake/reset, GET /__fake/snapshot and POST /__fake/sessions.",
    );
  };
}

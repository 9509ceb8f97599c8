import {
  areaRoute,
  FakeError,
  invalid,
  notFound,
  type Context,
  type FakeRequest,
  type Ok,
  type Route,
  type S,
} from "./area.js";
import { dropGrants } from "./grants.js";
import { page } from "./search.js";
import type { ClientRecord } from "./store.js";

type Client = S["ConnectedAppClient"];

const TYPES = ["first_party", "first_party_public", "third_party", "third_party_public"];
const isPublic = (client: Client) => client.client_type.endsWith("_public");
const lastFour = (secret: string | null) => (secret ? secret.slice(-4) : null);

/** A complete client record from a partial client (the `data` option); confidential clients get a secret. */
export function buildClient(ctx: Context, partial: Partial<Client> = {}): ClientRecord {
  const client: Client = {
    client_id: ctx.id("connected-app"),
    client_name: "",
    client_description: "",
    status: "active",
    full_access_allowed: false,
    client_type: "first_party",
    redirect_urls: [],
    access_token_expiry_minutes: 60,
    access_token_template_content: "",
    post_logout_redirect_urls: [],
    bypass_consent_for_offline_access: false,
    creation_method: "api",
    id_token_template_content: "",
    client_secret_last_four: null,
    next_client_secret_last_four: null,
    access_token_custom_audience: null,
    logo_url: null,
    ...partial,
  };
  const secret = isPublic(client) ? null : newSecret(ctx);
  client.client_secret_last_four = lastFour(secret);
  return { client, secret, next_secret: null };
}

function newSecret(ctx: Context): string {
  return `fake-client-secret-${ctx.token(40)}`;
}

function find(ctx: Context, id: string): Readonly<ClientRecord> {
  return ctx.store.clients.getOr(id, () => notFound("connected_app_not_found", "Connected app"));
}

/** The client to change (journaled by the store), or a 404. */
function edit(ctx: Context, id: string): ClientRecord {
  return ctx.store.clients.edit(find(ctx, id).client.client_id);
}

/** The fields an update may change, from the body (`client_type`, ids and secrets are not among them). */
function settings(body: S["UpdateConnectedAppClientRequest"]): Partial<Client> {
  const out: Partial<Client> = {};
  for (const key of [
    "client_name",
    "client_description",
    "redirect_urls",
    "full_access_allowed",
    "access_token_expiry_minutes",
    "access_token_custom_audience",
    "access_token_template_content",
    "post_logout_redirect_urls",
    "logo_url",
    "bypass_consent_for_offline_access",
    "id_token_template_content",
  ] as const) {
    if (body[key] !== undefined) (out as Record<string, unknown>)[key] = body[key];
  }
  return out;
}

function create(ctx: Context, { body }: FakeRequest): Ok<S["CreateConnectedAppClientResponse"]> {
  const req = body as S["CreateConnectedAppClientRequest"];
  if (!TYPES.includes(req.client_type)) throw invalid(`client_type must be one of ${TYPES.join(", ")}.`, "client_type");
  const record = buildClient(ctx, { client_type: req.client_type, ...settings(req) });
  ctx.store.clients.insert(record);
  // The only answer that carries the secret in full.
  const { creation_method: _, ...client } = record.client;
  return { connected_app: { ...client, client_secret: record.secret } };
}

function search(ctx: Context, { body }: FakeRequest): Ok<S["SearchConnectedAppClientsResponse"]> {
  const req = body as S["SearchConnectedAppClientsRequest"];
  const all = [...ctx.store.clients.values()].map((r) => r.client);
  const { results, results_metadata } = page(
    { idOf: (c) => c.client_id, seqOf: (id) => ctx.store.clients.seqOf(id) },
    all,
    req,
  );
  return { connected_apps: results, results_metadata };
}

function update(ctx: Context, { params, body }: FakeRequest): Ok<S["UpdateConnectedAppClientResponse"]> {
  const record = edit(ctx, params.client_id!);
  Object.assign(record.client, settings(body as S["UpdateConnectedAppClientRequest"]));
  return { connected_app: record.client };
}

function remove(ctx: Context, { params }: FakeRequest): Ok<S["DeleteConnectedAppClientResponse"]> {
  const record = find(ctx, params.client_id!);
  ctx.store.clients.delete(record.client.client_id);
  dropGrants(ctx.store, (g) => g.connected_app_id === record.client.client_id);
  return { client_id: record.client.client_id };
}

function confidential(record: Readonly<ClientRecord>): void {
  // Source: stytch-android StytchAPIErrorType.kt (Stytch's list of API error types) — `public_idp_clients_do_not_have_secrets`.
  if (isPublic(record.client) || record.secret === null) {
    throw new FakeError(
      400,
      "public_idp_clients_do_not_have_secrets",
      "Public connected apps have no client secret to rotate.",
    );
  }
}

function inRotation(record: Readonly<ClientRecord>): string {
  // Source: stytch-android StytchAPIErrorType.kt — `idp_client_not_rotating_secret` (the list has no
  // `no_secret_rotation_in_progress`).
  if (record.next_secret === null) {
    throw new FakeError(400, "idp_client_not_rotating_secret", "No client secret rotation is in progress.");
  }
  return record.next_secret;
}

function rotateStart(ctx: Context, { params }: FakeRequest): Ok<S["StartConnectedAppClientSecretRotationResponse"]> {
  const record = edit(ctx, params.client_id!);
  confidential(record);
  // Source: stytch-android StytchAPIErrorType.kt — `idp_client_already_rotating_secret`: a second start during a
  // rotation is refused (the next secret is not replaced); cancel first to restart.
  if (record.next_secret !== null) {
    throw new FakeError(400, "idp_client_already_rotating_secret", "A client secret rotation is already in progress.");
  }
  record.next_secret = newSecret(ctx);
  record.client.next_client_secret_last_four = lastFour(record.next_secret);
  const { creation_method: _, ...client } = record.client;
  return {
    connected_app: {
      ...client,
      client_secret_last_four: client.client_secret_last_four ?? "",
      next_client_secret: record.next_secret,
    },
  };
}

function rotateCancel(ctx: Context, { params }: FakeRequest): Ok<S["CancelConnectedAppClientSecretRotationResponse"]> {
  const record = edit(ctx, params.client_id!);
  confidential(record);
  inRotation(record);
  record.next_secret = null;
  record.client.next_client_secret_last_four = null;
  return { connected_app: record.client };
}

function rotate(ctx: Context, { params }: FakeRequest): Ok<S["RotateConnectedAppClientSecretResponse"]> {
  const record = edit(ctx, params.client_id!);
  confidential(record);
  record.secret = inRotation(record);
  record.next_secret = null;
  record.client.client_secret_last_four = lastFour(record.secret);
  record.client.next_client_secret_last_four = null;
  return { connected_app: record.client };
}

const route = areaRoute("connected_app_not_found");

/** The Connected Apps client operations. */
export const connectedAppRoutes: Route[] = [
  route("createConnectedAppClient", create),
  route("searchConnectedAppClients", search),
  route("getConnectedAppClient", (ctx, { params }) => ({ connected_app: find(ctx, params.client_id!).client })),
  route("updateConnectedAppClient", update),
  route("deleteConnectedAppClient", remove),
  route("startConnectedAppClientSecretRotation", rotateStart),
  route("cancelConnectedAppClientSecretRotation", rotateCancel),
  route("rotateConnectedAppClientSecret", rotate),
];

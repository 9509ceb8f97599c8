// The official Node SDK's TypeScript types (npm `stytch`, `types/lib/**.d.ts`) read with the TypeScript compiler
// API: which request and response interface each of our operations has, and their properties, optional-ness, kinds
// and string literals. Used by test/vendor/sdk-types.test.ts (the spec vs the SDK, field by field) and by
// `npm run spec:upstream` (which side of a difference between our description and Stytch's the SDK agrees with).
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { root } from "./run.mjs";

const ts = createRequire(import.meta.url)("typescript");

/** operationId → [SDK request type, SDK response type], as the SDK's method signatures declare them. */
export const SDK_TYPES = {
  // B2C Users (client.users.*)
  createUser: ["UsersCreateRequest", "UsersCreateResponse"],
  getUser: ["UsersGetRequest", "UsersGetResponse"],
  searchUsers: ["UsersSearchRequest", "UsersSearchResponse"],
  updateUser: ["UsersUpdateRequest", "UsersUpdateResponse"],
  exchangeUserPrimaryFactor: ["UsersExchangePrimaryFactorRequest", "UsersExchangePrimaryFactorResponse"],
  deleteUser: ["UsersDeleteRequest", "UsersDeleteResponse"],
  deleteUserEmail: ["UsersDeleteEmailRequest", "UsersDeleteEmailResponse"],
  deleteUserPhoneNumber: ["UsersDeletePhoneNumberRequest", "UsersDeletePhoneNumberResponse"],
  deleteUserWebAuthnRegistration: ["UsersDeleteWebAuthnRegistrationRequest", "UsersDeleteWebAuthnRegistrationResponse"],
  deleteUserBiometricRegistration: ["UsersDeleteBiometricRegistrationRequest", "UsersDeleteBiometricRegistrationResponse"],
  deleteUserTotp: ["UsersDeleteTOTPRequest", "UsersDeleteTOTPResponse"],
  deleteUserCryptoWallet: ["UsersDeleteCryptoWalletRequest", "UsersDeleteCryptoWalletResponse"],
  deleteUserPassword: ["UsersDeletePasswordRequest", "UsersDeletePasswordResponse"],
  deleteUserOAuthRegistration: ["UsersDeleteOAuthRegistrationRequest", "UsersDeleteOAuthRegistrationResponse"],
  deleteUserExternalId: ["UsersDeleteExternalIdRequest", "UsersDeleteExternalIdResponse"],
  getUserConnectedApps: ["UsersConnectedAppsRequest", "UsersConnectedAppsResponse"],
  revokeUserConnectedApp: ["UsersRevokeRequest", "UsersRevokeResponse"],

  // B2B Organization Members (b2bClient.organizations.members.*)
  createMember: ["B2BOrganizationsMembersCreateRequest", "B2BOrganizationsMembersCreateResponse"],
  getMember: ["B2BOrganizationsMembersGetRequest", "B2BOrganizationsMembersGetResponse"],
  // dangerouslyGet(params: …DangerouslyGetRequest): Promise<B2BOrganizationsMembersGetResponse>
  dangerouslyGetMember: ["B2BOrganizationsMembersDangerouslyGetRequest", "B2BOrganizationsMembersGetResponse"],
  searchMembers: ["B2BOrganizationsMembersSearchRequest", "B2BOrganizationsMembersSearchResponse"],
  updateMember: ["B2BOrganizationsMembersUpdateRequest", "B2BOrganizationsMembersUpdateResponse"],
  deleteMember: ["B2BOrganizationsMembersDeleteRequest", "B2BOrganizationsMembersDeleteResponse"],
  reactivateMember: ["B2BOrganizationsMembersReactivateRequest", "B2BOrganizationsMembersReactivateResponse"],
  deleteMemberMfaPhoneNumber: ["B2BOrganizationsMembersDeleteMFAPhoneNumberRequest", "B2BOrganizationsMembersDeleteMFAPhoneNumberResponse"],
  deleteMemberTotp: ["B2BOrganizationsMembersDeleteTOTPRequest", "B2BOrganizationsMembersDeleteTOTPResponse"],
  deleteMemberPassword: ["B2BOrganizationsMembersDeletePasswordRequest", "B2BOrganizationsMembersDeletePasswordResponse"],
  getMemberOidcProviders: ["B2BOrganizationsMembersOIDCProviderInformationRequest", "B2BOrganizationsMembersOIDCProvidersResponse"],
  unlinkMemberRetiredEmail: ["B2BOrganizationsMembersUnlinkRetiredEmailRequest", "B2BOrganizationsMembersUnlinkRetiredEmailResponse"],
  startMemberEmailUpdate: ["B2BOrganizationsMembersStartEmailUpdateRequest", "B2BOrganizationsMembersStartEmailUpdateResponse"],
  getMemberConnectedApps: ["B2BOrganizationsMembersGetConnectedAppsRequest", "B2BOrganizationsMembersGetConnectedAppsResponse"],
  deleteMemberExternalId: ["B2BOrganizationsMembersDeleteExternalIdRequest", "B2BOrganizationsMembersDeleteExternalIdResponse"],
  getMemberGoogleOAuthProvider: ["B2BOrganizationsMembersOAuthProvidersProviderInformationRequest", "B2BOrganizationsMembersOAuthProvidersGoogleResponse"],
  getMemberMicrosoftOAuthProvider: ["B2BOrganizationsMembersOAuthProvidersProviderInformationRequest", "B2BOrganizationsMembersOAuthProvidersMicrosoftResponse"],
  getMemberSlackOAuthProvider: ["B2BOrganizationsMembersOAuthProvidersSlackRequest", "B2BOrganizationsMembersOAuthProvidersSlackResponse"],
  getMemberHubspotOAuthProvider: ["B2BOrganizationsMembersOAuthProvidersProviderInformationRequest", "B2BOrganizationsMembersOAuthProvidersHubspotResponse"],
  getMemberGithubOAuthProvider: ["B2BOrganizationsMembersOAuthProvidersProviderInformationRequest", "B2BOrganizationsMembersOAuthProvidersGithubResponse"],
  revokeMemberConnectedApp: ["B2BOrganizationsMembersConnectedAppsRevokeRequest", "B2BOrganizationsMembersConnectedAppsRevokeResponse"],

  // B2B Organizations (b2bClient.organizations.*)
  createOrganization: ["B2BOrganizationsCreateRequest", "B2BOrganizationsCreateResponse"],
  getOrganization: ["B2BOrganizationsGetRequest", "B2BOrganizationsGetResponse"],
  updateOrganization: ["B2BOrganizationsUpdateRequest", "B2BOrganizationsUpdateResponse"],
  deleteOrganization: ["B2BOrganizationsDeleteRequest", "B2BOrganizationsDeleteResponse"],
  searchOrganizations: ["B2BOrganizationsSearchRequest", "B2BOrganizationsSearchResponse"],
  getOrganizationMetrics: ["B2BOrganizationsMetricsRequest", "B2BOrganizationsMetricsResponse"],
  getOrganizationConnectedApps: ["B2BOrganizationsConnectedAppsRequest", "B2BOrganizationsConnectedAppsResponse"],
  getOrganizationConnectedApp: ["B2BOrganizationsGetConnectedAppRequest", "B2BOrganizationsGetConnectedAppResponse"],
  deleteOrganizationExternalId: ["B2BOrganizationsDeleteExternalIdRequest", "B2BOrganizationsDeleteExternalIdResponse"],

  // Connected Apps clients (client.connectedApp.clients.*)
  createConnectedAppClient: ["ConnectedAppsClientsCreateRequest", "ConnectedAppsClientsCreateResponse"],
  getConnectedAppClient: ["ConnectedAppsClientsGetRequest", "ConnectedAppsClientsGetResponse"],
  updateConnectedAppClient: ["ConnectedAppsClientsUpdateRequest", "ConnectedAppsClientsUpdateResponse"],
  deleteConnectedAppClient: ["ConnectedAppsClientsDeleteRequest", "ConnectedAppsClientsDeleteResponse"],
  searchConnectedAppClients: ["ConnectedAppsClientsSearchRequest", "ConnectedAppsClientsSearchResponse"],
  startConnectedAppClientSecretRotation: ["ConnectedAppsClientsSecretsRotateStartRequest", "ConnectedAppsClientsSecretsRotateStartResponse"],
  cancelConnectedAppClientSecretRotation: ["ConnectedAppsClientsSecretsRotateCancelRequest", "ConnectedAppsClientsSecretsRotateCancelResponse"],
  rotateConnectedAppClientSecret: ["ConnectedAppsClientsSecretsRotateRequest", "ConnectedAppsClientsSecretsRotateResponse"],
};

export const sdkIndex = `${root}node_modules/stytch/types/lib/index.d.ts`;
const program = ts.createProgram([sdkIndex], {
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  types: [],
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.CommonJS,
  moduleResolution: ts.ModuleResolutionKind.Node10,
});
export const checker = program.getTypeChecker();

/** Every type the SDK exports, by name (aliases resolved). */
export const sdkExports = new Map();
{
  const source = program.getSourceFile(sdkIndex);
  const moduleSymbol = source && checker.getSymbolAtLocation(source);
  if (!moduleSymbol) throw new Error(`cannot load ${sdkIndex}`);
  for (const symbol of checker.getExportsOfModule(moduleSymbol)) {
    sdkExports.set(symbol.name, symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol);
  }
}

/** The declared type of an SDK export; throws when the SDK exports no such type. */
export function sdkType(name) {
  const symbol = sdkExports.get(name);
  if (!symbol) throw new Error(`the SDK exports no type ${name}`);
  return checker.getDeclaredTypeOfSymbol(symbol);
}

/**
 * The properties of an SDK type. Members declared in a class are left out: `connected_apps.d.ts` declares both
 * `interface ConnectedApp` (the wire object) and `class ConnectedApp` (the API namespace), and TypeScript merges the
 * class's `fetchConfig` and `clients` into the interface.
 */
export function sdkProps(type) {
  const wire = (symbol) => !(symbol.declarations ?? []).every((d) => ts.isClassLike(d.parent));
  return checker.getPropertiesOfType(type).filter(wire).map((symbol) => ({
    name: symbol.name,
    optional: (symbol.flags & ts.SymbolFlags.Optional) !== 0,
    type: checker.getTypeOfSymbol(symbol),
  }));
}

/** Whether an SDK type admits `null` (`string | null`). */
export function sdkNullable(type) {
  const isNull = (t) => (t.flags & ts.TypeFlags.Null) !== 0;
  return isNull(type) || (type.isUnion() && type.types.some(isNull));
}

/** An SDK type reduced to what is compared: any, string (with its literals when closed), number, boolean, array, record, object, union of objects. */
export function sdkShape(raw) {
  const type = checker.getNonNullableType(raw);
  const f = type.flags;
  if (f & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return { kind: "any" };
  if (f & ts.TypeFlags.StringLiteral) return { kind: "string", literals: [type.value] };
  if (f & ts.TypeFlags.String) return { kind: "string" };
  if (f & (ts.TypeFlags.Number | ts.TypeFlags.NumberLiteral)) return { kind: "number" };
  if (f & (ts.TypeFlags.Boolean | ts.TypeFlags.BooleanLiteral)) return { kind: "boolean" };
  if (type.isUnion()) {
    const members = type.types.map(sdkShape);
    if (members.every((m) => m.kind === "string")) {
      const closed = members.every((m) => m.literals);
      return closed ? { kind: "string", literals: members.flatMap((m) => m.literals) } : { kind: "string" };
    }
    if (members.every((m) => m.kind === "object")) return { kind: "union", members: type.types };
    return { kind: "other", text: checker.typeToString(type) };
  }
  if (checker.isArrayType(type)) return { kind: "array", element: checker.getTypeArguments(type)[0] };
  if (f & ts.TypeFlags.Object) {
    const props = sdkProps(type);
    const index = checker.getIndexInfoOfType(type, ts.IndexKind.String);
    if (props.length === 0 && index) return { kind: "record", value: index.type };
    return { kind: "object", props };
  }
  return { kind: "other", text: checker.typeToString(type) };
}

/** The `filter_name` literal of an operand object of a search query union, or undefined. */
export function operandName(props) {
  const p = props.find((q) => q.name === "filter_name");
  const shape = p && sdkShape(p.type);
  return shape?.kind === "string" && shape.literals?.length === 1 ? shape.literals[0] : undefined;
}

const MAX_DEPTH = 8;

/**
 * Every field of an SDK type, flattened: a map from a field path (`.user.emails[].email_id`, `.query.operands[]<status>.filter_value`,
 * `.trusted_metadata{}` for a record's values) to { kind, optional, nullable, literals? }. An object member of a
 * union is named by its `filter_name` literal, `(any filter_name)` for the SDK's catch-all operand.
 */
export function sdkFields(typeName) {
  const fields = new Map();
  const walk = (props, at, depth) => {
    for (const p of props) {
      const where = `${at}.${p.name}`;
      const shape = sdkShape(p.type);
      const nullable = sdkNullable(p.type);
      fields.set(where, { kind: shape.kind === "record" ? "object" : shape.kind === "union" ? "object" : shape.kind, optional: p.optional, nullable, literals: shape.literals });
      if (depth >= MAX_DEPTH) continue;
      value(shape, where, depth + 1);
    }
  };
  const value = (shape, where, depth) => {
    if (shape.kind === "object") walk(shape.props, where, depth);
    else if (shape.kind === "array") {
      const element = sdkShape(shape.element);
      if (element.kind === "object") walk(element.props, `${where}[]`, depth);
      else if (element.kind === "union") value(element, `${where}[]`, depth);
    } else if (shape.kind === "union") {
      for (const member of shape.members) {
        const props = sdkProps(member);
        const at = `${where}<${operandName(props) ?? "(any filter_name)"}>`;
        fields.set(at, { kind: "object", optional: false, nullable: false });
        walk(props, at, depth);
      }
    }
  };
  walk(sdkProps(sdkType(typeName)), "", 0);
  return fields;
}

/**
 * Whether the SDK sends a JSON body, per route (`DELETE /v1/users/{}` → true), read from its compiled code
 * (`node_modules/stytch/dist/**.js`): each call is `request(fetchConfig, { method, url, headers, data | params })`,
 * and `data` is the JSON body (`{}` on every DELETE).
 */
export function sdkSendsBody() {
  const out = new Map();
  const dir = `${root}node_modules/stytch/dist`;
  for (const file of readdirSync(dir, { recursive: true })) {
    if (!String(file).endsWith(".js")) continue;
    const code = readFileSync(`${dir}/${file}`, "utf8");
    for (const m of code.matchAll(/method: "(\w+)",\s*url: `([^`]*)`,\s*headers,?\s*(data|params)?/g)) {
      const path = m[2].replace(/\$\{[^}]*\}/g, "{}");
      out.set(`${m[1]} ${path}`, m[3] === "data");
    }
  }
  return out;
}

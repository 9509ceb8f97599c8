// Which request and response type of the official Node SDK (npm `stytch`) each of our operations has, as the SDK's
// method signatures declare them: the table that test/vendor/sdk-types.test.ts and `npm run spec:upstream` walk
// (scripts/lib/sdk-types.mjs reads the types themselves). A new operation adds its line here: the compiler checks
// the table against the operation table (src/generated/operations.ts), so a missing or misspelt one fails typecheck.

/** @import { OperationId } from "../../src/generated/operations.js" */

/** @satisfies {Record<OperationId, [request: string, response: string]>} */
const TABLE = {
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
  deleteUserBiometricRegistration: [
    "UsersDeleteBiometricRegistrationRequest",
    "UsersDeleteBiometricRegistrationResponse",
  ],
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
  deleteMemberMfaPhoneNumber: [
    "B2BOrganizationsMembersDeleteMFAPhoneNumberRequest",
    "B2BOrganizationsMembersDeleteMFAPhoneNumberResponse",
  ],
  deleteMemberTotp: ["B2BOrganizationsMembersDeleteTOTPRequest", "B2BOrganizationsMembersDeleteTOTPResponse"],
  deleteMemberPassword: [
    "B2BOrganizationsMembersDeletePasswordRequest",
    "B2BOrganizationsMembersDeletePasswordResponse",
  ],
  getMemberOidcProviders: [
    "B2BOrganizationsMembersOIDCProviderInformationRequest",
    "B2BOrganizationsMembersOIDCProvidersResponse",
  ],
  unlinkMemberRetiredEmail: [
    "B2BOrganizationsMembersUnlinkRetiredEmailRequest",
    "B2BOrganizationsMembersUnlinkRetiredEmailResponse",
  ],
  startMemberEmailUpdate: [
    "B2BOrganizationsMembersStartEmailUpdateRequest",
    "B2BOrganizationsMembersStartEmailUpdateResponse",
  ],
  getMemberConnectedApps: [
    "B2BOrganizationsMembersGetConnectedAppsRequest",
    "B2BOrganizationsMembersGetConnectedAppsResponse",
  ],
  deleteMemberExternalId: [
    "B2BOrganizationsMembersDeleteExternalIdRequest",
    "B2BOrganizationsMembersDeleteExternalIdResponse",
  ],
  getMemberGoogleOAuthProvider: [
    "B2BOrganizationsMembersOAuthProvidersProviderInformationRequest",
    "B2BOrganizationsMembersOAuthProvidersGoogleResponse",
  ],
  getMemberMicrosoftOAuthProvider: [
    "B2BOrganizationsMembersOAuthProvidersProviderInformationRequest",
    "B2BOrganizationsMembersOAuthProvidersMicrosoftResponse",
  ],
  getMemberSlackOAuthProvider: [
    "B2BOrganizationsMembersOAuthProvidersSlackRequest",
    "B2BOrganizationsMembersOAuthProvidersSlackResponse",
  ],
  getMemberHubspotOAuthProvider: [
    "B2BOrganizationsMembersOAuthProvidersProviderInformationRequest",
    "B2BOrganizationsMembersOAuthProvidersHubspotResponse",
  ],
  getMemberGithubOAuthProvider: [
    "B2BOrganizationsMembersOAuthProvidersProviderInformationRequest",
    "B2BOrganizationsMembersOAuthProvidersGithubResponse",
  ],
  revokeMemberConnectedApp: [
    "B2BOrganizationsMembersConnectedAppsRevokeRequest",
    "B2BOrganizationsMembersConnectedAppsRevokeResponse",
  ],

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
  startConnectedAppClientSecretRotation: [
    "ConnectedAppsClientsSecretsRotateStartRequest",
    "ConnectedAppsClientsSecretsRotateStartResponse",
  ],
  cancelConnectedAppClientSecretRotation: [
    "ConnectedAppsClientsSecretsRotateCancelRequest",
    "ConnectedAppsClientsSecretsRotateCancelResponse",
  ],
  rotateConnectedAppClientSecret: [
    "ConnectedAppsClientsSecretsRotateRequest",
    "ConnectedAppsClientsSecretsRotateResponse",
  ],
};

/**
 * operationId → [SDK request type, SDK response type], as the SDK's method signatures declare them.
 * @example const [request, response] = SDK_TYPES.getUser; // ["UsersGetRequest", "UsersGetResponse"]
 * @type {Record<string, [request: string, response: string]>}
 */
export const SDK_TYPES = TABLE;

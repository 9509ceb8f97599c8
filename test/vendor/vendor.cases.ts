import type * as stytch from "stytch";
import type { OperationId, operations } from "../../src/generated/operations.js";
import { memberVendorCases } from "./vendor-members.cases.js";
import { organizationVendorCases } from "./vendor-organizations.cases.js";
import { connectedAppVendorCases, userVendorCases } from "./vendor-b2c.cases.js";

/** The official SDK's clients, pointed at the mock through the recording proxy. */
export interface Sdk {
  b2c: stytch.Client;
  b2b: stytch.B2BClient;
}

/** One operation (its method and route are the table's) called through the official Node SDK: with required arguments only, and with every option. */
export interface VendorCase {
  minimal: (sdk: Sdk) => Promise<unknown>;
  full: (sdk: Sdk) => Promise<unknown>;
  /** Whether `full` sends a member session header (operations that accept one). */
  session?: boolean;
}

/** The operationIds of one tag of the spec (one API area). */
export type IdsOf<Tag extends string> = {
  [Id in OperationId]: (typeof operations)[Id]["tag"] extends Tag ? Id : never;
}[OperationId];

/** Every operation of the spec, called through the official Node SDK, keyed by operationId (one missing fails to compile). */
export const vendorCases: Record<OperationId, VendorCase> = {
  ...userVendorCases,
  ...memberVendorCases,
  ...organizationVendorCases,
  ...connectedAppVendorCases,
};

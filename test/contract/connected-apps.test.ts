import { describeContract } from "./describe-contract.js";
import { connectedAppCases } from "./connected-apps.cases.js";

describeContract("connected-apps", connectedAppCases);

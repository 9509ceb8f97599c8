import { describeContract } from "./describe-contract.js";
import { organizationCases } from "./organizations.cases.js";

describeContract("organizations", organizationCases);

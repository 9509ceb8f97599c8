import { describeContract } from "./describe-contract.js";
import { memberCases } from "./members.cases.js";

describeContract("members", memberCases);

import { describeContract } from "./describe-contract.js";
import { userCases } from "./users.cases.js";

describeContract("users", userCases);

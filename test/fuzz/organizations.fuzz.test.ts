import { fuzzArea } from "./fuzz-area.js";

fuzzArea("organizations");

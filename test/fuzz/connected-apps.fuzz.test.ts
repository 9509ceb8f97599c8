import { fuzzArea } from "./fuzz-area.js";

fuzzArea("connectedApp.clients");

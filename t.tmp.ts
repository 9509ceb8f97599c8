export { users } from "./src/wrappers/users.js";
export { members } from "./src/wrappers/members.js";
export { organizations } from "./src/wrappers/organizations.js";
export { connectedAppClients } from "./src/wrappers/connected-apps.js";

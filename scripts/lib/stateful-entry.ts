// What scripts/lib/stateful.mjs compiles: the fake and its Node HTTP adapter.
export { createStytchFake } from "../../src/fake/index.js";
export { serveFake } from "../../src/fake/node-server.js";

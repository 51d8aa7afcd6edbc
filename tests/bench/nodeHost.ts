// For benchmarks that run the access layer in plain Node (node --import tsx): src/ado/clients.ts
// imports azure-devops-extension-sdk, an AMD module that only works inside a frame. Node code uses
// connectToServer and never calls the SDK, so an AMD `define` that ignores the module is enough
// (jest maps the SDK to a mock instead). Import this module before anything from src/ado.
import "../../src/ado/node";

const scope = globalThis as { define?: unknown };
if (typeof scope.define === "undefined") scope.define = () => undefined;

export {};

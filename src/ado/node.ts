// For Node processes (tests against the local host, scripts) that use the REST clients: the
// whatwg-fetch polyfill loaded by azure-devops-extension-api reads the browser global `self`
// when it loads. Import this module before anything that loads the clients.

const scope = globalThis as { self?: unknown };
if (typeof scope.self === "undefined") scope.self = globalThis;

export {};

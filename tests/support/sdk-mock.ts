// Stand-in for azure-devops-extension-sdk in jest (its CommonJS entry is AMD). Tests set the
// configuration and services a frame would receive from the host, and inspect registrations.
type Registrations = Map<string, unknown>;

const state = {
  configuration: {} as Record<string, unknown>,
  services: new Map<string, unknown>(),
  registrations: new Map<string, unknown>() as Registrations,
  loadFailures: [] as unknown[],
  resizes: [] as Array<{ width?: number; height?: number }>,
};

export const sdkMock = {
  reset(): void {
    state.configuration = {};
    state.services.clear();
    state.registrations.clear();
    state.loadFailures = [];
    state.resizes = [];
  },
  setConfiguration(configuration: Record<string, unknown>): void {
    state.configuration = configuration;
  },
  setService(id: string, service: unknown): void {
    state.services.set(id, service);
  },
  registered<T>(id: string): T | undefined {
    return state.registrations.get(id) as T | undefined;
  },
  get loadFailures(): unknown[] {
    return state.loadFailures;
  },
  get resizes(): Array<{ width?: number; height?: number }> {
    return state.resizes;
  },
};

export async function init(): Promise<void> {}
export async function ready(): Promise<void> {}
export async function notifyLoadSucceeded(): Promise<void> {}
export async function notifyLoadFailed(error: unknown): Promise<void> {
  state.loadFailures.push(error);
}
export function getConfiguration(): Record<string, unknown> {
  return state.configuration;
}
export function getContributionId(): string {
  return "mhhs-local.mhhs-test-management.test-contribution";
}
export function getUser() {
  return { id: "user-1", name: "tester@mhhs.local", displayName: "Test User", descriptor: "", imageUrl: "" };
}
export function getHost() {
  return { id: "host", name: "mhhs", serviceVersion: "devhost", type: 4, isHosted: true };
}
export function getExtensionContext() {
  return { id: "mhhs-local.mhhs-test-management", publisherId: "mhhs-local", extensionId: "mhhs-test-management", version: "0.1.0" };
}
export function getWebContext() {
  return { project: { id: "project-1", name: "MHHS Programme" }, team: { id: "team-1", name: "MHHS Programme Team" } };
}
export async function getService<T>(id: string): Promise<T> {
  if (!state.services.has(id)) throw new Error(`sdk-mock: no service registered for ${id}`);
  return state.services.get(id) as T;
}
export function register(id: string, instance: unknown): void {
  state.registrations.set(id, instance);
}
export function unregister(id: string): void {
  state.registrations.delete(id);
}
export async function getAccessToken(): Promise<string> {
  return "test-token";
}
export async function getAppToken(): Promise<string> {
  return "test-app-token";
}
export function resize(width?: number, height?: number): void {
  state.resizes.push({ width, height });
}
export function applyTheme(): void {}

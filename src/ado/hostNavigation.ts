// The host page's address and the signed-in user's own settings: a hub reads its query
// parameters at start and writes them back as the user changes filters (so a reload or a shared
// link shows the same view), and keeps per-user preferences in extension data of the User scope.

import * as SDK from "azure-devops-extension-sdk";
import type { IExtensionDataService, IHostNavigationService } from "azure-devops-extension-api/Common";

const HOST_NAVIGATION_SERVICE = "ms.vss-features.host-navigation-service";
const EXTENSION_DATA_SERVICE = "ms.vss-features.extension-data-service";

/** The query parameters of the host page's address (e.g. ?stage=QT&pivot=defects). */
export async function getHostQueryParams(): Promise<Record<string, string>> {
  const navigation = await SDK.getService<IHostNavigationService>(HOST_NAVIGATION_SERVICE);
  const params = (await navigation.getQueryParams()) ?? {};
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) if (typeof value === "string") out[key] = value;
  return out;
}

/** Writes query parameters into the host page's address without a navigation; an empty value removes the parameter. */
export async function setHostQueryParams(params: Record<string, string>): Promise<void> {
  const navigation = await SDK.getService<IHostNavigationService>(HOST_NAVIGATION_SERVICE);
  navigation.setQueryParams(params);
}

export async function setHostDocumentTitle(title: string): Promise<void> {
  const navigation = await SDK.getService<IHostNavigationService>(HOST_NAVIGATION_SERVICE);
  navigation.setDocumentTitle(title);
}

async function userDataManager() {
  const service = await SDK.getService<IExtensionDataService>(EXTENSION_DATA_SERVICE);
  return service.getExtensionDataManager(SDK.getExtensionContext().id, await SDK.getAccessToken());
}

/** A value the signed-in user saved for this extension, or undefined when there is none. */
export async function loadUserSetting<T>(key: string): Promise<T | undefined> {
  const manager = await userDataManager();
  const value = await manager.getValue<T | undefined>(key, { scopeType: "User", defaultValue: undefined });
  return value === null ? undefined : value;
}

/** Saves a value for the signed-in user only (last write wins: it is nobody else's). */
export async function saveUserSetting<T>(key: string, value: T): Promise<void> {
  const manager = await userDataManager();
  await manager.setValue<T>(key, value, { scopeType: "User" });
}

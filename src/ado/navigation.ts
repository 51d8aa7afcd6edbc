// The host's work item navigation: open a work item, or a new one with values filled in, in the
// host's own work item dialog.

import * as SDK from "azure-devops-extension-sdk";

const NAVIGATION_SERVICE = "ms.vss-work-web.work-item-form-navigation-service";

interface WorkItemNavigation {
  openWorkItem(workItemId: number, openInNewTab?: boolean): Promise<unknown>;
  openNewWorkItem(workItemTypeName: string, initialValues?: Record<string, unknown>): Promise<{ id?: number } | undefined>;
}

/** Opens a new work item with values filled in; the id once the user saves it, undefined if they cancel. */
export async function openNewWorkItem(type: string, initialValues: Record<string, unknown> = {}): Promise<number | undefined> {
  const navigation = await SDK.getService<WorkItemNavigation>(NAVIGATION_SERVICE);
  const saved = await navigation.openNewWorkItem(type, initialValues);
  return typeof saved?.id === "number" && saved.id > 0 ? saved.id : undefined;
}

export async function openWorkItem(id: number, openInNewTab = false): Promise<void> {
  const navigation = await SDK.getService<WorkItemNavigation>(NAVIGATION_SERVICE);
  await navigation.openWorkItem(id, openInNewTab);
}

// SEAM, to move into src/ado next to the work item form service: the work item form navigation
// service, which opens a new work item in the host's dialog. Until src/ado offers it, this is the
// one place outside src/ado that asks the SDK for a host service.

// eslint-disable-next-line no-restricted-imports -- seam until src/ado exposes the navigation service
import * as SDK from "azure-devops-extension-sdk";

const NAVIGATION_SERVICE = "ms.vss-work-web.work-item-form-navigation-service";

interface FormNavigation {
  openNewWorkItem(workItemTypeName: string, initialValues?: Record<string, unknown>): Promise<{ id?: number } | undefined>;
}

/** Opens a new work item with values filled in; the id once the user saves it, undefined if they cancel. */
export async function openNewWorkItem(type: string, initialValues: Record<string, unknown>): Promise<number | undefined> {
  const navigation = await SDK.getService<FormNavigation>(NAVIGATION_SERVICE);
  const saved = await navigation.openNewWorkItem(type, initialValues);
  return typeof saved?.id === "number" && saved.id > 0 ? saved.id : undefined;
}

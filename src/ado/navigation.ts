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

const HOST_NAVIGATION_SERVICE = "ms.vss-features.host-navigation-service";
const LOCATION_SERVICE = "ms.vss-features.location-service";
/** The programme hub's contribution id, relative to the extension. */
export const PROGRAMME_HUB = "programme-hub";

/** The programme hub's pivots a widget can open. */
export type ProgrammeHubPivot = "overview" | "defects" | "exit" | "participants";

export interface ProgrammeHubFilters {
  stage?: string;
  cycle?: string;
  role?: string;
  participant?: string;
  path?: string;
}

const FILTER_ORDER: readonly (keyof ProgrammeHubFilters)[] = ["stage", "cycle", "role", "participant", "path"];
/** Always in the address, empty meaning "all", so the hub shows exactly these filters rather than those it remembers. */
const HUB_FILTERS: ReadonlySet<string> = new Set(["stage", "cycle", "role", "participant"]);

/**
 * The address of the programme hub showing a pivot with filters, as Azure DevOps addresses a
 * contributed hub: {collection}/{project}/_apps/hub/{publisher}.{extension}.{hub}?{filters}.
 */
export function programmeHubUrl(
  place: { collectionUrl: string; project: string; publisherId: string; extensionId: string },
  filters: ProgrammeHubFilters,
  pivot: ProgrammeHubPivot,
): string {
  const query = new URLSearchParams();
  for (const key of FILTER_ORDER) {
    const value = filters[key];
    if (typeof value === "string" && value.trim() !== "") query.set(key, value.trim());
    else if (HUB_FILTERS.has(key)) query.set(key, "");
  }
  query.set("pivot", pivot);
  const collection = place.collectionUrl.endsWith("/") ? place.collectionUrl : `${place.collectionUrl}/`;
  return `${collection}${encodeURIComponent(place.project)}/_apps/hub/${place.publisherId}.${place.extensionId}.${PROGRAMME_HUB}?${query.toString()}`;
}

interface HostNavigation {
  navigate(url: string): void;
}

/** Opens the programme hub with the same filters, in the host page (a widget frame cannot navigate the page itself). */
export async function openProgrammeHub(filters: ProgrammeHubFilters, pivot: ProgrammeHubPivot): Promise<string> {
  const [location, navigation] = await Promise.all([
    SDK.getService<{ getServiceLocation(): Promise<string> }>(LOCATION_SERVICE),
    SDK.getService<HostNavigation>(HOST_NAVIGATION_SERVICE),
  ]);
  const context = SDK.getExtensionContext();
  const url = programmeHubUrl(
    { collectionUrl: await location.getServiceLocation(), project: SDK.getWebContext().project.name, publisherId: context.publisherId, extensionId: context.extensionId },
    filters,
    pivot,
  );
  navigation.navigate(url);
  return url;
}

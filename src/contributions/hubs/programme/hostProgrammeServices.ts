// The programme hub's services in a contribution frame: one connection to the host whose requests
// are counted for the progress indicator, the data source chosen for it (Analytics, else REST),
// the configuration documents, the host page's address and the user's remembered filters.

import { connectInHost } from "../../../ado/clients";
import { chooseDataSource } from "../../../ado/dataSources/choose";
import { getHostQueryParams, loadUserSetting, saveUserSetting, setHostQueryParams } from "../../../ado/hostNavigation";
import { openWorkItem } from "../../../ado/navigation";
import { loadHubConfiguration } from "./configuration";
import { HubState, REMEMBERED_FILTERS_KEY } from "./filters";
import type { ProgrammeHubServices } from "./programmeServices";

export async function hostProgrammeServices(): Promise<ProgrammeHubServices> {
  let answered = 0;
  const counting: typeof fetch = (input, init) =>
    fetch(input, init).finally(() => {
      answered++;
    });
  const connection = await connectInHost({ fetch: counting });
  const source = chooseDataSource(connection);
  return {
    projectName: connection.projectName,
    source,
    fallbackReason: () => source.fallbackReason,
    loadConfiguration: () => loadHubConfiguration(connection),
    requestsAnswered: () => answered,
    readQuery: getHostQueryParams,
    writeQuery: setHostQueryParams,
    loadRemembered: () => loadUserSetting<Partial<HubState>>(REMEMBERED_FILTERS_KEY),
    saveRemembered: (state) => saveUserSetting(REMEMBERED_FILTERS_KEY, state),
    openWorkItem: (id) => openWorkItem(id),
    today: () => new Date().toISOString().slice(0, 10),
  };
}

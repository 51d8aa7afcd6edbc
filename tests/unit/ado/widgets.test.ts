import "../../../src/ado/node";
import { sdkMock } from "../../support/sdk-mock";
import { HostWidgetSettings, startWidget, startWidgetConfiguration, WidgetOutcome } from "../../../src/ado/widgets";
import { openProgrammeHub, programmeHubUrl } from "../../../src/ado/navigation";

const CONTRIBUTION = "mhhs-local.mhhs-test-management.test-contribution";
const SETTINGS: HostWidgetSettings = { name: "Progress", size: { rowSpan: 2, columnSpan: 3 }, customSettings: { data: '{"version":1,"stage":"QT"}' } };

type Registered = Record<string, (...args: unknown[]) => Promise<unknown>>;

describe("the widget protocol", () => {
  beforeEach(() => sdkMock.reset());

  it("hands load and reload to the widget and reports success or failure as the dashboard's widget status", async () => {
    const outcomes: WidgetOutcome[] = [{ shown: true }, { shown: false, message: "The figures could not be loaded: 500" }];
    const show = jest.fn(async () => outcomes.shift() as WidgetOutcome);
    await startWidget(show);
    const widget = sdkMock.registered<Registered>(CONTRIBUTION) as Registered;
    await expect(widget.preload(SETTINGS)).resolves.toEqual({ statusType: 0, state: undefined });
    await expect(widget.load(SETTINGS)).resolves.toMatchObject({ statusType: 0 });
    await expect(widget.reload(SETTINGS)).rejects.toEqual({ message: "The figures could not be loaded: 500", isRichText: false, isUserVisible: true });
    expect(show.mock.calls).toEqual([
      [SETTINGS, "load"],
      [SETTINGS, "reload"],
    ]);
  });

  it("gives a configuration frame a notify for changes and answers onSave with the settings, or refuses them", async () => {
    let notifyChange: ((data: string) => Promise<void>) | undefined;
    let current: string | undefined;
    await startWidgetConfiguration({
      load: async (_settings, notify) => {
        notifyChange = notify;
      },
      save: () => current,
    });
    const configuration = sdkMock.registered<Registered>(CONTRIBUTION) as Registered;
    const notify = jest.fn(async () => ({}));
    await configuration.load(SETTINGS, { notify });
    current = '{"version":1,"stage":"SIT-FUNC"}';
    await notifyChange?.(current);
    expect(notify).toHaveBeenCalledWith("ms.vss-dashboards-web.configurationChange", { data: { data: current, version: { major: 1, minor: 0, patch: 0 } } });
    await expect(configuration.onSave()).resolves.toEqual({ isValid: true, customSettings: { data: current, version: { major: 1, minor: 0, patch: 0 } } });
    current = undefined;
    await expect(configuration.onSave()).rejects.toEqual({ isValid: false });
  });
});

describe("the programme hub's address", () => {
  beforeEach(() => sdkMock.reset());

  const place = { collectionUrl: "https://dev.azure.com/contoso", project: "MHHS Programme", publisherId: "mhhs-local", extensionId: "mhhs-test-management" };

  it("addresses the hub contribution with every filter (empty for all) and the pivot", () => {
    expect(programmeHubUrl(place, { stage: "SIT-FUNC", cycle: "C 2", role: "", participant: "ALWB" }, "defects")).toBe(
      "https://dev.azure.com/contoso/MHHS%20Programme/_apps/hub/mhhs-local.mhhs-test-management.programme-hub?stage=SIT-FUNC&cycle=C+2&role=&participant=ALWB&pivot=defects",
    );
    expect(programmeHubUrl({ ...place, collectionUrl: "http://127.0.0.1:8080/mhhs/" }, {}, "overview")).toBe(
      "http://127.0.0.1:8080/mhhs/MHHS%20Programme/_apps/hub/mhhs-local.mhhs-test-management.programme-hub?stage=&cycle=&role=&participant=&pivot=overview",
    );
  });

  it("navigates the host page there", async () => {
    const navigate = jest.fn();
    sdkMock.setService("ms.vss-features.host-navigation-service", { navigate });
    sdkMock.setService("ms.vss-features.location-service", { getServiceLocation: async () => "https://dev.azure.com/contoso/" });
    const url = await openProgrammeHub({ stage: "QT", path: "QT" }, "participants");
    expect(url).toBe("https://dev.azure.com/contoso/MHHS%20Programme/_apps/hub/mhhs-local.mhhs-test-management.programme-hub?stage=QT&cycle=&role=&participant=&path=QT&pivot=participants");
    expect(navigate).toHaveBeenCalledWith(url);
  });
});

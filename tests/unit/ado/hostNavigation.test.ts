import { sdkMock } from "../../support/sdk-mock";
import { getHostQueryParams, loadUserSetting, saveUserSetting, setHostQueryParams } from "../../../src/ado/hostNavigation";

describe("host navigation and user settings", () => {
  beforeEach(() => sdkMock.reset());

  it("reads the host page's query parameters as text and writes them back", async () => {
    const setQueryParams = jest.fn();
    sdkMock.setService("ms.vss-features.host-navigation-service", { getQueryParams: async () => ({ stage: "QT", odd: 3 }), setQueryParams });
    await expect(getHostQueryParams()).resolves.toEqual({ stage: "QT" });
    await setHostQueryParams({ stage: "SIT-FUNC", role: "" });
    expect(setQueryParams).toHaveBeenCalledWith({ stage: "SIT-FUNC", role: "" });
  });

  it("keeps settings in the User scope of the extension's data", async () => {
    const store = new Map<string, unknown>();
    const getValue = jest.fn(async (key: string, options: { scopeType: string; defaultValue?: unknown }) => (store.has(`${options.scopeType}/${key}`) ? store.get(`${options.scopeType}/${key}`) : options.defaultValue));
    const setValue = jest.fn(async (key: string, value: unknown, options: { scopeType: string }) => {
      store.set(`${options.scopeType}/${key}`, value);
      return value;
    });
    const getExtensionDataManager = jest.fn(async () => ({ getValue, setValue }));
    sdkMock.setService("ms.vss-features.extension-data-service", { getExtensionDataManager });
    await expect(loadUserSetting("programme-hub-filters")).resolves.toBeUndefined();
    await saveUserSetting("programme-hub-filters", { stage: "QT" });
    await expect(loadUserSetting("programme-hub-filters")).resolves.toEqual({ stage: "QT" });
    expect(store.has("User/programme-hub-filters")).toBe(true);
    expect(getExtensionDataManager).toHaveBeenCalledWith("mhhs-local.mhhs-test-management", "test-token");
  });
});

import { sdkMock } from "../../support/sdk-mock";
import { openNewWorkItem, openWorkItem } from "../../../src/ado/navigation";

describe("work item navigation", () => {
  beforeEach(() => sdkMock.reset());

  it("opens a new work item with values and gives its id once saved, nothing when cancelled", async () => {
    const openNew = jest.fn().mockResolvedValueOnce({ id: 42 }).mockResolvedValueOnce(undefined);
    sdkMock.setService("ms.vss-work-web.work-item-form-navigation-service", { openNewWorkItem: openNew, openWorkItem: jest.fn() });
    await expect(openNewWorkItem("Bug", { "Custom.MhhsTestStage": "QT" })).resolves.toBe(42);
    expect(openNew).toHaveBeenCalledWith("Bug", { "Custom.MhhsTestStage": "QT" });
    await expect(openNewWorkItem("Bug")).resolves.toBeUndefined();
  });

  it("opens an existing work item", async () => {
    const open = jest.fn().mockResolvedValue(undefined);
    sdkMock.setService("ms.vss-work-web.work-item-form-navigation-service", { openNewWorkItem: jest.fn(), openWorkItem: open });
    await openWorkItem(7);
    expect(open).toHaveBeenCalledWith(7, false);
  });
});

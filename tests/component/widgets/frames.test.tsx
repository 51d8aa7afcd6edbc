// The widget and configuration entries as the dashboard drives them: registered objects called
// with the dashboard's settings (the SDK is the jest stand-in).
import { act, fireEvent, screen, waitFor } from "@testing-library/react";
import { sdkMock } from "../../support/sdk-mock";
import { mountConfiguration, mountWidget } from "../../../src/contributions/widgets/shared/mount";
import { stageProgress } from "../../../src/contributions/widgets/stage-progress/stageProgress";
import { hostSettings, withoutCanvas } from "./fakeWidgetData";

const CONTRIBUTION = "mhhs-local.mhhs-test-management.test-contribution";
type Registered = Record<string, (...args: unknown[]) => Promise<unknown>>;

async function registered(): Promise<Registered> {
  await waitFor(() => expect(sdkMock.registered(CONTRIBUTION)).toBeDefined());
  return sdkMock.registered<Registered>(CONTRIBUTION) as Registered;
}

describe("widget frames", () => {
  beforeAll(withoutCanvas);
  beforeEach(() => {
    sdkMock.reset();
    document.body.innerHTML = '<div id="root"></div>';
  });

  it("a widget frame says what to set while unconfigured, and reports a failure to load as the widget's failure, with the message in the cell", async () => {
    mountWidget(stageProgress);
    const widget = await registered();
    await act(async () => {
      await expect(widget.load(hostSettings(null, 2, 2))).resolves.toMatchObject({ statusType: 0 });
    });
    expect(screen.getByText("Set a stage in this widget's configuration to see figures.")).toBeTruthy();

    // No host services here: connecting fails, as a lost connection would.
    let failure: unknown;
    await act(async () => {
      failure = await widget.reload(hostSettings({ stage: "SIT-FUNC" }, 2, 2)).catch((e: unknown) => e);
    });
    expect(failure).toMatchObject({ message: expect.stringMatching(/^The figures could not be loaded: /), isUserVisible: true });
    expect(screen.getByRole("alert").textContent).toContain("The figures could not be loaded");
  });

  it("a configuration frame notifies the dashboard of every change with the settings' JSON, and saves only settings that can show figures", async () => {
    mountConfiguration("stage-progress");
    const configuration = await registered();
    const notify = jest.fn(async () => ({}));
    await act(async () => {
      await configuration.load(hostSettings(null, 2, 2), { notify });
    });
    await expect(configuration.onSave()).rejects.toEqual({ isValid: false });
    expect(screen.getByText("Choose the stage whose figures the widget shows.")).toBeTruthy();

    fireEvent.change(screen.getByLabelText("Stage"), { target: { value: "QT" } });
    fireEvent.change(screen.getByLabelText("Title"), { target: { value: "QT board" } });
    const version = { major: 1, minor: 0, patch: 0 };
    expect(notify.mock.calls).toEqual([
      ["ms.vss-dashboards-web.configurationChange", { data: { data: '{"version":1,"stage":"QT"}', version } }],
      ["ms.vss-dashboards-web.configurationChange", { data: { data: '{"version":1,"stage":"QT","title":"QT board"}', version } }],
    ]);
    await expect(configuration.onSave()).resolves.toEqual({ isValid: true, customSettings: { data: '{"version":1,"stage":"QT","title":"QT board"}', version } });
    await waitFor(() => expect(screen.getByRole("alert").textContent).toMatch(/could not be loaded/));
  });

  it("a configuration frame saves unchanged settings that were already complete", async () => {
    mountConfiguration("exit-criteria");
    const configuration = await registered();
    const settings = hostSettings({ stage: "SIT-MIG" }, 2, 2);
    await act(async () => {
      await configuration.load(settings, { notify: jest.fn() });
    });
    await expect(configuration.onSave()).resolves.toMatchObject({ isValid: true, customSettings: { data: settings.customSettings.data } });
    await waitFor(() => expect(screen.getByRole("alert")).toBeTruthy());
  });
});

import * as React from "react";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { ConfigurationSource, WidgetConfiguration } from "../../../src/contributions/widgets/shared/WidgetConfiguration";
import { resolveCatalogues } from "../../../src/domain/catalogues";
import type { Participant } from "../../../src/domain/model";
import type { WidgetKind } from "../../../src/domain/widgetSettings";

const PARTICIPANTS: Participant[] = [
  { mpid: "BRCK", organisation: "Brackley Power", roles: ["SUP"], path: "SIT", reliance: "none" },
  { mpid: "ALWB", organisation: "Alwick Energy", roles: ["SUP", "ADS"], path: "SIT", reliance: "none" },
  { mpid: "CRWN", organisation: "Crown Networks", roles: ["LDSO"], path: "QT", reliance: "none" },
];

function source(overrides: Partial<ConfigurationSource> = {}): ConfigurationSource & { cycles: jest.Mock } {
  return {
    catalogues: async () => resolveCatalogues(),
    participants: async () => PARTICIPANTS,
    cycles: jest.fn(async (stage: string) => (stage === "SIT-FUNC" ? ["C1", "C2", "(none)"] : ["Batch 1"])),
    ...overrides,
  } as ConfigurationSource & { cycles: jest.Mock };
}

function configure(kind: WidgetKind, initial: Record<string, unknown> | null = null, from = source()) {
  const onChange = jest.fn();
  const view = render(<WidgetConfiguration kind={kind} initial={initial === null ? null : JSON.stringify(initial)} source={from} onChange={onChange} />);
  const lastChange = () => {
    const [data, configured] = onChange.mock.calls[onChange.mock.calls.length - 1];
    return { settings: JSON.parse(data), configured };
  };
  return { ...view, onChange, lastChange, source: from };
}

const select = (label: string) => screen.getByLabelText(label) as HTMLSelectElement;
const optionTexts = (label: string) => within(select(label)).getAllByRole("option").map((o) => o.textContent);

async function optionsLoaded(): Promise<void> {
  await waitFor(() => expect(optionTexts("Stage").length).toBeGreaterThan(1));
}

describe("widget configuration", () => {
  describe.each<WidgetKind>(["stage-progress", "defects-by-severity", "exit-criteria"])("%s", (kind) => {
    it("notifies the settings' JSON on every change: stage, then its cycle, role, participant and title", async () => {
      const { onChange, lastChange, source: from } = configure(kind);
      await optionsLoaded();
      expect(optionTexts("Stage")[0]).toBe("Choose a stage");
      expect(optionTexts("Stage")).toContain("SIT-FUNC – SIT Functional");
      expect(select("Cycle").disabled).toBe(true);

      fireEvent.change(select("Stage"), { target: { value: "SIT-FUNC" } });
      expect(lastChange()).toEqual({ settings: { version: 1, stage: "SIT-FUNC" }, configured: true });
      await waitFor(() => expect(optionTexts("Cycle")).toEqual(["All cycles", "C1", "C2"]));
      expect(from.cycles).toHaveBeenCalledWith("SIT-FUNC");

      fireEvent.change(select("Cycle"), { target: { value: "C2" } });
      expect(lastChange().settings).toEqual({ version: 1, stage: "SIT-FUNC", cycle: "C2" });

      fireEvent.change(select("Market role"), { target: { value: "SUP" } });
      expect(optionTexts("Participant")).toEqual(["All participants", "ALWB – Alwick Energy", "BRCK – Brackley Power"]);
      fireEvent.change(select("Participant"), { target: { value: "ALWB" } });
      fireEvent.change(screen.getByLabelText("Title"), { target: { value: "Our suppliers" } });
      expect(lastChange()).toEqual({ settings: { version: 1, stage: "SIT-FUNC", cycle: "C2", role: "SUP", participant: "ALWB", title: "Our suppliers" }, configured: true });
      expect(onChange).toHaveBeenCalledTimes(5);

      fireEvent.change(select("Stage"), { target: { value: "" } });
      expect(lastChange()).toEqual({ settings: { version: 1, role: "SUP", participant: "ALWB", title: "Our suppliers" }, configured: false });
      expect(screen.getByText("Set a stage in this widget's configuration to see figures.")).toBeTruthy();
    });

    it("starts from the saved settings", async () => {
      configure(kind, { version: 1, stage: "QT", cycle: "Batch 1", role: "LDSO", title: "Qualification" });
      await optionsLoaded();
      expect(select("Stage").value).toBe("QT");
      await waitFor(() => expect(select("Cycle").value).toBe("Batch 1"));
      expect(select("Market role").value).toBe("LDSO");
      expect((screen.getByLabelText("Title") as HTMLInputElement).value).toBe("Qualification");
    });
  });

  it("stage progress: bars by role or by participant", async () => {
    const { lastChange } = configure("stage-progress", { stage: "SIT-FUNC" });
    await optionsLoaded();
    expect(optionTexts("Bars")).toEqual(["By market role", "By participant"]);
    fireEvent.change(select("Bars"), { target: { value: "participant" } });
    expect(lastChange().settings).toEqual({ version: 1, stage: "SIT-FUNC", groupBy: "participant" });
    fireEvent.change(select("Bars"), { target: { value: "role" } });
    expect(lastChange().settings).toEqual({ version: 1, stage: "SIT-FUNC" });
  });

  it("defects: only exit-blocking defects", async () => {
    const { lastChange } = configure("defects-by-severity", { stage: "SIT-FUNC" });
    await optionsLoaded();
    fireEvent.click(screen.getByLabelText("Only exit-blocking defects"));
    expect(lastChange().settings).toEqual({ version: 1, stage: "SIT-FUNC", exitBlockingOnly: true });
    fireEvent.click(screen.getByLabelText("Only exit-blocking defects"));
    expect(lastChange().settings).toEqual({ version: 1, stage: "SIT-FUNC" });
  });

  it("participant readiness: needs a path, the stage is optional, participants follow the path", async () => {
    const { lastChange } = configure("participant-readiness");
    await optionsLoaded();
    expect(optionTexts("Stage")[0]).toBe("All stages of the path");
    fireEvent.change(select("Path"), { target: { value: "QT" } });
    expect(lastChange()).toEqual({ settings: { version: 1, path: "QT" }, configured: true });
    expect(optionTexts("Participant")).toEqual(["All participants", "CRWN – Crown Networks"]);
  });

  it("says what is missing once a save was refused", async () => {
    const onChange = jest.fn();
    const from = source();
    const { rerender } = render(<WidgetConfiguration kind="participant-readiness" initial={null} source={from} onChange={onChange} />);
    await optionsLoaded();
    rerender(<WidgetConfiguration kind="participant-readiness" initial={null} source={from} onChange={onChange} showMissing />);
    expect(screen.getByText("Choose the participants' path.")).toBeTruthy();
    expect(select("Path").getAttribute("aria-invalid")).toBe("true");
  });

  it("keeps working when the catalogues cannot be read, and says so", async () => {
    configure("exit-criteria", null, source({ catalogues: async () => Promise.reject(new Error("The server answered 500")) }));
    await waitFor(() =>
      expect(screen.getByRole("alert").textContent).toBe("The project's stages, roles and participants could not be loaded (the programme's defaults are offered): The server answered 500"),
    );
    expect(optionTexts("Stage")).toContain("QT – Qualification Testing");
  });

  it("reports settings it cannot read instead of failing", async () => {
    configure("stage-progress", { stage: "SIT-FUNC", groupBy: "weekday", participant: "not-an-mpid" });
    await optionsLoaded();
    expect(screen.getByText(/Bars "weekday" are not understood/)).toBeTruthy();
    expect(select("Stage").value).toBe("SIT-FUNC");
  });
});

// The environments pivot: the plan as a timeline per environment and participant, concurrency
// against the limit, and clashes highlighted.
import * as React from "react";
import { render, screen, within } from "@testing-library/react";
import { EnvironmentsPivot } from "../../../../src/contributions/hubs/programme/EnvironmentsPivot";
import { emptyData } from "../../../../src/contributions/hubs/programme/loadProgramme";
import { environmentsView } from "../../../../src/contributions/hubs/programme/views";
import { configuration, TODAY, withoutCanvas } from "./fixture";

withoutCanvas();

function setup(filters = {}, config = configuration()) {
  const data = { ...emptyData(), configuration: config };
  render(<EnvironmentsPivot view={environmentsView(data, filters, TODAY)} limits={config.limits} />);
}

function bars(environment: string, participant: string): HTMLElement[] {
  const env = document.querySelector(`[data-environment="${environment}"]`) as HTMLElement;
  const lane = env.querySelector(`[data-participant="${participant}"]`) as HTMLElement;
  return within(lane).getAllByRole("img");
}

describe("environments pivot", () => {
  it("lays the plan out per environment and participant, marking bars that clash", () => {
    setup();
    expect(Array.from(document.querySelectorAll("[data-environment]")).map((e) => e.getAttribute("data-environment"))).toEqual(["PIT", "SIT-A", "SIT-B", "QTF"]);
    const [sitB] = bars("SIT-B", "ALWB");
    expect(sitB.getAttribute("data-clash")).toBe("true");
    expect(sitB.getAttribute("aria-label")).toBe(
      "ALWB on SIT-B for SIT-FUNC from 2025-02-10 to 2025-02-20. Clash: ALWB holds 3 environments at once from 2025-02-10 to 2025-02-15, over its limit of 2.",
    );
    const [pit] = bars("PIT", "ALWB");
    expect(pit.getAttribute("data-clash")).toBe("true");
    expect(bars("QTF", "QTSU")[0].getAttribute("data-clash")).toBeNull();
    expect(bars("SIT-A", "LDSA")[0].getAttribute("aria-label")).toMatch(/SIT-A has 2 participants at once from 2025-03-01 to 2025-03-31, over its capacity of 1/);
  });

  it("lists concurrency and capacity clashes and draws peaks against the limit", () => {
    setup();
    expect(document.querySelector('[data-figure="clashes"]')?.textContent).toBe("1");
    expect(document.querySelector('[data-figure="capacityClashes"]')?.textContent).toBe("1");
    const clashes = screen.getByRole("table", { name: "Participants over their concurrency limit" });
    expect(Array.from(clashes.querySelectorAll("tbody tr")[0].children).map((c) => c.textContent)).toEqual(["ALWB", "all stages", "2025-02-10", "2025-02-15", "6", "3", "2", "PIT, SIT-A, SIT-B"]);
    const peaks = screen.getByRole("table", { name: "Most environments held at once per participant" });
    expect(Array.from(peaks.querySelectorAll("tbody tr")).map((r) => Array.from(r.children).map((c) => c.textContent))).toEqual([
      ["ALWB", "3", "2"],
      ["LDSA", "1", "2"],
      ["QTSU", "1", "2"],
    ]);
  });

  it("narrows to a stage and a participant", () => {
    setup({ stage: "SIT-FUNC", participant: "LDSA" });
    expect(Array.from(document.querySelectorAll("[data-environment]")).map((e) => e.getAttribute("data-environment"))).toEqual(["SIT-A"]);
    expect(document.querySelector('[data-figure="participants"]')?.textContent).toBe("1");
    expect(screen.queryByRole("table", { name: "Participants over their concurrency limit" })).toBeNull();
  });

  it("says when the plan has nothing in scope, and counts allocations that are not valid", () => {
    setup({}, configuration({ allocations: [{ participant: "ALWB", environment: "NOWHERE", stage: "PIT", from: "2025-01-01", to: "2025-01-02" }] }));
    expect(screen.getByText("No allocations in scope")).toBeTruthy();
    expect(screen.getByText("1 allocation(s) in the plan are not valid and are left out; correct them in MHHS set-up.")).toBeTruthy();
  });
});

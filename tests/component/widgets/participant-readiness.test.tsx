import * as React from "react";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { participantReadiness } from "../../../src/contributions/widgets/participant-readiness/readiness";
import { Widget } from "../../../src/contributions/widgets/shared/Widget";
import type { WidgetOutcome } from "../../../src/ado/widgets";
import type { Participant } from "../../../src/domain/model";
import { DEFAULT_STAGES_BY_PATH } from "../../../src/domain/readiness";
import { Fact, fakeWidgetData, hostSettings, withoutCanvas } from "./fakeWidgetData";

const PARTICIPANTS: Participant[] = [
  { mpid: "ALWB", organisation: "Alwick Energy", roles: ["SUP"], path: "SIT", reliance: "none" },
  { mpid: "BRCK", organisation: "Brackley Power", roles: ["SUP"], path: "SIT", reliance: "none" },
  { mpid: "CRWN", organisation: "Crown Networks", roles: ["LDSO"], path: "SIT", reliance: "none" },
  { mpid: "DLTA", organisation: "Delta Supply", roles: ["SUP"], path: "SIT", reliance: "none" },
  { mpid: "QTAA", organisation: "Quarry Trading", roles: ["SUP"], path: "QT", reliance: "none" },
];
const POINTS: Fact[] = [
  { participant: "ALWB", stage: "SIT-FUNC", role: "SUP", outcome: "passed", count: 5 },
  { participant: "ALWB", stage: "PIT", role: "SUP", outcome: "failed", count: 3 },
  { participant: "BRCK", stage: "SIT-FUNC", role: "SUP", outcome: "passed", count: 3 },
  { participant: "BRCK", stage: "SIT-FUNC", role: "SUP", outcome: "failed", count: 2 },
  { participant: "CRWN", stage: "SIT-MIG", role: "LDSO", outcome: "passed", count: 2 },
  { participant: "CRWN", stage: "SIT-MIG", role: "LDSO", outcome: "notRun", count: 2 },
  { participant: "QTAA", stage: "QT", role: "SUP", outcome: "passed", count: 4 },
];
const OPEN_DEFECTS: Fact[] = [
  { participant: "CRWN", stage: "SIT-MIG", role: "LDSO", severity: "1 - Critical", count: 1 },
  { participant: "ALWB", stage: "SIT-FUNC", role: "SUP", severity: "3 - Medium", count: 2 },
  { participant: "BRCK", role: "SUP", severity: "2 - High", count: 1 },
];

function show(data: Record<string, unknown> | null, size: [number, number], fake = fakeWidgetData({ points: POINTS, openDefects: OPEN_DEFECTS, participants: PARTICIPANTS })) {
  const settled: WidgetOutcome[] = [];
  const openHub = jest.fn();
  const view = render(<Widget definition={participantReadiness} settings={hostSettings(data, size[0], size[1])} data={async () => fake} openHub={openHub} onSettled={(o) => settled.push(o)} />);
  return { ...view, settled, openHub, fake };
}

const ragCounts = (container: HTMLElement) => [...container.querySelectorAll('[data-figure="by-rag"] [data-rag]')].map((b) => b.getAttribute("aria-label"));

describe("participant readiness widget", () => {
  beforeAll(withoutCanvas);

  it("judges the configured required tests as the hub does, with reliance, from the required tests' evidence only", async () => {
    const participants: Participant[] = [
      { mpid: "QTAA", organisation: "Quarry Trading", roles: ["SUP"], path: "QT", reliance: "none" },
      { mpid: "QTBB", organisation: "Quayside Supply", roles: ["SUP"], path: "QT", reliance: "partial", reliesOn: ["QTAA"] },
      { mpid: "QTCC", organisation: "Quill Energy", roles: ["SUP"], path: "QT", reliance: "none" },
      { mpid: "QTDD", organisation: "Quorn Networks", roles: ["LDSO"], path: "QT", reliance: "none" },
      { mpid: "SITA", organisation: "Sitwell Supply", roles: ["SUP"], path: "SIT", reliance: "none" },
    ];
    const testCase = (id: number, programmeTestCaseId: string, participant: string) => ({ id, title: "", programmeTestCaseId, stage: "QT", role: "SUP", participant, requirementIds: [] });
    const point = (id: number, testCaseId: number, participant: string, outcome: "passed" | "failed") => ({ id, testCaseId, planId: 1, suiteId: 2, stage: "QT", role: "SUP", participant, outcome, lastRunDate: "2025-03-20T10:00:00.000Z" });
    const fake = fakeWidgetData({
      participants,
      qualification: { requiredTests: [{ role: "SUP", path: "QT", programmeTestCaseIds: ["QT-001", "QT-002"] }] },
      evidence: {
        testCases: [testCase(101, "QT-001", "QTAA"), testCase(102, "QT-002", "QTAA"), testCase(103, "QT-001", "QTCC"), testCase(104, "QT-002", "QTCC")],
        points: [point(1, 101, "QTAA", "passed"), point(2, 102, "QTAA", "passed"), point(3, 103, "QTCC", "passed"), point(4, 104, "QTCC", "failed")],
      },
      openDefects: [{ participant: "QTCC", stage: "QT", severity: "2 - High", count: 1 }],
    });
    const { container, settled } = show({ path: "QT" }, [2, 3], fake);
    await waitFor(() => expect(settled).toEqual([{ shown: true }]));
    expect(fake.calls.sort()).toEqual(["defects by participant,stage,severity", `required test evidence in ${[...DEFAULT_STAGES_BY_PATH.SIT, "QT"].join(",")}`]);
    expect(ragCounts(container)).toEqual(["Red: 1 red", "Amber: 1 amber", "Green: 2 green"]);
    const blockers = within(screen.getByRole("list", { name: "Top blockers" })).getAllByRole("listitem");
    expect(blockers.map((li) => li.textContent)).toEqual(["QTCC1 open exit-blocking defect and 1 failed required test."]);
    expect(container.querySelector("[data-basis]")?.textContent).toBe("Judged on the configured required tests, as in the hub.");
  });

  it("judges the stages and RAG rules of the project's qualification requirements", async () => {
    const qualification = { requiredTests: [], stagesByPath: { SIT: ["SIT-FUNC", "PIT"] }, rag: { whenNothingRequired: "red" as const } };
    const { container, settled } = show({ path: "SIT" }, [2, 3], fakeWidgetData({ points: POINTS, openDefects: OPEN_DEFECTS, participants: PARTICIPANTS, qualification }));
    await waitFor(() => expect(settled).toEqual([{ shown: true }]));
    expect(ragCounts(container)).toEqual(["Red: 4 red", "Amber: 0 amber", "Green: 0 green"]);
    const blockers = within(screen.getByRole("list", { name: "Top blockers" })).getAllByRole("listitem");
    expect(blockers.map((li) => li.getAttribute("data-participant"))).toEqual(["BRCK", "ALWB", "CRWN", "DLTA"]);
  });

  it("counts the path's participants by readiness RAG and lists the top blockers, from two counts", async () => {
    const { container, settled, fake } = show({ path: "SIT" }, [2, 3]);
    await waitFor(() => expect(settled).toEqual([{ shown: true }]));
    expect(fake.calls.sort()).toEqual(["defects by participant,stage,severity", "points by participant,stage,outcome"]);
    expect(ragCounts(container)).toEqual(["Red: 2 red", "Amber: 1 amber", "Green: 1 green"]);
    const blockers = within(screen.getByRole("list", { name: "Top blockers" })).getAllByRole("listitem");
    expect(blockers.map((li) => li.textContent)).toEqual(["BRCK1 open exit-blocking defect and 2 failed tests.", "CRWN1 open exit-blocking defect."]);
    const alternative = container.querySelector("table.mhhs-visually-hidden") as HTMLTableElement;
    expect(within(alternative).getByText("SIT participants by readiness")).toBeTruthy();
    expect([...alternative.querySelectorAll("tbody td")].map((td) => td.textContent)).toEqual(["1", "1", "2"]);
    expect(screen.getByRole("heading", { level: 2 }).textContent).toBe("SIT readiness");
  });

  it("shows how many are ready at the smallest size", async () => {
    const { container, settled } = show({ path: "SIT" }, [1, 1]);
    await waitFor(() => expect(settled).toHaveLength(1));
    expect(container.querySelector('[data-figure="ready"]')?.textContent).toBe("1");
    expect(screen.getByText("of 4 participants ready")).toBeTruthy();
  });

  it("narrows to a stage, a role or a participant", async () => {
    const byStage = show({ path: "SIT", stage: "SIT-FUNC" }, [2, 2]);
    await waitFor(() => expect(byStage.settled).toHaveLength(1));
    expect(ragCounts(byStage.container)).toEqual(["Red: 1 red", "Amber: 2 amber", "Green: 1 green"]);
    byStage.unmount();
    const byRole = show({ path: "SIT", role: "LDSO" }, [2, 2]);
    await waitFor(() => expect(byRole.settled).toHaveLength(1));
    expect(ragCounts(byRole.container)).toEqual(["Red: 1 red", "Amber: 0 amber", "Green: 0 green"]);
    byRole.unmount();
    const qt = show({ path: "QT" }, [1, 1]);
    await waitFor(() => expect(qt.settled).toHaveLength(1));
    expect(screen.getByText("of 1 participant ready")).toBeTruthy();
  });

  it("says what to set while unconfigured, opens the hub's participants, and shows failures", async () => {
    const first = show({ stage: "SIT-FUNC" }, [2, 2]);
    await waitFor(() => expect(first.settled).toHaveLength(1));
    expect(screen.getByText("Set a path (SIT or Qualification Testing) in this widget's configuration to see figures.")).toBeTruthy();
    first.unmount();
    const second = show({ path: "QT" }, [2, 2]);
    await waitFor(() => expect(second.settled).toHaveLength(1));
    fireEvent.click(screen.getByRole("button", { name: "Qualification Testing readiness" }));
    expect(second.openHub).toHaveBeenCalledWith(expect.objectContaining({ path: "QT" }), "participants");
    second.unmount();
    const failing = show({ path: "SIT" }, [2, 2], fakeWidgetData({ fail: new Error("VS403474: too many") }));
    await waitFor(() => expect(failing.settled).toHaveLength(1));
    expect(screen.getByRole("alert").textContent).toContain("VS403474: too many");
  });
});

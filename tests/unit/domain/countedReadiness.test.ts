import { allEvidenceStages, evidenceStagesByPath, openDefectRecordsFromCounts } from "../../../src/domain/countedReadiness";
import { UNASSIGNED } from "../../../src/domain/groupKeys";
import { DEFAULT_STAGES_BY_PATH } from "../../../src/domain/readiness";

describe("evidenceStagesByPath", () => {
  it("uses the defaults for a path not configured and the configured stages otherwise", () => {
    expect(evidenceStagesByPath(undefined, "SIT")).toEqual({ SIT: DEFAULT_STAGES_BY_PATH.SIT, QT: DEFAULT_STAGES_BY_PATH.QT });
    expect(evidenceStagesByPath({ QT: ["QT-X"] }, "SIT")).toEqual({ SIT: DEFAULT_STAGES_BY_PATH.SIT, QT: ["QT-X"] });
  });

  it("narrows only the chosen path to the stage filter", () => {
    const stages = evidenceStagesByPath({ SIT: ["SIT-A", "SIT-B"], QT: ["QT-X"] }, "SIT", "SIT-B");
    expect(stages).toEqual({ SIT: ["SIT-B"], QT: ["QT-X"] });
  });

  it("does not change the configuration it was given", () => {
    const configured = { SIT: ["SIT-A", "SIT-B"] };
    evidenceStagesByPath(configured, "SIT", "SIT-A");
    expect(configured).toEqual({ SIT: ["SIT-A", "SIT-B"] });
  });
});

describe("allEvidenceStages", () => {
  it("lists each stage of either path once", () => {
    expect(allEvidenceStages({ SIT: ["A", "B"], QT: ["B", "C"] })).toEqual(["A", "B", "C"]);
  });
});

describe("openDefectRecordsFromCounts", () => {
  it("makes one active record per defect counted, with unique negative ids", () => {
    const records = openDefectRecordsFromCounts([
      { key: { participant: "ABCD", stage: "SIT-FUNC", severity: "1 - Critical" }, count: 2 },
      { key: { participant: "WXYZ", stage: UNASSIGNED, severity: "3 - Medium" }, count: 1 },
    ]);
    expect(records).toHaveLength(3);
    expect(new Set(records.map((r) => r.id)).size).toBe(3);
    expect(records.every((r) => r.id < 0 && r.state === "Active")).toBe(true);
    expect(records.filter((r) => r.participant === "ABCD").map((r) => [r.stage, r.severity])).toEqual([
      ["SIT-FUNC", "1 - Critical"],
      ["SIT-FUNC", "1 - Critical"],
    ]);
    const unstaged = records.find((r) => r.participant === "WXYZ");
    expect(unstaged && "stage" in unstaged).toBe(false);
  });

  it("leaves out defects of no participant, and groups counted zero", () => {
    expect(
      openDefectRecordsFromCounts([
        { key: { participant: UNASSIGNED, severity: "1 - Critical" }, count: 4 },
        { key: { severity: "1 - Critical" }, count: 1 },
        { key: { participant: "ABCD", severity: "2 - High" }, count: 0 },
      ]),
    ).toEqual([]);
  });
});

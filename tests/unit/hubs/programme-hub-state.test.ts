// The programme hub's state in the address and per user, and its loader's parts and failures.
import { describeFilters, initialState, toQuery } from "../../../src/contributions/hubs/programme/filters";
import { emptyData, failedParts, loadParts, loadProgramme } from "../../../src/contributions/hubs/programme/loadProgramme";
import type { ProgrammeHubServices } from "../../../src/contributions/hubs/programme/programmeServices";

describe("hub state", () => {
  it("takes the filters from the address when it names any, empty meaning all", () => {
    expect(initialState({ stage: "SIT-FUNC", cycle: "", role: "", participant: "", path: "", pivot: "defects" }, { stage: "QT", role: "SUP", pivot: "environments" })).toEqual({
      stage: "SIT-FUNC",
      pivot: "defects",
    });
    expect(initialState({ role: "LDSO" }, { stage: "QT", pivot: "environments" })).toEqual({ role: "LDSO", pivot: "environments" });
  });

  it("takes the remembered filters when the address names none, and ignores what it does not know", () => {
    expect(initialState({}, { stage: "QT", participant: " ALWB ", pivot: "participants" })).toEqual({ stage: "QT", participant: "ALWB", pivot: "participants" });
    expect(initialState({ pivot: "nonsense" }, { pivot: "alsoNonsense" as never, stage: 3 as never })).toEqual({ pivot: "overview" });
    expect(initialState({}, null)).toEqual({ pivot: "overview" });
    expect(initialState({ stage: "SIT-FUNC", pivot: "exit" })).toEqual({ stage: "SIT-FUNC", pivot: "overview" });
  });

  it("reads the participants' path from the address or the remembered state", () => {
    expect(initialState({ stage: "", path: "qt", pivot: "participants" }, { path: "SIT" })).toEqual({ path: "QT", pivot: "participants" });
    expect(initialState({ stage: "" }, { path: "SIT" })).toEqual({ pivot: "overview" });
    expect(initialState({}, { path: "SIT" })).toEqual({ path: "SIT", pivot: "overview" });
    expect(initialState({ path: "UIT" })).toEqual({ pivot: "overview" });
  });

  it("writes every parameter, so the address always says the whole view", () => {
    expect(toQuery({ stage: "QT", pivot: "traceability" })).toEqual({ stage: "QT", cycle: "", role: "", participant: "", path: "", pivot: "traceability" });
    expect(describeFilters({ stage: "SIT-FUNC", cycle: "C2", participant: "ALWB" })).toBe("SIT-FUNC C2 ALWB");
    expect(describeFilters({})).toBe("All stages");
  });
});

function services(fail: Partial<Record<string, Error>> = {}): ProgrammeHubServices {
  const answer = <T>(part: string, value: T) => async () => {
    if (fail[part]) throw fail[part];
    return value;
  };
  return {
    projectName: "P",
    source: {
      kind: "rest",
      countWorkItems: jest.fn(),
      countTestPoints: jest.fn(),
      requirements: answer("requirements", [{ id: 1 }]),
      testCases: answer("testCases", [{ id: 2 }, { id: 3 }]),
      defects: answer("defects", []),
      testPoints: answer("points", [{ id: 4 }]),
      dailyOutcomes: jest.fn(),
    } as never,
    fallbackReason: () => undefined,
    loadConfiguration: answer("configuration", { problems: [] }) as never,
    requestsAnswered: () => 0,
    readQuery: async () => ({}),
    writeQuery: async () => undefined,
    loadRemembered: async () => undefined,
    saveRemembered: async () => undefined,
    openWorkItem: async () => undefined,
    today: () => "2025-03-31",
  };
}

describe("programme loader", () => {
  it("loads every part side by side and reports each as it settles", async () => {
    const seen: string[][] = [];
    const data = await loadProgramme(services(), (d) => seen.push(Object.values(d.status).map((s) => s.state)));
    expect(data.status.testCases).toEqual({ state: "loaded", count: 2, ms: expect.any(Number) });
    expect(data.requirements).toEqual([{ id: 1 }]);
    expect(seen[0]).toEqual(["loading", "loading", "loading", "loading", "loading"]);
    expect(seen[seen.length - 1]).toEqual(["loaded", "loaded", "loaded", "loaded", "loaded"]);
    expect(seen).toHaveLength(6);
  });

  it("records a failed part with its reason, keeps the others, and loads it again on its own", async () => {
    const data = await loadProgramme(services({ points: Object.assign(new Error("TF400898"), { status: 500 }) }), () => undefined);
    expect(failedParts(data)).toEqual(["points"]);
    expect(data.status.points).toMatchObject({ state: "failed", message: "TF400898" });
    expect(data.defects).toEqual([]);
    const again = await loadParts(services(), data, ["points"], () => undefined);
    expect(failedParts(again)).toEqual([]);
    expect(again.points).toEqual([{ id: 4 }]);
    expect(again.requirements).toBe(data.requirements);
    expect(emptyData().status.configuration.state).toBe("loading");
  });
});

// A small programme and fake services for the programme hub's component tests: the data source,
// the configuration and the host's address and user settings are all in memory.
import type { DailyTrend, ProgrammeDataSource } from "../../../../src/ado/dataSources/types";
import { resolveCatalogues } from "../../../../src/domain/catalogues";
import { DEFAULT_ENVIRONMENTS } from "../../../../src/domain/environments";
import type { DefectRecord, Participant, RequirementRecord, TestCaseRecord, TestPointRecord } from "../../../../src/domain/model";
import type { HubState } from "../../../../src/contributions/hubs/programme/filters";
import type { HubConfiguration, ProgrammeHubServices } from "../../../../src/contributions/hubs/programme/programmeServices";

export const TODAY = "2025-03-31";

export const participants: Participant[] = [
  { mpid: "ALWB", organisation: "Alwick Energy", roles: ["SUP"], path: "SIT", reliance: "none" },
  { mpid: "LDSA", organisation: "Lowland Distribution", roles: ["LDSO"], path: "SIT", reliance: "none" },
  { mpid: "QTSU", organisation: "Quay Supply", roles: ["SUP"], path: "QT", reliance: "partial", reliesOn: ["ALWB"] },
  { mpid: "SDSX", organisation: "Smart Data Co", roles: ["SDS"], path: "QT", reliance: "none", mdrChoice: "SupplierDCC" },
];

export const requirements: RequirementRecord[] = [
  { id: 1, title: "Supplier appoints a data service", type: "Functional", roles: ["SUP", "LDSO"], stages: ["SIT-FUNC"], testCaseIds: [10, 11] },
  { id: 2, title: "Migration of a metering point", type: "Migration", roles: ["SUP"], stages: ["SIT-MIG", "QT"], testCaseIds: [12] },
  { id: 3, title: "Smart data collection", type: "Functional", roles: ["SDS"], stages: ["SIT-FUNC"], testCaseIds: [] },
];

export const testCases: TestCaseRecord[] = [
  { id: 10, title: "Appointment request IF-031", programmeTestCaseId: "SITFUNC-T1-001", stage: "SIT-FUNC", role: "SUP", participant: "ALWB", requirementIds: [1] },
  { id: 11, title: "Registration publishes IF-033", stage: "SIT-FUNC", role: "LDSO", participant: "LDSA", requirementIds: [] },
  { id: 12, title: "Migrate in", programmeTestCaseId: "QT-001", stage: "QT", role: "SUP", participant: "QTSU", requirementIds: [2] },
  { id: 13, title: "Orphan check", stage: "SIT-FUNC", role: "SUP", participant: "ALWB", requirementIds: [] },
];

export const points: TestPointRecord[] = [
  { id: 100, testCaseId: 10, planId: 1, suiteId: 1, stage: "SIT-FUNC", cycle: "C1", role: "SUP", participant: "ALWB", outcome: "failed", lastRunDate: "2025-03-01T10:00:00Z" },
  { id: 101, testCaseId: 10, planId: 2, suiteId: 2, stage: "SIT-FUNC", cycle: "C2", role: "SUP", participant: "ALWB", outcome: "passed", lastRunDate: "2025-03-10T10:00:00Z" },
  { id: 102, testCaseId: 11, planId: 1, suiteId: 1, stage: "SIT-FUNC", cycle: "C1", role: "LDSO", participant: "LDSA", outcome: "blocked", lastRunDate: "2025-03-02T10:00:00Z" },
  { id: 103, testCaseId: 12, planId: 3, suiteId: 3, stage: "QT", cycle: "Batch 1", role: "SUP", participant: "QTSU", outcome: "notRun" },
  { id: 104, testCaseId: 13, planId: 1, suiteId: 1, stage: "SIT-FUNC", cycle: "C1", role: "SUP", participant: "ALWB", outcome: "passed", lastRunDate: "2025-03-03T10:00:00Z" },
];

export const defects: DefectRecord[] = [
  { id: 900, title: "IF-033 rejected <b>twice</b>", state: "Active", severity: "1 - Critical", stage: "SIT-FUNC", cycle: "C1", role: "SUP", participant: "ALWB", category: "Participant Code", createdDate: "2025-03-01", testCaseIds: [10] },
  { id: 901, title: "Slow publication", state: "Active", severity: "3 - Medium", stage: "SIT-FUNC", cycle: "C2", role: "LDSO", participant: "LDSA", category: "Central System", createdDate: "2025-03-20", testCaseIds: [11] },
  { id: 902, title: "Fixed timeout", state: "Closed", severity: "2 - High", stage: "SIT-FUNC", role: "SUP", participant: "ALWB", createdDate: "2025-03-02", closedDate: "2025-03-05", testCaseIds: [10] },
  {
    id: 903,
    title: "QT data missing",
    state: "Active",
    severity: "2 - High",
    stage: "QT",
    role: "SUP",
    participant: "QTSU",
    category: "Test Data",
    createdDate: "2025-03-25",
    workOffPlan: '<p>Fix in <b>IR8.8</b></p><img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>',
    testCaseIds: [12],
  },
];

export function configuration(over: Partial<HubConfiguration> = {}): HubConfiguration {
  return {
    catalogues: resolveCatalogues(),
    participants,
    environments: DEFAULT_ENVIRONMENTS.map((e) => (e.code === "SIT-A" ? { ...e, capacity: 1 } : { ...e })),
    allocations: [
      { id: "a", participant: "ALWB", environment: "PIT", stage: "PIT", from: "2025-01-01", to: "2025-02-15" },
      { id: "b", participant: "ALWB", environment: "SIT-A", stage: "SIT-FUNC", from: "2025-02-01", to: "2025-03-31" },
      { id: "c", participant: "ALWB", environment: "SIT-B", stage: "SIT-FUNC", from: "2025-02-10", to: "2025-02-20" },
      { id: "d", participant: "LDSA", environment: "SIT-A", stage: "SIT-FUNC", from: "2025-03-01", to: "2025-03-31" },
      { id: "e", participant: "QTSU", environment: "QTF", stage: "QT", from: "2025-03-01", to: "2025-04-30" },
    ],
    limits: { overall: 2 },
    exitCriteria: {},
    defectRules: {},
    stageEndDates: {},
    problems: [],
    ...over,
  };
}

export const DAILY = [
  { date: "2025-03-30", passed: 2, failed: 1, blocked: 1, notApplicable: 0, notRun: 1 },
  { date: "2025-03-31", passed: 3, failed: 1, blocked: 1, notApplicable: 0, notRun: 0 },
];

/** DAILY as a data source gives it: from the points' history. */
export const TREND: DailyTrend = { days: DAILY, basis: "history" };

export function dataSource(over: Partial<ProgrammeDataSource> = {}): ProgrammeDataSource {
  return {
    kind: "analytics",
    countWorkItems: jest.fn(),
    countTestPoints: jest.fn(),
    requirements: jest.fn(async () => requirements),
    testCases: jest.fn(async () => testCases),
    defects: jest.fn(async () => defects),
    testPoints: jest.fn(async () => points),
    dailyOutcomes: jest.fn(async () => TREND),
    ...over,
  } as ProgrammeDataSource;
}

export interface FakeServices extends ProgrammeHubServices {
  written: Record<string, string>[];
  remembered: HubState[];
  opened: number[];
}

export function fakeServices(options: {
  source?: ProgrammeDataSource;
  query?: Record<string, string>;
  remembered?: Partial<HubState>;
  configuration?: () => Promise<HubConfiguration>;
} = {}): FakeServices {
  const written: Record<string, string>[] = [];
  const remembered: HubState[] = [];
  const opened: number[] = [];
  return {
    projectName: "MHHS Programme",
    source: options.source ?? dataSource(),
    fallbackReason: () => undefined,
    loadConfiguration: options.configuration ?? (async () => configuration()),
    requestsAnswered: () => 42,
    readQuery: async () => options.query ?? {},
    writeQuery: async (params) => {
      written.push(params);
    },
    loadRemembered: async () => options.remembered,
    saveRemembered: async (state) => {
      remembered.push(state);
    },
    openWorkItem: async (id) => {
      opened.push(id);
    },
    today: () => TODAY,
    written,
    remembered,
    opened,
  };
}

/** A promise and the functions that settle it, for parts that load when a test says so. */
export function deferred<T>(): { promise: Promise<T>; resolve(value: T): void; reject(error: unknown): void } {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** jsdom has no canvas: charts then draw nothing and only their text alternative is rendered. */
export function withoutCanvas(): void {
  beforeEach(() => {
    jest.spyOn(HTMLCanvasElement.prototype, "getContext").mockReturnValue(null);
  });
}

/** A Blob's text (jsdom's Blob has no text()). */
export function blobText(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(blob);
  });
}

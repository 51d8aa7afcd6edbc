// A WidgetData over a handful of counted facts: counts by any attributes with the data sources'
// filter rules (case-insensitive equality, only the values given), and configuration in memory.
import { resolveCatalogues } from "../../../src/domain/catalogues";
import type { CoverageSummary } from "../../../src/domain/coverage";
import { UNASSIGNED } from "../../../src/domain/groupKeys";
import { DEFAULT_DEFECT_RULES, DefectRules } from "../../../src/domain/defects";
import { DEFAULT_EXIT_CRITERIA, ExitCriterion } from "../../../src/domain/exitCriteria";
import type { Participant } from "../../../src/domain/model";
import type { QualificationRequirements } from "../../../src/domain/qualificationRequirements";
import type { Counts, RequiredTestEvidence } from "../../../src/ado/dataSources";
import type { WidgetData } from "../../../src/ado/widgetData";

export type Fact = Record<string, string | number | undefined> & { count: number };

const FILTER_KEYS = ["stage", "cycle", "role", "participant", "severity"] as const;

function count<D extends string>(facts: readonly Fact[], by: readonly D[], filter: Record<string, unknown> = {}): Counts<D> {
  const groups = new Map<string, { key: Record<D, string>; count: number }>();
  let total = 0;
  for (const fact of facts) {
    const inScope = FILTER_KEYS.every((k) => filter[k] === undefined || String(fact[k] ?? "").toUpperCase() === String(filter[k]).toUpperCase());
    if (!inScope) continue;
    total += fact.count;
    const key = Object.fromEntries(by.map((d) => [d, fact[d] === undefined ? UNASSIGNED : String(fact[d])])) as Record<D, string>;
    const id = JSON.stringify(key);
    const group = groups.get(id);
    if (group) group.count += fact.count;
    else groups.set(id, { key, count: fact.count });
  }
  return { by: by.slice(), rows: [...groups.values()], total };
}

export interface FakeData extends WidgetData {
  calls: string[];
}

export function fakeWidgetData(options: {
  points?: Fact[];
  /** Open defects, with raisedDay. */
  openDefects?: Fact[];
  /** Open defects with a written work-off plan. */
  withWorkOffPlan?: Fact[];
  /** The requirement coverage summary answered for any scope. */
  coverage?: CoverageSummary;
  rules?: Partial<DefectRules>;
  criteria?: readonly ExitCriterion[];
  participants?: Participant[];
  qualification?: QualificationRequirements;
  /** What requiredTestEvidence answers, whatever is asked. */
  evidence?: RequiredTestEvidence;
  today?: string;
  fail?: Error;
}): FakeData {
  const calls: string[] = [];
  const failing = <T>(name: string, value: () => T): Promise<T> => {
    calls.push(name);
    return options.fail ? Promise.reject(options.fail) : Promise.resolve(value());
  };
  return {
    calls,
    countTestPoints: (query) => failing(`points by ${query.by.join(",")}`, () => count(options.points ?? [], query.by, query.filter as Record<string, unknown>)),
    countWorkItems: (query) => failing(`${query.subject} by ${query.by.join(",")}`, () => count(options.openDefects ?? [], query.by, query.filter as Record<string, unknown>)),
    countOpenDefectsByRaisedDay: (by, filter) => failing(`open defects by ${by.join(",")},raisedDay`, () => count(options.openDefects ?? [], [...by, "raisedDay" as const], filter as Record<string, unknown>)),
    countOpenDefectsWithWorkOffPlan: (filter) => failing("open defects with work-off plans by severity", () => count(options.withWorkOffPlan ?? [], ["severity" as const], filter as Record<string, unknown>)),
    requirementCoverage: (filter) =>
      failing(`requirement coverage of ${filter.stage ?? "every stage"}`, () => options.coverage ?? { requirements: 0, notCovered: 0, notRun: 0, failing: 0, blocked: 0, passing: 0, coveredPercent: null, passingPercent: null }),
    defectRules: async () => ({ ...DEFAULT_DEFECT_RULES, ...options.rules }),
    exitCriteria: async () => options.criteria ?? DEFAULT_EXIT_CRITERIA,
    participants: async () => options.participants ?? [],
    requiredTestEvidence: (query) =>
      failing(`required test evidence in ${query.stages.join(",")}`, () => options.evidence ?? { testCases: [], points: [] }),
    qualificationRequirements: async () => options.qualification ?? { requiredTests: [] },
    catalogues: async () => resolveCatalogues(),
    today: () => options.today ?? "2025-03-31",
  };
}

/** The dashboard's settings for a widget of a size with settings JSON. */
export function hostSettings(data: Record<string, unknown> | null, columnSpan = 2, rowSpan = 2, name = "") {
  return { name, size: { rowSpan, columnSpan }, customSettings: { data: data === null ? null : JSON.stringify({ version: 1, ...data }) } };
}

/** jsdom has no canvas: charts render their text alternative only. */
export function withoutCanvas(): void {
  Object.defineProperty(HTMLCanvasElement.prototype, "getContext", { configurable: true, value: () => null });
}

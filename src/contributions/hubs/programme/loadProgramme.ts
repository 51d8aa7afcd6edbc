// Loads what the hub shows, in parts that run side by side: the configuration documents, then
// requirements, test cases, defects and test points through the data source. Each part reports
// when it starts and settles; a part that fails is recorded with its reason and the others carry
// on, so the hub shows what it has and says what is missing, never a blank page or an endless
// spinner. A failed part can be loaded again on its own.

import { failureMessage } from "../../../ado/errors";
import { resolveCatalogues } from "../../../domain/catalogues";
import { DEFAULT_CONCURRENCY_LIMITS, DEFAULT_ENVIRONMENTS } from "../../../domain/environments";
import type { DefectRecord, RequirementRecord, TestCaseRecord, TestPointRecord } from "../../../domain/model";
import type { HubConfiguration, ProgrammeHubServices } from "./programmeServices";

export const DATA_PARTS = ["configuration", "requirements", "testCases", "defects", "points"] as const;
export type DataPart = (typeof DATA_PARTS)[number];

export const PART_LABELS: Readonly<Record<DataPart, string>> = {
  configuration: "Programme configuration",
  requirements: "Requirements",
  testCases: "Test cases",
  defects: "Defects",
  points: "Test points",
};

export type PartStatus =
  | { state: "loading" }
  | { state: "loaded"; count: number; ms: number }
  | { state: "failed"; message: string; ms: number };

export interface ProgrammeData {
  configuration?: HubConfiguration;
  requirements?: RequirementRecord[];
  testCases?: TestCaseRecord[];
  defects?: DefectRecord[];
  points?: TestPointRecord[];
  status: Record<DataPart, PartStatus>;
}

/** The configuration the hub falls back on when the documents cannot be read: the domain's defaults. */
export function defaultConfiguration(): HubConfiguration {
  return {
    catalogues: resolveCatalogues(),
    participants: [],
    environments: DEFAULT_ENVIRONMENTS.map((e) => ({ ...e })),
    allocations: [],
    limits: { ...DEFAULT_CONCURRENCY_LIMITS },
    exitCriteria: {},
    defectRules: {},
    stageEndDates: {},
    problems: [],
  };
}

export function emptyData(): ProgrammeData {
  const status = Object.fromEntries(DATA_PARTS.map((p) => [p, { state: "loading" }])) as Record<DataPart, PartStatus>;
  return { status };
}

function read(services: ProgrammeHubServices, part: DataPart): Promise<unknown[] | HubConfiguration> {
  switch (part) {
    case "configuration":
      return services.loadConfiguration();
    case "requirements":
      return services.source.requirements();
    case "testCases":
      return services.source.testCases();
    case "defects":
      return services.source.defects();
    case "points":
      return services.source.testPoints();
  }
}

export function isSettled(status: PartStatus): boolean {
  return status.state !== "loading";
}

export function allSettled(data: ProgrammeData, parts: readonly DataPart[] = DATA_PARTS): boolean {
  return parts.every((p) => isSettled(data.status[p]));
}

export function failedParts(data: ProgrammeData): DataPart[] {
  return DATA_PARTS.filter((p) => data.status[p].state === "failed");
}

/**
 * Loads the given parts side by side; `onChange` gets the new data each time a part starts or
 * settles (never the same object twice). Resolves with the data once every part has settled.
 */
export async function loadParts(
  services: ProgrammeHubServices,
  from: ProgrammeData,
  parts: readonly DataPart[],
  onChange: (data: ProgrammeData) => void,
  now: () => number = () => performance.now(),
): Promise<ProgrammeData> {
  let data: ProgrammeData = { ...from, status: { ...from.status } };
  for (const part of parts) data.status[part] = { state: "loading" };
  onChange(data);
  await Promise.all(
    parts.map(async (part) => {
      const started = now();
      let next: Partial<ProgrammeData>;
      let status: PartStatus;
      try {
        const value = await read(services, part);
        next = { [part]: value };
        status = { state: "loaded", count: Array.isArray(value) ? value.length : 1, ms: now() - started };
      } catch (error) {
        next = {};
        status = { state: "failed", message: failureMessage(error), ms: now() - started };
      }
      data = { ...data, ...next, status: { ...data.status, [part]: status } };
      onChange(data);
    }),
  );
  return data;
}

/** Everything the hub shows. */
export function loadProgramme(services: ProgrammeHubServices, onChange: (data: ProgrammeData) => void, now?: () => number): Promise<ProgrammeData> {
  return loadParts(services, emptyData(), DATA_PARTS, onChange, now);
}

/** One line on how each part went ("Requirements 1,000 in 0.4 s; ..."), for the page's data-parts and the benchmark. */
export function partsSummary(data: ProgrammeData): string {
  return DATA_PARTS.map((part) => {
    const s = data.status[part];
    if (s.state === "loading") return `${PART_LABELS[part]} loading`;
    if (s.state === "failed") return `${PART_LABELS[part]} failed after ${(s.ms / 1000).toFixed(1)} s`;
    return `${PART_LABELS[part]} ${part === "configuration" ? "" : `${s.count.toLocaleString("en-GB")} `}in ${(s.ms / 1000).toFixed(1)} s`;
  }).join("; ");
}

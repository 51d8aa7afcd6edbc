// From loaded data and the hub's filters to what each pivot shows, through src/domain only. Each
// function is pure, so the hub memoises it on the data and filters it reads.

import type { DailyTrend } from "../../../ado/dataSources/types";
import { defectReport, DefectReport } from "../../../domain/defectReport";
import { analyseEnvironments, EnvironmentAnalysis } from "../../../domain/environments";
import { environmentTimeline, EnvironmentTimeline } from "../../../domain/environmentTimeline";
import type { TestPointRecord } from "../../../domain/model";
import { qualificationView, QualificationView } from "../../../domain/qualification";
import { programmeTrend, ProgrammeTrend, stageReports, StageReport } from "../../../domain/stageReport";
import { ExtractRow, testDefectExtract } from "../../../domain/testDefectExtract";
import { traceabilityView, TraceabilityView } from "../../../domain/traceability";
import { dayToIso, parseDay } from "../../../domain/days";
import { normCode, sameCode } from "../../../domain/groupKeys";
import type { HubFilters } from "./filters";
import { defaultConfiguration, ProgrammeData } from "./loadProgramme";
import type { HubConfiguration } from "./programmeServices";

export function configurationOf(data: ProgrammeData): HubConfiguration {
  return data.configuration ?? defaultConfiguration();
}

export function overviewView(data: ProgrammeData, filters: HubFilters, asOf: string): StageReport[] {
  const config = configurationOf(data);
  return stageReports({
    stages: config.catalogues.stages,
    points: data.points ?? [],
    defects: data.defects ?? [],
    // Coverage criteria need both; without them they say they have no data rather than 0%.
    requirements: data.requirements && data.testCases ? data.requirements : undefined,
    testCases: data.requirements && data.testCases ? data.testCases : undefined,
    filter: filters,
    asOf,
    defectRules: config.defectRules,
    stageEndDates: config.stageEndDates,
    exitCriteria: config.exitCriteria,
    retests: config.retests,
  });
}

/** The trend's window: the ten weeks up to today. */
export function trendWindow(asOf: string, days = 70): { from: string; to: string } {
  const to = parseDay(asOf) ?? parseDay(new Date().toISOString()) ?? 0;
  return { from: dayToIso(to - days + 1), to: dayToIso(to) };
}

/** The trend the overview draws, with the data source's note when its outcomes are not their exact history. */
export interface TrendView extends ProgrammeTrend {
  note?: string;
}

export function trendView(data: ProgrammeData, daily: DailyTrend | undefined, filters: HubFilters, window: { from: string; to: string }): TrendView {
  const config = configurationOf(data);
  const trend = programmeTrend({ daily: daily?.days, defects: data.defects ?? [], filter: filters, from: window.from, to: window.to, closedStates: config.defectRules.closedStates });
  return daily?.note ? { ...trend, note: daily.note } : trend;
}

export function rttmView(data: ProgrammeData, filters: HubFilters): TraceabilityView {
  const config = configurationOf(data);
  return traceabilityView({
    requirements: data.requirements ?? [],
    testCases: data.testCases ?? [],
    points: data.points ?? [],
    defects: data.defects,
    filter: filters,
    closedStates: config.defectRules.closedStates,
    stageOrder: config.catalogues.stages.map((s) => s.code),
    retests: config.retests,
  });
}

export function defectsView(data: ProgrammeData, filters: HubFilters, asOf: string): DefectReport {
  const config = configurationOf(data);
  return defectReport(data.defects ?? [], { asOf, rules: config.defectRules, stageEndDates: config.stageEndDates, filter: filters });
}

export function extractView(data: ProgrammeData, filters: HubFilters): ExtractRow[] {
  const config = configurationOf(data);
  return testDefectExtract({
    participants: config.participants,
    requirements: data.requirements,
    testCases: data.testCases,
    points: data.points ?? [],
    defects: data.defects ?? [],
    filter: filters,
    closedStates: config.defectRules.closedStates,
  });
}

/** The participants pivot's figures, and where its required tests came from. */
export interface ParticipantsView extends QualificationView {
  /** Why the qualification requirements could not be read (the planned tests are taken meanwhile). */
  requirementsFailure?: string;
  /** Required-test rules configured (0 when none, or when they could not be read). */
  configuredRules?: number;
}

export function participantsView(data: ProgrammeData, filters: HubFilters, asOf: string, path?: "SIT" | "QT"): ParticipantsView {
  const config = configurationOf(data);
  const requirements = config.qualification ?? { requiredTests: [] };
  const view = qualificationView({
    participants: path ? config.participants.filter((p) => p.path === path) : config.participants,
    testCases: data.testCases ?? [],
    points: data.points ?? [],
    defects: data.defects ?? [],
    asOf,
    config: { ...requirements, defectRules: config.defectRules },
    filter: { role: filters.role, participant: filters.participant },
  });
  return {
    ...view,
    configuredRules: requirements.requiredTests.length,
    ...(config.qualificationFailure !== undefined ? { requirementsFailure: config.qualificationFailure } : {}),
  };
}

export interface EnvironmentsView {
  analysis: EnvironmentAnalysis;
  timeline: EnvironmentTimeline;
  /** Participants in scope with their peak environments at once and their limit, most first. */
  peaks: { participant: string; peak: number; limit: number | null }[];
}

export function environmentsView(data: ProgrammeData, filters: HubFilters, asOf: string): EnvironmentsView {
  const config = configurationOf(data);
  const analysis = analyseEnvironments(config.allocations, {
    environments: config.environments,
    stages: config.catalogues.stages.map((s) => s.code),
    limits: config.limits,
  });
  let participants: string[] | undefined;
  if (filters.participant !== undefined) participants = [filters.participant];
  else if (filters.role !== undefined) {
    participants = config.participants.filter((p) => p.roles.some((r) => sameCode(r, filters.role))).map((p) => p.mpid);
  }
  const wanted = participants ? new Set(participants.map(normCode)) : undefined;
  const invalid = new Set(analysis.invalid.map((i) => i.index));
  const valid = config.allocations.filter((_, i) => !invalid.has(i));
  const timeline = environmentTimeline(valid, analysis, { environments: config.environments, participants, stage: filters.stage, asOf });
  // With a stage filter, only participants holding an environment in that stage.
  const inStage = filters.stage === undefined ? undefined : new Set(timeline.environments.flatMap((e) => e.lanes.map((l) => normCode(l.participant))));
  const peaks = analysis.peaks
    .filter((p) => (!wanted || wanted.has(normCode(p.participant))) && (!inStage || inStage.has(normCode(p.participant))))
    .sort((a, b) => b.peak - a.peak || (a.participant < b.participant ? -1 : 1));
  return {
    analysis: {
      ...analysis,
      clashes: analysis.clashes.filter((c) => (!wanted || wanted.has(normCode(c.participant))) && (filters.stage === undefined || c.stage === undefined || sameCode(c.stage, filters.stage))),
      capacityClashes: analysis.capacityClashes.filter((c) => !wanted || c.participants.some((p) => wanted.has(normCode(p)))),
    },
    timeline,
    peaks,
  };
}

/** Cycles found on the points of a stage (or every stage), for the cycle filter's choices. */
export function cyclesOf(points: readonly TestPointRecord[] | undefined, stage: string | undefined): string[] {
  const seen = new Map<string, string>();
  for (const p of points ?? []) {
    if (!p.cycle) continue;
    if (stage !== undefined && !sameCode(p.stage, stage)) continue;
    const k = normCode(p.cycle);
    if (!seen.has(k)) seen.set(k, p.cycle.trim());
  }
  return Array.from(seen.values()).sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
}

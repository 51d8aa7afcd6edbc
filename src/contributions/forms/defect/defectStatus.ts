// The defect's standing as the form shows it: age against the SLA for its severity, whether it
// blocks its stage's exit, and whether (and why) a work-off plan is required. All from the domain.

import { AssessedDefect, makeDefectAssessor, resolveDefectRules, UNKNOWN_SEVERITY } from "../../../domain/defects";
import type { FieldValues } from "../shared/formBinding";
import { BUILT_IN, mhhsField } from "../shared/boundFields";
import type { DefectFormContext } from "../shared/programme";

const STAGE = mhhsField("testStage").name;
const WORK_OFF_PLAN = mhhsField("workOffPlan").name;

export interface DefectStanding {
  assessed: AssessedDefect;
  /** Why a work-off plan is required now; undefined when it is not. */
  workOffPlanRequiredBecause?: string;
}

function workingDays(n: number): string {
  return n === 1 ? "1 working day" : `${n} working days`;
}

export function assessDefectOnForm(values: FieldValues, context: DefectFormContext, isNew: boolean): DefectStanding {
  const stage = (values[STAGE] ?? "").trim();
  const options = { asOf: context.asOf, rules: context.defectRules, stageEndDates: context.stageEndDates };
  const assessed = makeDefectAssessor(options).assess({
    id: 0,
    title: "",
    state: values[BUILT_IN.state] ?? "",
    severity: values[BUILT_IN.severity] ?? "",
    stage: stage || undefined,
    // A new defect is raised when saved: its age starts today.
    createdDate: isNew || !values[BUILT_IN.createdDate] ? context.asOf : values[BUILT_IN.createdDate],
    closedDate: values[BUILT_IN.closedDate] || undefined,
    workOffPlan: values[WORK_OFF_PLAN] ?? "",
    testCaseIds: [],
  });
  if (!assessed.workOffPlanRequired) return { assessed };
  const rule = resolveDefectRules(context.defectRules).workOffPlan;
  const blocks = `an open ${assessed.severity} defect blocks the exit of ${stage || "its stage"}`;
  if (rule.mode === "always") return { assessed, workOffPlanRequiredBecause: `${blocks}, and every such defect needs a plan` };
  const end = Object.entries(context.stageEndDates).find(([code]) => code.trim().toUpperCase() === stage.toUpperCase())?.[1];
  const ended = end !== undefined && end < context.asOf;
  return {
    assessed,
    workOffPlanRequiredBecause: `${blocks}, which ${ended ? "was" : "is"} planned to end on ${end} (plans are required from ${workingDays(
      rule.windowWorkingDays,
    )} before the end)`,
  };
}

export type Tone = "good" | "bad" | "neutral";

export interface StandingLine {
  text: string;
  tone: Tone;
}

export function describeAge(standing: DefectStanding, isNew: boolean): StandingLine {
  const { assessed } = standing;
  const severityKnown = assessed.severity !== UNKNOWN_SEVERITY;
  const target = assessed.slaTargetWorkingDays;
  const sla = !severityKnown
    ? "no SLA target until a severity is set"
    : target === null
      ? `no SLA target for ${assessed.severity}`
      : `SLA for ${assessed.severity}: ${workingDays(target)}`;
  if (isNew) return { text: `New defect: its age counts from when it is saved; ${sla}.`, tone: "neutral" };
  const age = assessed.ageWorkingDays;
  if (age === null) return { text: `Age unknown (the created or closed date cannot be read); ${sla}.`, tone: "neutral" };
  const opened = assessed.open ? `Open for ${workingDays(age)}` : `Closed after ${workingDays(age)}`;
  if (!severityKnown || target === null) return { text: `${opened}; ${sla}.`, tone: "neutral" };
  if (assessed.slaBreached) return { text: `${opened}; ${sla}: breached by ${workingDays(age - target)}.`, tone: "bad" };
  return {
    text: assessed.open ? `${opened}; ${sla}: ${workingDays(target - age)} left.` : `${opened}; ${sla}: met.`,
    tone: "good",
  };
}

export function describeExit(standing: DefectStanding, stage: string): StandingLine {
  const { assessed } = standing;
  if (assessed.exitBlocking) return { text: `Blocks the exit of ${stage.trim() || "its stage"}.`, tone: "bad" };
  if (!assessed.open) return { text: "Closed: does not block the stage's exit.", tone: "good" };
  if (assessed.severity === UNKNOWN_SEVERITY) return { text: "Set a severity to see whether it blocks the stage's exit.", tone: "neutral" };
  return { text: `Does not block the stage's exit (${assessed.severity} is not an exit-blocking severity).`, tone: "good" };
}

// What the hub's defects view shows for the defects in scope: the summary of defects.ts (open by
// severity, ageing, SLA breaches, exit-blocking defects without a work-off plan), open defects by
// role x category x severity, and the open defects themselves, most severe and oldest first.

import type { AssessedDefect, DefectSummary, DefectSummaryOptions, SeverityRow } from "./defects";
import { compareAssessed, countOpenDefectsBy, makeDefectAssessor, matchesDefectFilter, summariseDefects } from "./defects";
import type { DefectRecord } from "./model";

export interface DefectReport {
  summary: DefectSummary;
  /** Open defects counted by severity for each role x category. */
  byRoleCategory: SeverityRow[];
  /** Every open defect in scope, assessed, most severe then oldest first. */
  open: AssessedDefect[];
}

export function defectReport(defects: readonly DefectRecord[], options: DefectSummaryOptions): DefectReport {
  const summary = summariseDefects(defects, options);
  const assessor = makeDefectAssessor(options);
  const open: AssessedDefect[] = [];
  for (const d of defects) {
    if (!matchesDefectFilter(d, options.filter)) continue;
    const a = assessor.assess(d);
    if (a.open) open.push(a);
  }
  open.sort(compareAssessed);
  return { summary, byRoleCategory: countOpenDefectsBy(open, ["role", "category"]), open };
}

export const OPEN_DEFECT_HEADINGS = [
  "Id",
  "Title",
  "Severity",
  "State",
  "Stage",
  "Cycle",
  "Role",
  "Participant",
  "Category",
  "Environment",
  "Age (working days)",
  "SLA Target (working days)",
  "SLA Breached",
  "Exit Blocking",
  "Work-off Plan",
] as const;

export function openDefectExportRows(open: readonly AssessedDefect[]): (string | number)[][] {
  return open.map((a) => [
    a.id,
    a.defect.title,
    a.severity,
    a.defect.state,
    a.defect.stage ?? "",
    a.defect.cycle ?? "",
    a.defect.role ?? "",
    a.defect.participant ?? "",
    a.defect.category ?? "",
    a.defect.environment ?? "",
    a.ageWorkingDays ?? "",
    a.slaTargetWorkingDays ?? "",
    a.slaBreached ? "Yes" : "No",
    a.exitBlocking ? "Yes" : "No",
    a.hasWorkOffPlan ? "Yes" : a.exitBlocking ? "Missing" : "No",
  ]);
}

import * as React from "react";
import { SLA_TARGETS } from "../../../ado/configStore";
import { DEFAULT_DEFECT_RULES, DefectRulesInput, resolveDefectRules, validateDefectRules, WorkOffPlanMode } from "../../../domain/defects";
import { SEVERITIES } from "../../../domain/model";
import type { TabProps } from "./AdminHub";
import { Choice, ListInput, MultiChoice, TextInput } from "./controls";
import { DocumentFrame } from "./DocumentFrame";
import { useConfigDocument } from "./useConfigDocument";

/** The domain's verdict on one part of the rules, so its messages show at that part's field. */
function problemsOf(part: DefectRulesInput): string[] {
  return validateDefectRules(part).messages;
}

function typed(text: string): number | null | string {
  if (text.trim() === "") return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : text;
}

const MODES: { id: WorkOffPlanMode; text: string }[] = [
  { id: "nearStageEnd", text: "Near the stage's planned end" },
  { id: "always", text: "Always, for exit-blocking defects" },
  { id: "never", text: "Never" },
];

/** SLA targets per severity and the defect rules that go with them. The defaults are placeholders, not the programme's. */
export function SlaTargetsTab(props: TabProps): JSX.Element {
  const doc = useConfigDocument(SLA_TARGETS, props.services, props.catalogues);
  return (
    <DocumentFrame
      title="SLA targets and defect rules"
      description="Working days to resolve a defect of each severity, which severities block a stage's exit, and when an open blocking defect needs a work-off plan. The programme's own targets are not public: the defaults are placeholders."
      doc={doc}
    >
      {(draft: DefectRulesInput) => {
        const rules = resolveDefectRules(draft);
        const set = (change: Partial<DefectRulesInput>) => doc.update((d) => ({ ...d, ...change }));
        return (
          <>
            <h3>Resolution targets (working days)</h3>
            <div className="mhhs-admin-form">
              {SEVERITIES.map((severity) => {
                const raw = draft.slaWorkingDays?.[severity];
                const shown = raw === undefined ? String(DEFAULT_DEFECT_RULES.slaWorkingDays[severity] ?? "") : raw === null ? "" : String(raw);
                return (
                  <TextInput
                    key={severity}
                    name={`sla.${severity}`}
                    label={severity}
                    value={shown}
                    onChange={(v) => set({ slaWorkingDays: { ...draft.slaWorkingDays, [severity]: typed(v) as number | null } })}
                    problems={problemsOf({ slaWorkingDays: { [severity]: raw } as Record<string, number | null> })}
                    placeholder="no target"
                  />
                );
              })}
            </div>
            <h3>Exit and work-off plans</h3>
            <div className="mhhs-admin-form">
              <MultiChoice
                name="exitBlockingSeverities"
                label="Severities that block a stage's exit"
                options={SEVERITIES.map((s) => ({ id: s, text: s }))}
                values={rules.exitBlockingSeverities.slice()}
                onChange={(values) => set({ exitBlockingSeverities: values })}
                problems={problemsOf({ exitBlockingSeverities: draft.exitBlockingSeverities })}
              />
              <Choice
                name="workOffPlan.mode"
                label="A work-off plan is required"
                value={rules.workOffPlan.mode}
                options={MODES}
                onChange={(v) => set({ workOffPlan: { ...draft.workOffPlan, mode: v as WorkOffPlanMode } })}
                problems={problemsOf({ workOffPlan: { mode: draft.workOffPlan?.mode } })}
              />
              <TextInput
                name="workOffPlan.windowWorkingDays"
                label="Working days before the stage's end"
                value={String(draft.workOffPlan?.windowWorkingDays ?? rules.workOffPlan.windowWorkingDays)}
                onChange={(v) => set({ workOffPlan: { ...draft.workOffPlan, windowWorkingDays: typed(v) as number } })}
                problems={problemsOf({ workOffPlan: { windowWorkingDays: draft.workOffPlan?.windowWorkingDays } })}
                disabled={rules.workOffPlan.mode !== "nearStageEnd"}
              />
            </div>
            <h3>States and calendar</h3>
            <div className="mhhs-admin-form">
              <ListInput
                name="closedStates"
                label="States that count as closed"
                values={draft.closedStates ?? rules.closedStates}
                onChange={(values) => set({ closedStates: values })}
                problems={problemsOf({ closedStates: draft.closedStates })}
                wide
              />
              <ListInput
                name="bankHolidays"
                label="Bank holidays (not working days)"
                values={draft.bankHolidays ?? []}
                onChange={(values) => set({ bankHolidays: values })}
                problems={problemsOf({ bankHolidays: draft.bankHolidays })}
                placeholder="yyyy-mm-dd; yyyy-mm-dd"
                wide
              />
              <ListInput
                name="ageingBuckets"
                label="Ageing buckets (upper bounds in working days)"
                values={(draft.ageingBuckets ?? rules.ageingBuckets).map(String)}
                onChange={(values) => set({ ageingBuckets: values.map((v) => typed(v) as number) })}
                problems={problemsOf({ ageingBuckets: draft.ageingBuckets })}
                placeholder="5; 10; 20"
                wide
              />
            </div>
          </>
        );
      }}
    </DocumentFrame>
  );
}

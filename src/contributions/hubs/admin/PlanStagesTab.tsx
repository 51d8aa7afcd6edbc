import * as React from "react";
import { Button } from "azure-devops-ui/Button";
import { MessageCard, MessageCardSeverity } from "azure-devops-ui/MessageCard";
import { ZeroData } from "azure-devops-ui/ZeroData";
import { PLAN_STAGE_MAPPING, PlanStage, PlanStageMappingConfig } from "../../../ado/configStore";
import { failureMessage } from "../../../ado/errors";
import { DataTable } from "../../../ui/DataTable";
import type { TestPlanSummary } from "./adminServices";
import type { TabProps } from "./AdminHub";
import { Choice, stageChoices, TextInput } from "./controls";
import { DocumentFrame } from "./DocumentFrame";
import { messagesAt, useConfigDocument } from "./useConfigDocument";

type PlansState = { status: "loading" } | { status: "loaded"; plans: TestPlanSummary[] } | { status: "failed"; error: string };

/** Which stage (and cycle) each test plan tests: progress and exit figures count points by it. */
export function PlanStagesTab(props: TabProps): JSX.Element {
  const { services, catalogues } = props;
  const doc = useConfigDocument(PLAN_STAGE_MAPPING, services, catalogues);
  const [plans, setPlans] = React.useState<PlansState>({ status: "loading" });

  React.useEffect(() => {
    let current = true;
    services.listTestPlans().then(
      (list) => current && setPlans({ status: "loaded", plans: list }),
      (error: unknown) => current && setPlans({ status: "failed", error: failureMessage(error) }),
    );
    return () => {
      current = false;
    };
  }, [services]);

  const stageOptions = React.useMemo(() => stageChoices(catalogues), [catalogues]);
  const known = plans.status === "loaded" ? plans.plans : [];

  return (
    <DocumentFrame
      title="Test plans → stages"
      description="Map each test plan to the stage it tests and, where the stage runs in cycles, the cycle. Points of unmapped plans take the stage of their test case."
      doc={doc}
    >
      {(draft: PlanStageMappingConfig) => {
        const setRow = (index: number, change: Partial<PlanStage>) =>
          doc.update((d) => ({ plans: d.plans.map((p, i) => (i === index ? (clean({ ...p, ...change }) as PlanStage) : p)) }));
        const unmapped = known.filter((plan) => !draft.plans.some((p) => p.planId === plan.id));
        return (
          <>
            {plans.status === "failed" ? (
              <MessageCard className="mhhs-message" severity={MessageCardSeverity.Warning}>
                {`The project's test plans could not be listed (${plans.error}); enter plan ids by hand.`}
              </MessageCard>
            ) : null}
            {draft.plans.length === 0 ? (
              <ZeroData imageAltText="" iconProps={{ iconName: "TestPlan" }} primaryText="No test plan is mapped yet" secondaryText="Add a mapping for each test plan of the programme." />
            ) : (
              <DataTable ariaLabel="Test plan mappings" columns={["Test plan", "Stage", "Cycle", ""]}>
                {draft.plans.map((row, index) => {
                  const name = known.find((p) => p.id === row.planId)?.name;
                  return (
                    <tr key={index} data-plan={row.planId}>
                      <td>
                        <TextInput
                          label={`Plan id of mapping ${index + 1}`}
                          value={row.planId === undefined || row.planId === null ? "" : String(row.planId)}
                          onChange={(v) => setRow(index, { planId: v.trim() === "" ? (undefined as unknown as number) : Number.isFinite(Number(v)) ? Number(v) : (v as unknown as number) })}
                          problems={messagesAt(doc.problems, `plans[${index}].planId`)}
                          note={name}
                        />
                      </td>
                      <td>
                        <Choice label={`Stage of mapping ${index + 1}`} value={row.stage} options={stageOptions} onChange={(v) => setRow(index, { stage: v })} problems={messagesAt(doc.problems, `plans[${index}].stage`)} />
                      </td>
                      <td>
                        <TextInput
                          label={`Cycle of mapping ${index + 1}`}
                          value={row.cycle ?? ""}
                          onChange={(v) => setRow(index, { cycle: v === "" ? undefined : v })}
                          problems={messagesAt(doc.problems, `plans[${index}].cycle`)}
                          placeholder="e.g. C1"
                        />
                      </td>
                      <td>
                        <Button subtle iconProps={{ iconName: "Delete" }} ariaLabel={`Remove mapping ${index + 1}`} onClick={() => doc.update((d) => ({ plans: d.plans.filter((_p, i) => i !== index) }))} />
                      </td>
                    </tr>
                  );
                })}
              </DataTable>
            )}
            <div className="mhhs-admin-toolbar flex-row">
              {unmapped.length > 0 ? (
                unmapped.slice(0, 10).map((plan) => (
                  <Button key={plan.id} text={`Map ${plan.name} (${plan.id})`} iconProps={{ iconName: "Add" }} onClick={() => doc.update((d) => ({ plans: [...d.plans, { planId: plan.id, stage: "" }] }))} />
                ))
              ) : (
                <Button text="Add mapping" iconProps={{ iconName: "Add" }} onClick={() => doc.update((d) => ({ plans: [...d.plans, { planId: undefined as unknown as number, stage: "" }] }))} />
              )}
            </div>
          </>
        );
      }}
    </DocumentFrame>
  );
}

function clean(value: object): object {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}

import * as React from "react";
import { Button } from "azure-devops-ui/Button";
import { ZeroData } from "azure-devops-ui/ZeroData";
import { ENVIRONMENTS_PLAN, EnvironmentsPlanConfig } from "../../../ado/configStore";
import { analyseEnvironments, EnvironmentAllocation, EnvironmentDefinition } from "../../../domain/environments";
import { ALLOCATION_COLUMNS, allocationExportRows, AllocationField, checkAllocation, ENVIRONMENT_COLUMNS, environmentExportRows, readEnvironmentsPlanRows } from "../../../domain/registerImport";
import { DataTable } from "../../../ui/DataTable";
import { ExportButtons } from "../../../ui/export/ExportButtons";
import { sheetOfRecords } from "../../../ui/export/spreadsheet";
import { pickSheet } from "../../../ui/spreadsheetImport";
import type { TabProps } from "./AdminHub";
import { Choice, ProblemCell, SelectableRow, stageChoices, TextInput } from "./controls";
import { DocumentFrame } from "./DocumentFrame";
import { ImportPanel } from "./ImportPanel";
import { RegisterFailure, useParticipantRegister } from "./participantRegister";
import { messagesAt, problemsUnder, useConfigDocument } from "./useConfigDocument";

/** A typed whole number, or the text as typed so the validator can say what is wrong with it. */
function wholeNumber(text: string): number | undefined {
  if (text.trim() === "") return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : (text as unknown as number);
}

function numberText(value: unknown): string {
  return value === undefined || value === null ? "" : String(value);
}

/** Environments, concurrency limits and allocations of environments to participants per stage. */
export function EnvironmentsTab(props: TabProps): JSX.Element {
  const { services, catalogues } = props;
  const doc = useConfigDocument(ENVIRONMENTS_PLAN, services, catalogues);
  const registerState = useParticipantRegister(services, catalogues);
  const register = registerState.participants;
  const [selected, setSelected] = React.useState<number | undefined>();

  const stageOptions = React.useMemo(() => stageChoices(catalogues), [catalogues]);
  const stageCodes = React.useMemo(() => catalogues.stages.map((s) => s.code), [catalogues]);
  const plan = doc.state.status === "ready" ? doc.state.draft : undefined;
  // The concurrency analysis follows the plan, not every render (choosing a row, typing in the filter of a choice).
  const analysis = React.useMemo(
    () => (plan ? analyseEnvironments(plan.allocations, { environments: plan.environments, stages: stageCodes, limits: plan.limits }) : undefined),
    [plan?.allocations, plan?.environments, plan?.limits, stageCodes],
  );
  const sheets = () => {
    const draft: EnvironmentsPlanConfig | undefined = doc.state.status === "ready" ? doc.state.draft : undefined;
    return [
      sheetOfRecords("Allocations", ALLOCATION_COLUMNS.map((c) => c.heading), allocationExportRows(draft?.allocations ?? [])),
      sheetOfRecords("Environments", ENVIRONMENT_COLUMNS.map((c) => c.heading), environmentExportRows(draft?.environments ?? [])),
    ];
  };

  return (
    <DocumentFrame
      title="Environments plan"
      description="The test environments, how many each participant may hold at once, and which participant uses which environment in which stage, from and to."
      doc={doc}
      actions={doc.state.status === "ready" ? <ExportButtons fileName="environments-plan" formats={["csv", "xlsx"]} sheets={sheets} /> : null}
    >
      {(draft: EnvironmentsPlanConfig) => {
        const setEnvironment = (index: number, change: Partial<EnvironmentDefinition>) =>
          doc.update((d) => ({ ...d, environments: d.environments.map((e, i) => (i === index ? withoutBlanks({ ...e, ...change }) : e)) }));
        const setAllocation = (index: number, change: Partial<EnvironmentAllocation>) =>
          doc.update((d) => ({ ...d, allocations: d.allocations.map((a, i) => (i === index ? { ...a, ...change } : a)) }));
        const environmentOptions = draft.environments.map((e) => ({ id: e.code, text: e.name ? `${e.code} – ${e.name}` : e.code }));
        const chosen = selected !== undefined ? draft.allocations[selected] : undefined;
        const chosenProblems = chosen ? checkAllocation(chosen, { environments: draft.environments, stages: stageCodes, register }) : [];
        return (
          <>
            <h3>Environments</h3>
            <DataTable ariaLabel="Environments" columns={["Code", "Name", "Capacity (participants at once)", ""]}>
              {draft.environments.map((environment, index) => (
                <tr key={index} data-environment={environment.code}>
                  <td>
                    <TextInput label={`Code of environment ${index + 1}`} value={environment.code} onChange={(v) => setEnvironment(index, { code: v })} problems={messagesAt(doc.problems, `environments[${index}].code`)} />
                  </td>
                  <td>
                    <TextInput label={`Name of environment ${index + 1}`} value={environment.name ?? ""} onChange={(v) => setEnvironment(index, { name: v })} />
                  </td>
                  <td>
                    <TextInput
                      label={`Capacity of environment ${index + 1}`}
                      value={numberText(environment.capacity)}
                      onChange={(v) => setEnvironment(index, { capacity: wholeNumber(v) })}
                      problems={messagesAt(doc.problems, `environments[${index}].capacity`)}
                      placeholder="no limit"
                    />
                  </td>
                  <td>
                    <Button
                      subtle
                      iconProps={{ iconName: "Delete" }}
                      ariaLabel={`Remove environment ${environment.code || index + 1}`}
                      onClick={() => doc.update((d) => ({ ...d, environments: d.environments.filter((_e, i) => i !== index) }))}
                    />
                  </td>
                </tr>
              ))}
            </DataTable>
            <div className="mhhs-admin-toolbar flex-row">
              <Button text="Add environment" iconProps={{ iconName: "Add" }} onClick={() => doc.update((d) => ({ ...d, environments: [...d.environments, { code: "" }] }))} />
            </div>

            <h3>Concurrency limits</h3>
            <div className="mhhs-admin-form">
              <TextInput
                name="limits.overall"
                label="Environments a participant may hold at once"
                value={numberText(draft.limits.overall)}
                onChange={(v) => doc.update((d) => ({ ...d, limits: withoutBlanks({ ...d.limits, overall: wholeNumber(v) }) }))}
                problems={messagesAt(doc.problems, "limits.overall")}
                placeholder="no limit"
              />
              {catalogues.stages.map((stage) => (
                <TextInput
                  key={stage.code}
                  name={`limits.byStage.${stage.code}`}
                  label={`At once in ${stage.code}`}
                  value={numberText(draft.limits.byStage?.[stage.code])}
                  onChange={(v) =>
                    doc.update((d) => {
                      const byStage: Record<string, number> = { ...(d.limits.byStage ?? {}) };
                      const n = wholeNumber(v);
                      if (n === undefined) delete byStage[stage.code];
                      else byStage[stage.code] = n;
                      return { ...d, limits: withoutBlanks({ ...d.limits, byStage: Object.keys(byStage).length > 0 ? byStage : undefined }) };
                    })
                  }
                  problems={messagesAt(doc.problems, `limits.byStage.${stage.code}`)}
                  placeholder="no limit"
                />
              ))}
            </div>

            <h3>Allocations</h3>
            <RegisterFailure register={registerState} consequence="the allocations' MPIDs are not checked against it" />
            <div className="mhhs-admin-columns">
              <div>
                <div className="mhhs-admin-toolbar flex-row">
                  <Button
                    text="Add allocation"
                    iconProps={{ iconName: "Add" }}
                    onClick={() => {
                      doc.update((d) => ({ ...d, allocations: [...d.allocations, { participant: "", environment: d.environments[0]?.code ?? "", stage: catalogues.stages[0]?.code ?? "", from: "", to: "" }] }));
                      setSelected(draft.allocations.length);
                    }}
                  />
                  <span className="mhhs-admin-status">{`${draft.allocations.length} allocation${draft.allocations.length === 1 ? "" : "s"}`}</span>
                </div>
                {draft.allocations.length === 0 ? (
                  <ZeroData imageAltText="" iconProps={{ iconName: "Calendar" }} primaryText="No allocations yet" secondaryText="Add them one by one, or import a spreadsheet below." />
                ) : (
                  <div className="mhhs-admin-list">
                    <DataTable ariaLabel="Allocations" columns={["Participant", "Environment", "Stage", "From", "To", "Problems"]}>
                      {draft.allocations.map((allocation, index) => {
                        const problems = problemsUnder(doc.problems, `allocations[${index}]`);
                        return (
                          <SelectableRow
                            key={index}
                            selected={index === selected}
                            onSelect={() => setSelected(index)}
                          >
                            <td>{allocation.participant || "(new)"}</td>
                            <td>{allocation.environment}</td>
                            <td>{allocation.stage}</td>
                            <td>{allocation.from}</td>
                            <td>{allocation.to}</td>
                            <ProblemCell problems={problems} />
                          </SelectableRow>
                        );
                      })}
                    </DataTable>
                  </div>
                )}
              </div>
              <div>
                {chosen && selected !== undefined ? (
                  <AllocationEditor
                    key={selected}
                    allocation={chosen}
                    problems={(field) => chosenProblems.filter((p) => p.field === field).map((p) => p.message)}
                    environmentOptions={environmentOptions}
                    stageOptions={stageOptions}
                    onChange={(change) => setAllocation(selected, change)}
                    onRemove={() => {
                      doc.update((d) => ({ ...d, allocations: d.allocations.filter((_a, i) => i !== selected) }));
                      setSelected(undefined);
                    }}
                  />
                ) : (
                  <p className="mhhs-admin-status">Choose an allocation to change it.</p>
                )}
              </div>
            </div>
            {analysis ? <ConcurrencySummary analysis={analysis} /> : null}
            <ImportPanel
              title="Import the environments plan"
              hint={`A CSV of allocations (${ALLOCATION_COLUMNS.map((c) => c.heading).join(", ")}; dates as yyyy-mm-dd), or a workbook with an "Allocations" sheet and, to replace the list of environments, an "Environments" sheet (${ENVIRONMENT_COLUMNS.map((c) => c.heading).join(", ")}). The allocations replace the plan's; nothing changes until you apply, then save.`}
              dryRun={(workbook) => {
                const allocations = workbook.format === "xlsx" ? pickSheet(workbook, ["Allocations"]) : workbook.sheets[0];
                const environments = workbook.format === "xlsx" ? workbook.sheets.find((s) => s.name.toLowerCase() === "environments") : undefined;
                const read = readEnvironmentsPlanRows(
                  { allocations: allocations?.table ?? { headers: [], rows: [] }, environments: environments?.table },
                  { environments: draft.environments, catalogues, register },
                );
                const bad = new Set(read.problems.map((p) => p.row)).size;
                return {
                  summary: `${read.allocations.length} allocation${read.allocations.length === 1 ? "" : "s"}${
                    read.environments ? ` and ${read.environments.length} environment${read.environments.length === 1 ? "" : "s"}` : ""
                  } to apply; ${bad} row${bad === 1 ? "" : "s"} with problems.`,
                  problems: read.problems,
                  canApply: read.allocations.length > 0 || (read.environments?.length ?? 0) > 0,
                  applyLabel: "Apply to the plan",
                  apply: () => {
                    doc.update((d) => ({ ...d, environments: read.environments ?? d.environments, allocations: read.allocations.map((a) => a.allocation) }));
                    setSelected(undefined);
                  },
                };
              }}
            />
          </>
        );
      }}
    </DocumentFrame>
  );
}

function withoutBlanks<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== "")) as T;
}

function AllocationEditor(props: {
  allocation: EnvironmentAllocation;
  problems(field: AllocationField): string[];
  environmentOptions: { id: string; text: string }[];
  stageOptions: { id: string; text: string }[];
  onChange(change: Partial<EnvironmentAllocation>): void;
  onRemove(): void;
}): JSX.Element {
  const { allocation, onChange, problems } = props;
  return (
    <div role="group" aria-label="Allocation">
      <div className="mhhs-admin-form">
        <TextInput name="participant" label="Participant (MPID)" value={allocation.participant} onChange={(v) => onChange({ participant: v.toUpperCase() })} problems={problems("participant")} />
        <Choice name="environment" label="Environment" value={allocation.environment} options={props.environmentOptions} onChange={(v) => onChange({ environment: v })} problems={problems("environment")} />
        <Choice name="stage" label="Stage" value={allocation.stage} options={props.stageOptions} onChange={(v) => onChange({ stage: v })} problems={problems("stage")} />
        <TextInput name="from" label="From" value={allocation.from} onChange={(v) => onChange({ from: v })} problems={problems("from")} placeholder="yyyy-mm-dd" />
        <TextInput name="to" label="To" value={allocation.to} onChange={(v) => onChange({ to: v })} problems={problems("to")} placeholder="yyyy-mm-dd" />
      </div>
      {problems("allocation").length > 0 ? <p className="mhhs-bad">{problems("allocation").join(" ")}</p> : null}
      <div className="mhhs-admin-toolbar flex-row">
        <Button text="Remove allocation" iconProps={{ iconName: "Delete" }} onClick={props.onRemove} />
      </div>
    </div>
  );
}

function ConcurrencySummary(props: { analysis: ReturnType<typeof analyseEnvironments> }): JSX.Element {
  const { clashes, capacityClashes } = props.analysis;
  if (clashes.length === 0 && capacityClashes.length === 0) {
    return <p className="mhhs-summary mhhs-ok">No participant holds more environments than its limit, and no environment is over its capacity.</p>;
  }
  return (
    <div className="mhhs-admin-section" role="region" aria-label="Concurrency">
      <h3>Over the limits</h3>
      <ul className="mhhs-problems">
        {clashes.map((c, i) => (
          <li key={`c-${i}`}>{`${c.participant}${c.stage ? ` in ${c.stage}` : ""}: ${c.peak} environments at once (${c.environments.join(", ")}) from ${c.from} to ${c.to}, limit ${c.limit}`}</li>
        ))}
        {capacityClashes.map((c, i) => (
          <li key={`e-${i}`}>{`${c.environment}: ${c.peak} participants at once from ${c.from} to ${c.to}, capacity ${c.capacity}`}</li>
        ))}
      </ul>
    </div>
  );
}

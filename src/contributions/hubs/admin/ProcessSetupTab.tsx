import * as React from "react";
import { Button } from "azure-devops-ui/Button";
import { MessageCard, MessageCardSeverity } from "azure-devops-ui/MessageCard";
import { ProgressBar } from "azure-devops-ui/ProgressBar";
import { ZeroData } from "azure-devops-ui/ZeroData";
import { ENVIRONMENTS_PLAN } from "../../../ado/configStore";
import { failureMessage } from "../../../ado/errors";
import type { PicklistLists } from "../../../ado/fields";
import { changeProcessInstructions, checkProcessName, SetupRun, StepProgress, StepStatus, suggestProcessName } from "../../../ado/processSetup";
import { CATEGORY_NAMES, groupStepsByTarget, SetupStep } from "../../../domain/processPlan";
import { DataTable } from "../../../ui/DataTable";
import { LoadFailure, Loading } from "../../../ui/LoadStatus";
import type { ProcessCheck } from "./adminServices";
import type { TabProps } from "./AdminHub";
import { TextInput } from "./controls";

type CheckState = { status: "loading" } | { status: "failed"; error: string } | { status: "checked"; check: ProcessCheck };

type RunState =
  | { status: "idle" }
  | { status: "running"; statuses: Record<string, StepStatus>; notes: Record<string, string>; finished: number; total: number; steps: SetupStep[] }
  | { status: "finished"; statuses: Record<string, StepStatus>; notes: Record<string, string>; run: SetupRun; steps: SetupStep[] };

const STATUS_TEXT: Record<StepStatus, string> = {
  pending: "To do",
  running: "Running…",
  done: "Done",
  skipped: "Already in place",
  failed: "Failed",
  notRun: "Not done",
};

function StepList(props: { steps: readonly SetupStep[]; statuses?: Record<string, StepStatus>; notes?: Record<string, string> }): JSX.Element {
  return (
    <>
      {groupStepsByTarget(props.steps).map((group) => (
        <div key={group.target}>
          <h3>{group.target}</h3>
          <ol className="mhhs-steps" aria-label={`Changes to ${group.target}`}>
            {group.steps.map((step) => {
              const status = props.statuses?.[step.id];
              const tone = status === "failed" ? "mhhs-bad" : status === "done" || status === "skipped" ? "mhhs-good" : status === "notRun" ? "mhhs-warn" : "";
              return (
                <li key={step.id} data-step={step.id} data-status={status ?? "pending"}>
                  <div>
                    {status ? <strong className={tone}>{`${STATUS_TEXT[status]}: `}</strong> : null}
                    {step.title}
                  </div>
                  <div className="mhhs-step-reason">{props.notes?.[step.id] ?? step.reason}</div>
                </li>
              );
            })}
          </ol>
        </div>
      ))}
    </>
  );
}

function NewProcess(props: { check: ProcessCheck; services: TabProps["services"]; onCreated(): void }): JSX.Element {
  const { reading } = props.check;
  const process = reading.state.process;
  const [name, setName] = React.useState(() => suggestProcessName(process.name, reading.projectName, reading.processNames));
  const [state, setState] = React.useState<{ status: "idle" } | { status: "creating" } | { status: "created"; name: string } | { status: "failed"; error: string }>({ status: "idle" });
  const problem = checkProcessName(name, reading.processNames);
  const create = async () => {
    setState({ status: "creating" });
    try {
      const created = await props.services.createInheritedProcess({ id: process.id, name: process.name }, name);
      setState({ status: "created", name: created.name });
    } catch (error) {
      setState({ status: "failed", error: failureMessage(error) });
    }
  };
  if (state.status === "created") {
    return (
      <div className="mhhs-admin-section" role="region" aria-label="Move the project to the new process">
        <MessageCard className="mhhs-message" severity={MessageCardSeverity.Info}>
          {`The inherited process "${state.name}" was created from ${process.name}. Now move ${reading.projectName} to it: Azure DevOps does this in Organization settings only.`}
        </MessageCard>
        <ol className="mhhs-instructions">
          {changeProcessInstructions(reading.projectName, process.name, state.name).map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ol>
        <Button primary text="Check again" onClick={props.onCreated} />
      </div>
    );
  }
  return (
    <div className="mhhs-admin-section" role="region" aria-label="Create an inherited process">
      <h3>Create an inherited process</h3>
      <p>
        {`An inherited process starts as a copy of ${process.name} that can be changed. This page can create it for you; you then move the project to it in Organization settings (the steps are shown once it exists).`}
      </p>
      <div className="mhhs-admin-form">
        <TextInput label="Name of the new process" value={name} onChange={setName} problems={problem ? [problem] : []} />
      </div>
      <div className="mhhs-admin-toolbar flex-row">
        <Button primary text="Create the inherited process" disabled={Boolean(problem) || state.status === "creating"} onClick={() => void create()} />
      </div>
      {state.status === "creating" ? <Loading label="Creating the process…" /> : null}
      {state.status === "failed" ? <LoadFailure message={state.error} /> : null}
    </div>
  );
}

function TypeTable(props: { check: ProcessCheck }): JSX.Element {
  const { plan } = props.check;
  return (
    <DataTable ariaLabel="MHHS fields and groups per work item type" columns={["Category", "Work item type", "MHHS fields", "MHHS group on the form"]}>
      {plan.types.map((type) => (
        <tr key={type.category} data-type={type.typeName}>
          <td>{CATEGORY_NAMES[type.category]}</td>
          <td>{type.typeName}</td>
          <td className={type.fieldsPresent === type.fieldsWanted ? "mhhs-good" : "mhhs-bad"}>{`${type.fieldsPresent} of ${type.fieldsWanted}`}</td>
          <td className={type.groupShown && type.strayGroups === 0 ? "mhhs-good" : "mhhs-bad"}>
            {type.groupShown ? (type.strayGroups === 0 ? "Shown" : `Shown, with ${type.strayGroups} other MHHS group(s) to hide`) : "Not shown"}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}

/** Detects the process, lists what the MHHS set-up needs, and applies it step by step. */
export function ProcessSetupTab(props: TabProps): JSX.Element {
  const { services, catalogues } = props;
  const [check, setCheck] = React.useState<CheckState>({ status: "loading" });
  const [run, setRun] = React.useState<RunState>({ status: "idle" });
  const [attempt, setAttempt] = React.useState(0);

  React.useEffect(() => {
    let current = true;
    setCheck({ status: "loading" });
    (async () => {
      const plan = await services.loadConfig(ENVIRONMENTS_PLAN, catalogues);
      const lists: PicklistLists = { ...catalogues, environments: plan.data.environments };
      return services.checkProcess(lists);
    })().then(
      (result) => current && setCheck({ status: "checked", check: result }),
      (error: unknown) => current && setCheck({ status: "failed", error: failureMessage(error) }),
    );
    return () => {
      current = false;
    };
  }, [services, catalogues, attempt]);

  const checkAgain = React.useCallback(() => setAttempt((n) => n + 1), []);

  const apply = async (result: ProcessCheck) => {
    const steps = result.plan.steps;
    const statuses: Record<string, StepStatus> = Object.fromEntries(steps.map((s) => [s.id, "pending" as StepStatus]));
    const notes: Record<string, string> = {};
    let finished = 0;
    setRun({ status: "running", statuses: { ...statuses }, notes: {}, finished, total: steps.length, steps });
    const onProgress = (progress: StepProgress) => {
      statuses[progress.step.id] = progress.status;
      if (progress.note) notes[progress.step.id] = progress.note;
      if (progress.status === "done" || progress.status === "skipped") finished++;
      setRun({ status: "running", statuses: { ...statuses }, notes: { ...notes }, finished, total: steps.length, steps });
    };
    try {
      const outcome = await services.applyProcessSteps(result.reading.state, steps, onProgress);
      setRun({ status: "finished", statuses: { ...statuses }, notes: { ...notes }, run: outcome, steps });
    } catch (error) {
      const message = failureMessage(error);
      setRun({ status: "finished", statuses: { ...statuses }, notes: { ...notes }, run: { done: [], skipped: [], notRun: steps.slice(), failed: { step: steps[0], message } }, steps });
    }
    checkAgain();
  };

  const running = run.status === "running";
  let body: React.ReactNode;
  if (check.status === "loading" && !running) body = <Loading label="Checking the project's process…" />;
  else if (check.status === "failed") body = <LoadFailure message={`The process could not be checked: ${check.error}`} onRetry={checkAgain} />;
  else if (check.status === "checked") {
    const { reading, plan } = check.check;
    const process = reading.state.process;
    body = (
      <>
        <p data-process-kind={process.kind}>
          {`${reading.projectName} uses the ${process.kind} process "${process.name}"${process.parentName ? `, inherited from ${process.parentName}` : ""}.`}
        </p>
        {plan.blockers.map((blocker) => (
          <MessageCard key={blocker} className="mhhs-message" severity={MessageCardSeverity.Warning}>
            {blocker}
          </MessageCard>
        ))}
        {process.kind === "system" ? <NewProcess check={check.check} services={services} onCreated={checkAgain} /> : null}
        {plan.types.length > 0 ? (
          <div className="mhhs-admin-section">
            <TypeTable check={check.check} />
          </div>
        ) : null}
        {plan.warnings.length > 0 ? (
          <MessageCard className="mhhs-message" severity={MessageCardSeverity.Warning}>
            {plan.warnings.join(" ")}
          </MessageCard>
        ) : null}
        {plan.steps.length === 0 ? (
          <ZeroData
            imageAltText=""
            iconProps={{ iconName: "CheckMark" }}
            primaryText="Everything is in place"
            secondaryText="The MHHS fields, picklists and form groups are on the requirement, test case and bug types: there is nothing to apply."
          />
        ) : (
          <div className="mhhs-admin-section" role="region" aria-label="What is missing">
            <h2>{`What is missing: ${plan.steps.length} change${plan.steps.length === 1 ? "" : "s"}`}</h2>
            <div className="mhhs-admin-toolbar flex-row">
              <Button
                primary
                text={`Apply ${plan.steps.length} change${plan.steps.length === 1 ? "" : "s"}`}
                disabled={!plan.canApply || running}
                onClick={() => void apply(check.check)}
              />
              <Button text="Check again" disabled={running} onClick={checkAgain} />
            </div>
            {run.status === "idle" ? <StepList steps={plan.steps} /> : null}
          </div>
        )}
      </>
    );
  }

  return (
    <section className="mhhs-admin-section" aria-label="Process set-up">
      <h2>Process set-up</h2>
      <p className="mhhs-admin-status">
        The MHHS fields, their picklists and the MHHS form groups live in the project&apos;s inherited process. This page compares the process with what the extension needs and adds what is missing; it never removes anything.
      </p>
      {run.status !== "idle" ? <RunReport run={run} /> : null}
      {body}
    </section>
  );
}

function RunReport(props: { run: Exclude<RunState, { status: "idle" }> }): JSX.Element {
  const { run } = props;
  const total = run.steps.length;
  const finished = run.status === "running" ? run.finished : run.run.done.length + run.run.skipped.length;
  return (
    <div className="mhhs-admin-section" role="region" aria-label="Apply progress">
      <div className="mhhs-progress">
        <ProgressBar currentValue={finished} maxValue={Math.max(total, 1)} ariaLabel="Changes applied" />
        <div className="mhhs-admin-status" role="status" aria-live="polite">
          {run.status === "running" ? `Applying: ${finished} of ${total} done…` : `${finished} of ${total} changes done.`}
        </div>
      </div>
      {run.status === "finished" && run.run.failed ? (
        <MessageCard className="mhhs-message" severity={MessageCardSeverity.Error}>
          {`Stopped at "${run.run.failed.step.title}": ${run.run.failed.message} ${
            run.run.done.length === 0 ? "Nothing was changed." : `${run.run.done.length} change${run.run.done.length === 1 ? " was" : "s were"} made before it (listed below as done).`
          } ${run.run.notRun.length} change${run.run.notRun.length === 1 ? " was" : "s were"} not made; applying again carries on from there.`}
        </MessageCard>
      ) : null}
      {run.status === "finished" && !run.run.failed ? (
        <MessageCard className="mhhs-message" severity={MessageCardSeverity.Info}>
          {`All ${total} change${total === 1 ? " was" : "s were"} applied. The check below shows the process as it is now.`}
        </MessageCard>
      ) : null}
      <StepList steps={run.steps} statuses={run.statuses} notes={run.notes} />
    </div>
  );
}

import * as React from "react";
import { Button } from "azure-devops-ui/Button";
import { EXIT_CRITERIA, ExitCriteriaConfig, SLA_TARGETS, STAGE_CALENDAR } from "../../../ado/configStore";
import { failureMessage } from "../../../ado/errors";
import {
  COMPARISON_OPS,
  computeExitMetrics,
  evaluateCriterion,
  evaluateExitCriteria,
  EXIT_METRICS,
  ExitCriterion,
  ExitMetric,
  exitCriteriaForStage,
  ExitMetrics,
  Rag,
  validateExitCriteria,
} from "../../../domain/exitCriteria";
import type { RetestRule } from "../../../domain/coverage";
import { SEVERITIES, Severity } from "../../../domain/model";
import { DataTable } from "../../../ui/DataTable";
import { LoadFailure, Loading } from "../../../ui/LoadStatus";
import type { TabProps } from "./AdminHub";
import { Choice, MultiChoice, SelectableRow, stageChoices, TextInput } from "./controls";
import { DocumentFrame } from "./DocumentFrame";
import { messagesAt, useConfigDocument } from "./useConfigDocument";

type CriterionField = "id" | "label" | "metric" | "op" | "value" | "severity" | "amber" | "noData";

/** Which field a sentence of validateExitCriteria is about, so it is shown at that field. */
export function criterionFieldOf(message: string): CriterionField {
  if (/amber/i.test(message)) return "amber";
  if (/"no data"/i.test(message)) return "noData";
  if (/severit/i.test(message)) return "severity";
  if (/metric/i.test(message)) return "metric";
  if (/comparison/i.test(message)) return "op";
  if (/target|percentage|count/i.test(message)) return "value";
  if (/\bid\b/i.test(message)) return "id";
  return "label";
}

function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}

function typedNumber(text: string): number | string | undefined {
  if (text.trim() === "") return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : text;
}

function RagBadge(props: { rag: Rag | null }): JSX.Element {
  if (!props.rag) return <span className="mhhs-admin-status">none</span>;
  return <span className={`mhhs-rag mhhs-rag-${props.rag}`}>{props.rag.toUpperCase()}</span>;
}

type PreviewState = { status: "loading" } | { status: "failed"; error: string } | { status: "loaded"; metrics(retests: RetestRule | undefined): ExitMetrics; notes: string[] };

const RETEST_OPTIONS = [
  { id: "count", text: "Every run counts: a failure stays until the requirement is filtered to a later cycle" },
  { id: "supersede", text: "A later run of the same test (participant, configuration) supersedes earlier ones" },
];

/** Exit criteria per stage: a rule editor and a live RAG of each rule against the stage's current data. */
export function ExitCriteriaTab(props: TabProps): JSX.Element {
  const { services, catalogues } = props;
  const doc = useConfigDocument(EXIT_CRITERIA, services, catalogues);
  const [stage, setStage] = React.useState(catalogues.stages[0]?.code ?? "");
  const [selected, setSelected] = React.useState<number | undefined>();
  const [preview, setPreview] = React.useState<PreviewState>({ status: "loading" });

  React.useEffect(() => {
    let current = true;
    setPreview({ status: "loading" });
    const asOf = todayIso();
    Promise.all([services.loadExitPreview(stage, asOf), services.loadConfig(SLA_TARGETS, catalogues), services.loadConfig(STAGE_CALENDAR, catalogues)]).then(
      ([data, rules, calendar]) => {
        if (!current) return;
        const computed = new Map<RetestRule, ExitMetrics>();
        const metrics = (retests: RetestRule = "count") => {
          let found = computed.get(retests);
          if (!found) {
            found = computeExitMetrics({
              points: data.points,
              defects: data.defects,
              requirements: data.requirements,
              testCases: data.testCases,
              filter: { stage },
              asOf,
              defectRules: rules.problems.length === 0 ? rules.data : undefined,
              stageEndDates: calendar.problems.length === 0 ? calendar.data.endDates : undefined,
              retests,
            });
            computed.set(retests, found);
          }
          return found;
        };
        setPreview({ status: "loaded", metrics, notes: data.notes });
      },
      (error: unknown) => current && setPreview({ status: "failed", error: failureMessage(error) }),
    );
    return () => {
      current = false;
    };
  }, [services, catalogues, stage]);

  const stageOptions = React.useMemo(() => stageChoices(catalogues), [catalogues]);

  return (
    <DocumentFrame
      title="Exit criteria"
      description="The rules each stage's exit is judged on. The defaults are not the programme's (its criteria are not public): replace them per stage. The RAG next to each rule is worked out from the stage's current data as you edit."
      doc={doc}
    >
      {(draft: ExitCriteriaConfig) => {
        const configured = Object.prototype.hasOwnProperty.call(draft.byStage, stage);
        const criteria = exitCriteriaForStage(stage, draft.byStage) as ExitCriterion[];
        const setCriteria = (next: ExitCriterion[]) => doc.update((d) => ({ ...d, byStage: { ...d.byStage, [stage]: next } }));
        const setCriterion = (index: number, change: Partial<Record<keyof ExitCriterion, unknown>>) =>
          setCriteria(criteria.map((c, i) => (i === index ? (withoutUndefined({ ...c, ...change }) as ExitCriterion) : c)));
        const valid = validateExitCriteria(criteria).criteria;
        const metrics = preview.status === "loaded" ? preview.metrics(draft.retests) : undefined;
        const overall = metrics ? evaluateExitCriteria(valid, metrics) : undefined;
        const chosen = selected !== undefined ? criteria[selected] : undefined;
        return (
          <>
            <div className="mhhs-admin-form">
              <Choice
                label="Stage"
                value={stage}
                options={stageOptions}
                onChange={(value) => {
                  setStage(value);
                  setSelected(undefined);
                }}
              />
              <Choice
                label="Retests, for requirement coverage (every stage)"
                value={draft.retests ?? "count"}
                options={RETEST_OPTIONS}
                onChange={(value) => doc.update((d) => (value === "count" ? { byStage: d.byStage } : { ...d, retests: value as RetestRule }))}
                problems={messagesAt(doc.problems, "retests")}
              />
            </div>
            <p className="mhhs-admin-status">{configured ? `${stage} has its own criteria.` : `${stage} uses the default criteria; a change gives it its own.`}</p>
            {preview.status === "loading" ? <Loading label={`Reading the current figures of ${stage}…`} /> : null}
            {preview.status === "failed" ? <LoadFailure message={`The preview could not read the current data: ${preview.error}`} /> : null}
            {overall ? (
              <p role="status" aria-live="polite" data-overall={overall.overall ?? "none"}>
                <RagBadge rag={overall.overall} /> {overall.sentence}
              </p>
            ) : null}
            {preview.status === "loaded" && preview.notes.length > 0 ? <p className="mhhs-admin-status">{preview.notes.join(" ")}</p> : null}
            <div className="mhhs-admin-columns">
              <div className="mhhs-admin-list">
                <DataTable ariaLabel={`Exit criteria of ${stage}`} columns={["Rule", "RAG now", "Why"]}>
                  {criteria.map((criterion, index) => {
                    const result = metrics ? evaluateCriterion(criterion, metrics) : undefined;
                    return (
                      <SelectableRow
                        key={`${index}-${criterion.id}`}
                        data-criterion={criterion.id}
                        selected={index === selected}
                        onSelect={() => setSelected(index)}
                      >
                        <td>{criterion.label || criterion.id || "(new rule)"}</td>
                        <td>{result ? <RagBadge rag={result.rag} /> : "…"}</td>
                        <td>{result?.sentence ?? ""}</td>
                      </SelectableRow>
                    );
                  })}
                </DataTable>
                <div className="mhhs-admin-toolbar flex-row">
                  <Button
                    text="Add rule"
                    iconProps={{ iconName: "Add" }}
                    onClick={() => {
                      setCriteria([...criteria, { id: `rule-${criteria.length + 1}`, label: "", metric: "openDefects", op: "==", value: 0 }]);
                      setSelected(criteria.length);
                    }}
                  />
                  <Button text="Use the defaults for this stage" disabled={!configured} onClick={() => doc.update((d) => withoutStage(d, stage))} />
                </div>
              </div>
              <div>
                {chosen && selected !== undefined ? (
                  <CriterionEditor
                    key={`${stage}-${selected}`}
                    criterion={chosen}
                    onChange={(change) => setCriterion(selected, change)}
                    onRemove={() => {
                      setCriteria(criteria.filter((_c, i) => i !== selected));
                      setSelected(undefined);
                    }}
                  />
                ) : (
                  <p className="mhhs-admin-status">Choose a rule to change it.</p>
                )}
              </div>
            </div>
          </>
        );
      }}
    </DocumentFrame>
  );
}

function withoutStage(config: ExitCriteriaConfig, stage: string): ExitCriteriaConfig {
  const byStage = { ...config.byStage };
  delete byStage[stage];
  return { byStage };
}

function withoutUndefined(value: object): object {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}

function CriterionEditor(props: { criterion: ExitCriterion; onChange(change: Partial<Record<keyof ExitCriterion, unknown>>): void; onRemove(): void }): JSX.Element {
  const { criterion, onChange } = props;
  const messages = validateExitCriteria([criterion]).messages;
  const problems = (field: CriterionField) => messages.filter((m) => criterionFieldOf(m) === field);
  const metric = EXIT_METRICS[criterion.metric as ExitMetric];
  const severities = criterion.severity === undefined ? [] : Array.isArray(criterion.severity) ? criterion.severity : [criterion.severity];
  return (
    <div role="group" aria-label={`Rule ${criterion.id}`}>
      <div className="mhhs-admin-form">
        <TextInput name="id" label="Id" value={criterion.id} onChange={(v) => onChange({ id: v })} problems={problems("id")} />
        <TextInput name="label" label="Label" value={criterion.label} onChange={(v) => onChange({ label: v })} problems={problems("label")} wide />
        <Choice
          name="metric"
          label="Measure"
          value={criterion.metric}
          options={(Object.keys(EXIT_METRICS) as ExitMetric[]).map((m) => ({ id: m, text: EXIT_METRICS[m].label }))}
          onChange={(v) => onChange({ metric: v, ...(EXIT_METRICS[v as ExitMetric]?.defect ? {} : { severity: undefined }) })}
          problems={problems("metric")}
        />
        <Choice name="op" label="Comparison" value={criterion.op} options={COMPARISON_OPS.map((op) => ({ id: op, text: op }))} onChange={(v) => onChange({ op: v })} problems={problems("op")} />
        <TextInput
          name="value"
          label={metric?.percent ? "Target (%)" : "Target"}
          value={String(criterion.value ?? "")}
          onChange={(v) => onChange({ value: typedNumber(v) })}
          problems={problems("value")}
        />
        <TextInput
          name="amber"
          label="Amber tolerance"
          value={criterion.amber === undefined ? "" : String(criterion.amber)}
          onChange={(v) => onChange({ amber: typedNumber(v) })}
          problems={problems("amber")}
          note="Missed by no more than this is amber, not red."
        />
        {metric?.defect ? (
          <MultiChoice
            name="severity"
            label="Severities counted"
            options={SEVERITIES.map((s) => ({ id: s, text: s }))}
            values={severities}
            onChange={(values) => onChange({ severity: values.length === 0 ? undefined : (values as Severity[]) })}
            problems={problems("severity")}
            note="None chosen: every severity (or the exit-blocking ones for work-off plans)."
          />
        ) : null}
        <Choice
          name="noData"
          label="When there is no data"
          value={criterion.noData ?? "red"}
          options={(["red", "amber", "green"] as const).map((r) => ({ id: r, text: r }))}
          onChange={(v) => onChange({ noData: v === "red" ? undefined : v })}
          problems={problems("noData")}
        />
      </div>
      <div className="mhhs-admin-toolbar flex-row">
        <Button text="Remove rule" iconProps={{ iconName: "Delete" }} onClick={props.onRemove} />
      </div>
    </div>
  );
}

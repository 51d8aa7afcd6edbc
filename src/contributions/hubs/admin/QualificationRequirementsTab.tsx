import * as React from "react";
import { Button } from "azure-devops-ui/Button";
import { ZeroData } from "azure-devops-ui/ZeroData";
import { QUALIFICATION_REQUIREMENTS } from "../../../ado/configStore";
import type { Rag } from "../../../domain/exitCriteria";
import type { ParticipantPath } from "../../../domain/model";
import {
  mergeRequiredTests,
  pathWords,
  QualificationRequirements,
  RAG_RULE_LABELS,
  READINESS_RAG_RULES,
  readRequiredTestRows,
  readWorkItemId,
  RELIED_SCOPE_TYPES,
  REQUIRED_TEST_COLUMNS,
  requiredTestExportRows,
  RequiredTestsMergeMode,
  ReliedScopeType,
} from "../../../domain/qualificationRequirements";
import { DEFAULT_READINESS_RAG, DEFAULT_STAGES_BY_PATH, RequiredTestRule } from "../../../domain/readiness";
import { DataTable } from "../../../ui/DataTable";
import { ExportButtons } from "../../../ui/export/ExportButtons";
import { sheetOfRecords } from "../../../ui/export/spreadsheet";
import { pickSheet } from "../../../ui/spreadsheetImport";
import type { TabProps } from "./AdminHub";
import { Choice, ListInput, MultiChoice, participantRoleChoices, ProblemCell, SelectableRow, stageChoices } from "./controls";
import { DocumentFrame } from "./DocumentFrame";
import { ImportPanel } from "./ImportPanel";
import { RegisterFailure, useParticipantRegister } from "./participantRegister";
import { messagesAt, problemsUnder, useConfigDocument } from "./useConfigDocument";

const HEADINGS = REQUIRED_TEST_COLUMNS.map((c) => c.heading);
const PATHS: readonly ParticipantPath[] = ["SIT", "QT"];
const PATH_OPTIONS = [
  { id: "", text: "Both paths" },
  { id: "SIT", text: "SIT (System Integration Testing)" },
  { id: "QT", text: "QT (Qualification Testing)" },
];
const RAG_OPTIONS = (["green", "amber", "red"] as const).map((r) => ({ id: r, text: r }));
const SCOPE_OPTIONS = [
  { id: "all", text: "Every required test" },
  { id: "listed", text: "Only the tests listed" },
];

function listText(values: readonly unknown[] | undefined, limit = 4): string {
  const list = (values ?? []).map(String);
  return list.slice(0, limit).join(", ") + (list.length > limit ? ` and ${list.length - limit} more` : "");
}

function testsOf(rule: RequiredTestRule): number {
  return (Array.isArray(rule.programmeTestCaseIds) ? rule.programmeTestCaseIds.length : 0) + (Array.isArray(rule.testCaseIds) ? rule.testCaseIds.length : 0);
}

/** Leaves out empty lists and "both paths", as the document stores a rule. */
function cleanRule(rule: RequiredTestRule): RequiredTestRule {
  const out: RequiredTestRule = { role: rule.role };
  if (rule.path !== undefined) out.path = rule.path;
  if (rule.programmeTestCaseIds !== undefined && rule.programmeTestCaseIds.length > 0) out.programmeTestCaseIds = rule.programmeTestCaseIds;
  if (rule.testCaseIds !== undefined && rule.testCaseIds.length > 0) out.testCaseIds = rule.testCaseIds;
  return out;
}

/** Drops a key of an optional record, and the record itself once it is empty. */
function without<K extends string, V>(record: Partial<Record<K, V>> | undefined, key: K): Partial<Record<K, V>> | undefined {
  if (!record) return undefined;
  const next = { ...record };
  delete next[key];
  return Object.keys(next).length > 0 ? next : undefined;
}

function withSetting<K extends keyof QualificationRequirements>(draft: QualificationRequirements, key: K, value: QualificationRequirements[K] | undefined): QualificationRequirements {
  const next = { ...draft };
  if (value === undefined) delete next[key];
  else next[key] = value;
  return next;
}

/**
 * The qualification requirements: tests required per market role and path, the stages that
 * evidence each path, what Placing Reliance may cover and the readiness RAG; import and export of
 * the required tests as one row per role, path and test.
 */
export function QualificationRequirementsTab(props: TabProps): JSX.Element {
  const { services, catalogues } = props;
  const doc = useConfigDocument(QUALIFICATION_REQUIREMENTS, services, catalogues);
  const [selected, setSelected] = React.useState<number | undefined>();
  const [mode, setMode] = React.useState<RequiredTestsMergeMode>("add");
  const registerState = useParticipantRegister(services, catalogues);
  const register = registerState.participants;

  const roleOptions = React.useMemo(() => participantRoleChoices(catalogues), [catalogues]);
  const stageOptions = React.useMemo(() => stageChoices(catalogues), [catalogues]);
  /** How many participants of the register a rule applies to; unknown until the register is read. */
  const participantsFor = (rule: RequiredTestRule): number | undefined =>
    registerState.status !== "loaded"
      ? undefined
      : register.filter((p) => p.roles.some((r) => r.toUpperCase() === String(rule.role ?? "").toUpperCase()) && (rule.path === undefined || p.path === rule.path)).length;

  const sheets = () => [sheetOfRecords("Required tests", HEADINGS, requiredTestExportRows(doc.state.status === "ready" ? doc.state.draft.requiredTests ?? [] : []))];

  return (
    <DocumentFrame
      title="Qualification requirements"
      description="The tests each market role must evidence on each path to qualify, which stages count as evidence, what Placing Reliance may cover and how readiness is judged. The programme's own per-role lists are not public: until a rule is added, the programme hub takes the test cases planned for each participant as its required tests."
      doc={doc}
      actions={doc.state.status === "ready" ? <ExportButtons fileName="required-tests" formats={["csv", "xlsx"]} sheets={sheets} /> : null}
    >
      {(draft: QualificationRequirements) => {
        const rules: RequiredTestRule[] = Array.isArray(draft.requiredTests) ? draft.requiredTests : [];
        const setRules = (next: RequiredTestRule[]) => doc.update((d) => ({ ...d, requiredTests: next }));
        const setRule = (index: number, change: Partial<RequiredTestRule>) => setRules(rules.map((r, i) => (i === index ? cleanRule({ ...r, ...change }) : r)));
        const chosen = selected !== undefined ? rules[selected] : undefined;
        return (
          <>
            <h3>Required tests by market role and path</h3>
            <p className="mhhs-admin-status">
              {rules.length === 0
                ? "No required tests: the programme hub uses each participant's planned tests."
                : `${rules.length} rule${rules.length === 1 ? "" : "s"}; a participant must evidence the tests of the rules for each of its roles on its path; one whose roles have no rule has nothing required.`}
            </p>
            <RegisterFailure register={registerState} consequence="how many participants each rule applies to is not known" />
            <div className="mhhs-admin-columns">
              <div>
                <div className="mhhs-admin-toolbar flex-row">
                  <Button
                    text="Add rule"
                    iconProps={{ iconName: "Add" }}
                    onClick={() => {
                      setRules([...rules, { role: "" }]);
                      setSelected(rules.length);
                    }}
                  />
                </div>
                {rules.length === 0 ? (
                  <ZeroData
                    imageAltText=""
                    iconProps={{ iconName: "TestCase" }}
                    primaryText="No required tests yet"
                    secondaryText="Add a rule for a market role and path, or import a spreadsheet with one row per role, path and test."
                  />
                ) : (
                  <div className="mhhs-admin-list">
                    <DataTable ariaLabel="Required test rules" columns={["Role", "Path", "Tests", "Participants", "Problems"]}>
                      {rules.map((rule, index) => {
                        const problems = problemsUnder(doc.problems, `requiredTests[${index}]`);
                        return (
                          <SelectableRow
                            key={index}
                            data-rule={`${rule.role ?? ""}|${rule.path ?? ""}`}
                            selected={index === selected}
                            onSelect={() => setSelected(index)}
                          >
                            <td>{rule.role || "(new)"}</td>
                            <td>{rule.path ?? "Both"}</td>
                            <td>
                              {testsOf(rule)}
                              {testsOf(rule) > 0 ? <span className="mhhs-admin-status">{` ${listText([...(rule.programmeTestCaseIds ?? []), ...(rule.testCaseIds ?? []).map((id) => `#${id}`)])}`}</span> : null}
                            </td>
                            <td>{participantsFor(rule) ?? "–"}</td>
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
                  <RuleEditor
                    key={selected}
                    rule={chosen}
                    index={selected}
                    problems={doc.problems}
                    roleOptions={roleOptions}
                    participants={participantsFor(chosen)}
                    onChange={(change) => setRule(selected, change)}
                    onRemove={() => {
                      setRules(rules.filter((_r, i) => i !== selected));
                      setSelected(undefined);
                    }}
                  />
                ) : (
                  <p className="mhhs-admin-status">Choose a rule to change it.</p>
                )}
              </div>
            </div>

            <h3>Stages that evidence each path</h3>
            <div className="mhhs-admin-form">
              {PATHS.map((path) => {
                const configured = draft.stagesByPath?.[path];
                return (
                  <div key={path}>
                    <MultiChoice
                      name={`stagesByPath.${path}`}
                      label={`${path} path`}
                      options={stageOptions}
                      values={configured ?? DEFAULT_STAGES_BY_PATH[path]}
                      onChange={(values) => doc.update((d) => withSetting(d, "stagesByPath", { ...(d.stagesByPath ?? {}), [path]: values }))}
                      problems={messagesAt(doc.problems, `stagesByPath.${path}`)}
                      note={configured ? "Set for this project." : "The default."}
                    />
                    <Button text="Use the default" subtle disabled={!configured} onClick={() => doc.update((d) => withSetting(d, "stagesByPath", without(d.stagesByPath, path)))} />
                  </div>
                );
              })}
            </div>

            <h3>Placing Reliance</h3>
            <p className="mhhs-admin-status">
              A required test the participant has not run itself counts as relied upon when a party it relies on passed it. The programme&apos;s reliance scope lists are not public: by
              default every required test may be relied upon.
            </p>
            <div className="mhhs-admin-form">
              {RELIED_SCOPE_TYPES.map((type: ReliedScopeType) => {
                const scope = draft.relianceScope?.[type];
                const listed = Array.isArray(scope);
                return (
                  <div key={type}>
                    <Choice
                      name={`relianceScope.${type}.mode`}
                      label={`With ${type} reliance, may be relied upon`}
                      value={listed ? "listed" : "all"}
                      options={SCOPE_OPTIONS}
                      onChange={(v) =>
                        doc.update((d) =>
                          withSetting(d, "relianceScope", v === "listed" ? { ...(d.relianceScope ?? {}), [type]: listed ? scope : [] } : without(d.relianceScope, type)),
                        )
                      }
                    />
                    {listed ? (
                      <ListInput
                        name={`relianceScope.${type}`}
                        label={`Tests ${type} reliance may cover`}
                        values={(scope as unknown[]).map(String)}
                        onChange={(values) => doc.update((d) => withSetting(d, "relianceScope", { ...(d.relianceScope ?? {}), [type]: values }))}
                        problems={messagesAt(doc.problems, `relianceScope.${type}`)}
                        placeholder="QT-093; SITNFT-T2-020; #1234"
                        wide
                      />
                    ) : null}
                  </div>
                );
              })}
            </div>

            <h3>Readiness RAG</h3>
            <div className="mhhs-admin-form">
              {READINESS_RAG_RULES.map((rule) => (
                <Choice
                  key={rule}
                  name={`rag.${rule}`}
                  label={RAG_RULE_LABELS[rule]}
                  value={draft.rag?.[rule] ?? DEFAULT_READINESS_RAG[rule]}
                  options={RAG_OPTIONS}
                  onChange={(v) => doc.update((d) => withSetting(d, "rag", v === DEFAULT_READINESS_RAG[rule] ? without(d.rag, rule) : { ...(d.rag ?? {}), [rule]: v as Rag }))}
                  problems={messagesAt(doc.problems, `rag.${rule}`)}
                />
              ))}
            </div>
            <ImportPanel
              mode={{
                value: mode,
                onChange: (value) => setMode(value as RequiredTestsMergeMode),
                options: [
                  { id: "add", text: "Add the file's tests to the rules" },
                  { id: "replace", text: "Replace every rule with the file's" },
                ],
              }}
              title="Import required tests"
              hint={`Columns: ${HEADINGS.join(", ")}; one row per role, path and test. Path is SIT, QT, or blank (or Both) for both paths; Test Id is a programme test id such as QT-093 or a work item id such as #1234. Nothing changes until you apply, then save.`}
              dryRun={(workbook) => {
                const sheet = pickSheet(workbook, ["Required tests", "Required Tests", "Requirements"]);
                const read = readRequiredTestRows(sheet?.table ?? { headers: [], rows: [] }, catalogues);
                const merge = mergeRequiredTests(rules, read.rules, mode);
                const bad = new Set(read.problems.map((p) => p.row)).size;
                return {
                  summary: `${read.rowsRead} row${read.rowsRead === 1 ? "" : "s"} read: ${merge.added} test${merge.added === 1 ? "" : "s"} to add, ${merge.unchanged} already required${
                    mode === "replace" ? `, ${merge.removed} no longer required` : ""
                  }; ${bad} with problems.`,
                  problems: read.problems,
                  canApply: read.tests.length > 0 && (merge.added > 0 || merge.removed > 0),
                  applyLabel: `Apply ${read.tests.length} valid row${read.tests.length === 1 ? "" : "s"}`,
                  apply: () => {
                    // Merged into the rules as they are when applied, so edits made after the dry run are kept.
                    doc.update((d) => ({ ...d, requiredTests: mergeRequiredTests(Array.isArray(d.requiredTests) ? d.requiredTests : [], read.rules, mode).requiredTests }));
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

function RuleEditor(props: {
  rule: RequiredTestRule;
  index: number;
  problems: readonly { path: string; message: string }[];
  roleOptions: { id: string; text: string }[];
  /** Participants of the register the rule applies to; undefined when the register is not read. */
  participants: number | undefined;
  onChange(change: Partial<RequiredTestRule>): void;
  onRemove(): void;
}): JSX.Element {
  const { rule, index, onChange } = props;
  const at = (field: string) => messagesAt(props.problems, `requiredTests[${index}].${field}`);
  const whole = messagesAt(props.problems, `requiredTests[${index}]`);
  return (
    <div role="group" aria-label={`Rule for ${rule.role || "(new)"} on ${pathWords(rule.path)}`}>
      <div className="mhhs-admin-form">
        <Choice name="role" label="Market role" value={String(rule.role ?? "")} options={props.roleOptions} onChange={(v) => onChange({ role: v })} problems={at("role")} />
        <Choice
          name="path"
          label="Path"
          value={rule.path ?? ""}
          options={PATH_OPTIONS}
          onChange={(v) => onChange({ path: v === "" ? undefined : (v as ParticipantPath) })}
          problems={at("path")}
          note={
            props.participants === undefined
              ? "The participant register is not read, so who acts in this role is not known."
              : `${props.participants} participant${props.participants === 1 ? "" : "s"} in the register act in this role on ${pathWords(rule.path)}.`
          }
        />
        <ListInput
          name="programmeTestCaseIds"
          label="Programme test ids"
          values={(rule.programmeTestCaseIds ?? []).map(String)}
          onChange={(values) => onChange({ programmeTestCaseIds: values })}
          problems={at("programmeTestCaseIds")}
          placeholder="QT-093; SITNFT-T2-020"
          wide
        />
        <ListInput
          name="testCaseIds"
          label="Test case work item ids"
          values={(rule.testCaseIds ?? []).map(String)}
          onChange={(values) => onChange({ testCaseIds: values.map((v) => readWorkItemId(v) ?? (v as unknown as number)) })}
          problems={at("testCaseIds")}
          note="For test cases without a programme id."
          placeholder="1234; 1250"
          wide
        />
      </div>
      {whole.length > 0 ? (
        <p className="mhhs-bad" role="alert">
          {whole.join(" ")}
        </p>
      ) : null}
      <div className="mhhs-admin-toolbar flex-row">
        <Button text="Remove rule" iconProps={{ iconName: "Delete" }} onClick={props.onRemove} />
      </div>
    </div>
  );
}

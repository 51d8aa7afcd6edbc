import * as React from "react";
import { Button } from "azure-devops-ui/Button";
import { TextField } from "azure-devops-ui/TextField";
import { ZeroData } from "azure-devops-ui/ZeroData";
import { PARTICIPANT_REGISTER, ParticipantRegisterConfig } from "../../../ado/configStore";
import type { Participant } from "../../../domain/model";
import { MDR_CHOICES, PARTICIPANT_PATHS, RELIANCE_LEVELS, SMART_DATA_SERVICE_ROLE, validateParticipant } from "../../../domain/participants";
import { MergeMode, mergeParticipants, PARTICIPANT_COLUMNS, participantExportRows, readParticipantRows } from "../../../domain/registerImport";
import { DataTable } from "../../../ui/DataTable";
import { ExportButtons } from "../../../ui/export/ExportButtons";
import { sheetOfRecords } from "../../../ui/export/spreadsheet";
import { pickSheet } from "../../../ui/spreadsheetImport";
import type { TabProps } from "./AdminHub";
import { Choice, ListInput, MultiChoice, participantRoleChoices, ProblemCell, SelectableRow, TextInput } from "./controls";
import { DocumentFrame } from "./DocumentFrame";
import { ImportPanel } from "./ImportPanel";
import { problemsUnder, useConfigDocument } from "./useConfigDocument";

const NEW_PARTICIPANT: Participant = { mpid: "", organisation: "", roles: [], path: "SIT", reliance: "none" };
const HEADINGS = PARTICIPANT_COLUMNS.map((c) => c.heading);

function fieldProblems(problems: readonly { path: string; message: string }[], index: number, field: string): string[] {
  return problems.filter((p) => p.path === `participants[${index}].${field}`).map((p) => p.message);
}

/** The participant register: a list, an editor for the chosen entry, import and export. */
export function ParticipantsTab(props: TabProps): JSX.Element {
  const { services, catalogues } = props;
  const doc = useConfigDocument(PARTICIPANT_REGISTER, services, catalogues);
  const [selected, setSelected] = React.useState<number | undefined>();
  const [filter, setFilter] = React.useState("");
  const [mode, setMode] = React.useState<MergeMode>("addOrUpdate");
  const roleOptions = React.useMemo(() => participantRoleChoices(catalogues), [catalogues]);

  const setParticipant = (index: number, change: Partial<Participant>) =>
    doc.update((draft) => ({ participants: draft.participants.map((p, i) => (i === index ? clean({ ...p, ...change }) : p)) }));

  return (
    <DocumentFrame
      title="Participant register"
      description="Every participant: MPID, organisation, market roles, path to migration (SIT or QT), Placing Reliance and, for a Smart Data Service, its MDR choice."
      doc={doc}
      actions={
        doc.state.status === "ready" ? (
          <ExportButtons
            fileName="participants"
            formats={["csv", "xlsx"]}
            sheets={() => [sheetOfRecords("Participants", HEADINGS, participantExportRows(doc.state.status === "ready" ? doc.state.draft.participants : []))]}
          />
        ) : null
      }
    >
      {(draft: ParticipantRegisterConfig) => {
        const rows = draft.participants
          .map((participant, index) => ({ participant, index }))
          .filter(({ participant }) => {
            const q = filter.trim().toLowerCase();
            return q === "" || participant.mpid.toLowerCase().includes(q) || participant.organisation.toLowerCase().includes(q);
          });
        const chosen = selected !== undefined ? draft.participants[selected] : undefined;
        return (
          <>
            <div className="mhhs-admin-columns">
              <div>
                <div className="mhhs-admin-toolbar flex-row">
                  <TextField value={filter} onChange={(_e, value) => setFilter(value)} placeholder="Filter by MPID or organisation" ariaLabel="Filter participants" />
                  <Button
                    text="Add participant"
                    iconProps={{ iconName: "Add" }}
                    onClick={() => {
                      doc.update((d) => ({ participants: [...d.participants, { ...NEW_PARTICIPANT }] }));
                      setSelected(draft.participants.length);
                    }}
                  />
                  <span className="mhhs-admin-status">{`${draft.participants.length} participant${draft.participants.length === 1 ? "" : "s"}`}</span>
                </div>
                {draft.participants.length === 0 ? (
                  <ZeroData imageAltText="" iconProps={{ iconName: "People" }} primaryText="No participants yet" secondaryText="Add them one by one, or import a spreadsheet below." />
                ) : (
                  <div className="mhhs-admin-list">
                    <DataTable ariaLabel="Participants" columns={["MPID", "Organisation", "Roles", "Path", "Reliance", "Problems"]}>
                      {rows.map(({ participant, index }) => {
                        const problems = problemsUnder(doc.problems, `participants[${index}]`);
                        return (
                          <SelectableRow
                            key={index}
                            data-mpid={participant.mpid}
                            selected={index === selected}
                            onSelect={() => setSelected(index)}
                          >
                            <td>{participant.mpid || "(new)"}</td>
                            <td>{participant.organisation}</td>
                            <td>{participant.roles.join(", ")}</td>
                            <td>{participant.path}</td>
                            <td>{participant.reliance}</td>
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
                  <ParticipantEditor
                    key={selected}
                    participant={chosen}
                    sameMpidRows={draft.participants
                      .map((p, i) => (i !== selected && chosen.mpid.trim() !== "" && p.mpid.trim().toUpperCase() === chosen.mpid.trim().toUpperCase() ? i + 1 : 0))
                      .filter((n) => n > 0)}
                    problems={(field) => fieldProblems(doc.problems, selected, field)}
                    roleOptions={roleOptions}
                    catalogues={catalogues}
                    onChange={(change) => setParticipant(selected, change)}
                    onRemove={() => {
                      doc.update((d) => ({ participants: d.participants.filter((_p, i) => i !== selected) }));
                      setSelected(undefined);
                    }}
                  />
                ) : (
                  <p className="mhhs-admin-status">Choose a participant to change it.</p>
                )}
              </div>
            </div>
            <ImportPanel
              mode={{
                value: mode,
                onChange: (value) => setMode(value as MergeMode),
                options: [
                  { id: "addOrUpdate", text: "Add new participants and update those with the same MPID" },
                  { id: "replace", text: "Replace the whole register with the file" },
                ],
              }}
              title="Import participants"
              hint={`Columns: ${HEADINGS.join(", ")}. Several roles or relied-upon MPIDs go in one cell, separated by ";". Nothing changes until you apply, then save.`}
              dryRun={(workbook) => {
                const sheet = pickSheet(workbook, ["Participants", "Participant register", "Register"]);
                const read = readParticipantRows(sheet?.table ?? { headers: [], rows: [] }, catalogues);
                const imported = read.participants.map((p) => p.participant);
                const merge = mergeParticipants(draft.participants, imported, mode);
                const bad = new Set(read.problems.map((p) => p.row)).size;
                return {
                  summary: `${read.rowsRead} row${read.rowsRead === 1 ? "" : "s"} read: ${merge.added.length} new, ${merge.updated.length} changed, ${merge.unchanged.length} unchanged${
                    mode === "replace" ? `, ${merge.removed.length} removed from the register` : ""
                  }; ${bad} with problems.`,
                  problems: read.problems,
                  canApply: read.participants.length > 0 || (mode === "replace" && read.rowsRead > 0 && bad === 0),
                  applyLabel: `Apply ${read.participants.length} valid row${read.participants.length === 1 ? "" : "s"}`,
                  apply: () => {
                    // Merged into the register as it is when applied, so edits made after the dry run are kept.
                    doc.update((d) => ({ ...d, participants: mergeParticipants(d.participants, imported, mode).participants }));
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

/** Leaves out what is not set (no MDR choice, no relied-upon parties), as the register stores it. */
function clean(participant: Participant): Participant {
  const out: Participant = { ...participant };
  if (out.mdrChoice === undefined) delete out.mdrChoice;
  if (out.reliesOn !== undefined && out.reliesOn.length === 0) delete out.reliesOn;
  return out;
}

function ParticipantEditor(props: {
  participant: Participant;
  /** Other rows (numbered from 1) with the same MPID. */
  sameMpidRows: number[];
  problems(field: string): string[];
  roleOptions: { id: string; text: string }[];
  catalogues: TabProps["catalogues"];
  onChange(change: Partial<Participant>): void;
  onRemove(): void;
}): JSX.Element {
  const { participant, onChange } = props;
  // The entry's own rules (validateParticipant) plus what only the register knows (an MPID used twice).
  const own = validateParticipant(participant, props.catalogues);
  const ownProblems = (field: string) => (own.valid ? [] : own.errors.filter((e) => e.field === field).map((e) => e.message));
  const shared = props.sameMpidRows.length > 0 ? [`MPID ${participant.mpid.trim().toUpperCase()} is also used in row ${props.sameMpidRows.join(", ")}`] : [];
  // The register's own duplicate message names the later row only; the editor names every other row.
  const fromRegister = (field: string) => (field === "mpid" && shared.length > 0 ? [] : props.problems(field));
  const problems = (field: string) => Array.from(new Set([...ownProblems(field), ...(field === "mpid" ? shared : []), ...fromRegister(field)]));
  const isSds = participant.roles.includes(SMART_DATA_SERVICE_ROLE);
  return (
    <div role="group" aria-label={`Participant ${participant.mpid || "(new)"}`}>
      <div className="mhhs-admin-form">
        <TextInput name="mpid" label="MPID" value={participant.mpid} onChange={(v) => onChange({ mpid: v.toUpperCase() })} problems={problems("mpid")} placeholder="4 letters or digits" />
        <TextInput name="organisation" label="Organisation" value={participant.organisation} onChange={(v) => onChange({ organisation: v })} problems={problems("organisation")} />
        <MultiChoice name="roles" label="Market roles" options={props.roleOptions} values={participant.roles} onChange={(roles) => onChange({ roles })} problems={problems("roles")} wide />
        <Choice
          name="path"
          label="Path to migration"
          value={participant.path}
          options={PARTICIPANT_PATHS.map((p) => ({ id: p, text: p === "SIT" ? "SIT (System Integration Testing)" : "QT (Qualification Testing)" }))}
          onChange={(v) => onChange({ path: v as Participant["path"] })}
          problems={problems("path")}
        />
        <Choice
          name="reliance"
          label="Placing Reliance"
          value={participant.reliance}
          options={RELIANCE_LEVELS.map((r) => ({ id: r, text: r }))}
          onChange={(v) => onChange({ reliance: v as Participant["reliance"], ...(v === "none" ? { reliesOn: [] } : {}) })}
          problems={problems("reliance")}
        />
        <Choice
          name="mdrChoice"
          label="MDR choice"
          value={participant.mdrChoice ?? ""}
          options={[{ id: "", text: "(none)" }, ...MDR_CHOICES.map((c) => ({ id: c, text: c === "MDR" ? "MDR (the new MDR services)" : "SupplierDCC (Supplier functionality via the DCC)" }))]}
          onChange={(v) => onChange({ mdrChoice: v === "" ? undefined : (v as Participant["mdrChoice"]) })}
          problems={problems("mdrChoice")}
          note={isSds ? "Required for a Smart Data Service." : "Only needed for a Smart Data Service."}
        />
        <ListInput
          name="reliesOn"
          label="Relies on (MPIDs)"
          values={participant.reliesOn ?? []}
          onChange={(reliesOn) => onChange({ reliesOn: reliesOn.map((m) => m.toUpperCase()) })}
          problems={problems("reliesOn")}
          placeholder="e.g. ABCD; EFGH"
          wide
        />
      </div>
      <div className="mhhs-admin-toolbar flex-row">
        <Button text="Remove participant" iconProps={{ iconName: "Delete" }} onClick={props.onRemove} />
      </div>
    </div>
  );
}

// The field editors the three groups share: a labelled row (label, control, the field's problems
// and notices) and the controls that go in it. Each row reads and writes through the binding.

import * as React from "react";
import { Button } from "azure-devops-ui/Button";
import { Dropdown } from "azure-devops-ui/Dropdown";
import { FormItem } from "azure-devops-ui/FormItem";
import { IListBoxItem, ListBoxItemType } from "azure-devops-ui/ListBox";
import { TextField } from "azure-devops-ui/TextField";
import { DropdownMultiSelection, DropdownSelection } from "azure-devops-ui/Utilities/DropdownSelection";
import { getSafeId } from "azure-devops-ui/Util";
import { joinMultiValue, splitMultiValue } from "../../../ado/fields";
import type { CatalogueEntry, Catalogues } from "../../../domain/catalogues";
import type { Participant } from "../../../domain/model";
import { findParticipant, validateMpid } from "../../../domain/participants";
import { formatDesignReferences, parseDesignRelease, parseDesignReferences } from "../../../domain/references";
import { DesignReferenceChips } from "../../../ui/DesignReferenceChips";
import { FieldProblems } from "../../../ui/FieldProblems";
import { ParticipantPicker } from "../../../ui/ParticipantPicker";
import { checkMpanList } from "./fieldChecks";
import type { BoundField, FieldNotice } from "./formBinding";
import { FrameContext } from "./frameContext";
import type { BoundForm } from "./useFormBinding";

export interface FieldControl {
  inputId: string;
  value: string;
  /** Read-only form, or a field that could not be read. */
  disabled: boolean;
  invalid: boolean;
  describedBy?: string;
  onChange(text: string): void;
}

export interface FieldRowProps {
  bound: BoundForm;
  field: BoundField;
  /** Secondary text under the control (what the value means, a hint). */
  note?: React.ReactNode;
  /** Shown between the control and its problems (e.g. the parsed chips). */
  after?: React.ReactNode;
  required?: boolean;
  wide?: boolean;
  /** The label is read by screen readers only: the host draws it already (a form control's layout label). */
  labelHidden?: boolean;
  children(control: FieldControl): React.ReactNode;
}

function idOf(name: string): string {
  return `mhhs-${name.replace(/[^A-Za-z0-9]+/g, "-").toLowerCase()}`;
}

function NoticeLine(props: { notice: FieldNotice; bound: BoundForm; readOnly: boolean }): JSX.Element {
  const { notice, bound } = props;
  const field = notice.field;
  const canResolve = field !== undefined && !props.readOnly && (notice.kind === "writeFailed" || notice.kind === "conflict");
  return (
    <div className="mhhs-notice flex-row flex-wrap" role="status">
      <span className="mhhs-notice-text">{notice.message}</span>
      {canResolve ? (
        <>
          <Button subtle text={notice.kind === "conflict" ? "Keep mine" : "Write it again"} onClick={() => bound.retry(field)} />
          <Button subtle text="Use the form's value" onClick={() => bound.takeFormValue(field)} />
        </>
      ) : null}
    </div>
  );
}

/** Notices that belong to no one field (links, the form's error). */
export function GeneralNotices(props: { bound: BoundForm }): JSX.Element | null {
  const general = props.bound.notices.filter((notice) => notice.field === undefined);
  if (general.length === 0) return null;
  return (
    <>
      {general.map((notice) => (
        <NoticeLine key={notice.kind} notice={notice} bound={props.bound} readOnly={props.bound.readOnly} />
      ))}
    </>
  );
}

export function FieldRow(props: FieldRowProps): JSX.Element {
  const { bound, field } = props;
  const inputId = idOf(field.name);
  const problems = bound.problems[field.name] ?? [];
  const notices = bound.notices.filter((notice) => notice.field === field.name);
  const invalid = problems.length > 0 || bound.unsynced[field.name] === true;
  // azure-devops-ui turns the ids it is given into safe ids, and takes one id only: the problems,
  // notices and note share one described-by container.
  const messagesId = `${inputId}-messages`;
  const hasMessages = problems.length > 0 || notices.length > 0 || Boolean(props.note);
  const control: FieldControl = {
    inputId,
    value: bound.values[field.name] ?? "",
    disabled: bound.readOnly || field.name in bound.unreadable,
    invalid,
    describedBy: hasMessages ? messagesId : undefined,
    onChange: (text) => bound.set(field.name, text),
  };
  return (
    <div className={props.wide ? "mhhs-field mhhs-wide" : "mhhs-field"} data-field={field.name}>
      <FormItem label={props.labelHidden ? <span className="mhhs-visually-hidden">{field.label}</span> : field.label} error={invalid} required={props.required}>
        {props.children(control)}
      </FormItem>
      {props.after}
      <div id={getSafeId(messagesId)}>
        <FieldProblems id={`${inputId}-problems`} problems={problems} />
        {notices.map((notice) => (
          <NoticeLine key={`${notice.kind}-${notice.field}`} notice={notice} bound={bound} readOnly={bound.readOnly} />
        ))}
        {props.note ? <div className="mhhs-summary">{props.note}</div> : null}
      </div>
    </div>
  );
}

interface TextRowProps extends Omit<FieldRowProps, "children"> {
  multiline?: boolean;
  placeholder?: string;
  /** The canonical spelling of what was typed (e.g. "qt-93" is not, "qt-093" becomes "QT-093"), applied on leaving the field. */
  canonical?: (text: string) => string | undefined;
}

export function TextRow(props: TextRowProps): JSX.Element {
  const { multiline, placeholder, canonical, ...row } = props;
  return (
    <FieldRow {...row}>
      {(control) => (
        <TextField
          inputId={control.inputId}
          value={control.value}
          readOnly={control.disabled}
          ariaInvalid={control.invalid}
          ariaDescribedBy={control.describedBy}
          multiline={multiline}
          autoAdjustHeight={multiline}
          rows={multiline ? 2 : undefined}
          placeholder={placeholder}
          onChange={(_event, text) => control.onChange(text)}
          onBlur={() => {
            const tidy = canonical?.(control.value);
            if (tidy !== undefined && tidy !== control.value && !control.disabled) control.onChange(tidy);
          }}
        />
      )}
    </FieldRow>
  );
}

function canonicalReferences(text: string): string | undefined {
  const parsed = parseDesignReferences(text);
  return parsed.errors.length === 0 && parsed.references.length > 0 ? formatDesignReferences(parsed.references) : undefined;
}

function canonicalRelease(text: string): string | undefined {
  if (!text.trim()) return undefined;
  const parsed = parseDesignRelease(text);
  return parsed.valid ? parsed.release.id : undefined;
}

export function DesignReferencesRow(props: Omit<TextRowProps, "after" | "multiline">): JSX.Element {
  const text = props.bound.values[props.field.name] ?? "";
  return (
    <TextRow
      {...props}
      wide
      canonical={canonicalReferences}
      placeholder={props.placeholder ?? "e.g. IF-033; PUB-033; BP009; DES138"}
      after={<DesignReferenceChips text={text} label={props.field.label} />}
    />
  );
}

export function DesignReleaseRow(props: Omit<TextRowProps, "placeholder">): JSX.Element {
  return <TextRow {...props} canonical={canonicalRelease} placeholder="IR8.5, DIN-0123 or CR055" />;
}

export function MpansRow(props: Omit<TextRowProps, "multiline" | "note">): JSX.Element {
  const text = props.bound.values[props.field.name] ?? "";
  const check = checkMpanList(text);
  const note =
    check.problems.length === 0 && check.validCount > 0 ? (check.validCount === 1 ? "1 valid MPAN" : `${check.validCount} valid MPANs`) : undefined;
  return <TextRow {...props} wide multiline placeholder={props.placeholder ?? "One MPAN core per line, e.g. 1800021679848"} note={note} />;
}

// -----------------------------------------------------------------------------------------------
// Lists of codes

export interface CodeOption {
  code: string;
  name?: string;
  /** Shown in the list under a group heading (options of one group are consecutive). */
  group?: string;
}

const CLEAR_ID = "";

function optionText(option: CodeOption): string {
  return option.name && option.name !== option.code ? `${option.code} – ${option.name}` : option.code;
}

/** Items for a Dropdown: group headings where the group changes, values not in the list kept visible. */
export function dropdownItems(options: readonly CodeOption[], current: readonly string[], clearable: boolean): IListBoxItem[] {
  const items: IListBoxItem[] = [];
  const known = new Set(options.map((option) => option.code.toUpperCase()));
  for (const code of current) {
    if (!known.has(code.toUpperCase())) items.push({ id: code, text: `${code} (not in the programme's list)` });
  }
  let group: string | undefined;
  for (const option of options) {
    if (option.group !== undefined && option.group !== group) {
      if (items.length > 0) items.push({ id: `divider-${option.group}`, type: ListBoxItemType.Divider });
      items.push({ id: `group-${option.group}`, text: option.group, type: ListBoxItemType.Header });
      group = option.group;
    }
    items.push({ id: option.code, text: optionText(option) });
  }
  if (clearable) {
    items.push({ id: "divider-clear", type: ListBoxItemType.Divider });
    items.push({ id: CLEAR_ID, text: "(none)" });
  }
  return items;
}

interface CodeDropdownProps {
  control: FieldControl;
  options: readonly CodeOption[];
  /** Several codes joined with ";" (roles, stages in scope). */
  multiple?: boolean;
  placeholder?: string;
}

export function CodeDropdown(props: CodeDropdownProps): JSX.Element {
  const { control, options, multiple } = props;
  const frame = React.useContext(FrameContext);
  const current = React.useMemo(() => (multiple ? splitMultiValue(control.value) : control.value.trim() ? [control.value.trim()] : []), [multiple, control.value]);
  const items = React.useMemo(() => dropdownItems(options, current, !multiple && current.length > 0), [options, current, multiple]);
  const selection = React.useMemo(() => (multiple ? new DropdownMultiSelection() : new DropdownSelection()), [multiple]);

  React.useEffect(() => {
    selection.clear();
    const wanted = new Set(current.map((code) => code.toUpperCase()));
    items.forEach((item, index) => {
      if (item.type === undefined && item.id !== CLEAR_ID && wanted.has(item.id.toUpperCase())) selection.select(index, 1, true, multiple);
    });
  }, [selection, items, current, multiple]);

  const onSelect = (_event: React.SyntheticEvent<HTMLElement>, item: IListBoxItem) => {
    if (!multiple) {
      control.onChange(item.id);
      return;
    }
    const has = current.some((code) => code.toUpperCase() === item.id.toUpperCase());
    const chosen = has ? current.filter((code) => code.toUpperCase() !== item.id.toUpperCase()) : [...current, item.id];
    const order = new Map(options.map((option, index) => [option.code.toUpperCase(), index]));
    chosen.sort((a, b) => (order.get(a.toUpperCase()) ?? -1) - (order.get(b.toUpperCase()) ?? -1));
    control.onChange(joinMultiValue(chosen));
  };

  return (
    <Dropdown
      inputId={control.inputId}
      items={items}
      selection={selection}
      disabled={control.disabled}
      ariaDescribedBy={control.describedBy}
      placeholder={props.placeholder ?? (multiple ? "Choose one or more" : "Choose")}
      showChecksColumn={multiple}
      renderSelectedItems={multiple ? () => current.join(", ") : undefined}
      onSelect={onSelect}
      onExpand={frame.popupOpened}
      onCollapse={frame.popupClosed}
    />
  );
}

export function PicklistRow(props: Omit<FieldRowProps, "children"> & { options: readonly CodeOption[]; multiple?: boolean }): JSX.Element {
  const { options, multiple, ...row } = props;
  return <FieldRow {...row}>{(control) => <CodeDropdown control={control} options={options} multiple={multiple} />}</FieldRow>;
}

export function catalogueOptions(entries: readonly CatalogueEntry[]): CodeOption[] {
  return entries.map((entry) => ({ code: entry.code, name: entry.name }));
}

// -----------------------------------------------------------------------------------------------
// Participant

export function ParticipantRow(
  props: Omit<FieldRowProps, "children" | "note"> & { participants: readonly Participant[]; role?: string; registerUnavailable?: boolean },
): JSX.Element {
  const { participants, role, registerUnavailable, ...row } = props;
  const text = props.bound.values[props.field.name] ?? "";
  const found = text.trim() ? findParticipant(participants, text) : undefined;
  let note: React.ReactNode;
  if (found) {
    const actsInRole = !role || found.roles.some((r) => r.toUpperCase() === role.trim().toUpperCase());
    note = actsInRole ? found.organisation : `${found.organisation}: not registered as ${role} (acts as ${found.roles.join(", ")})`;
  } else if (participants.length === 0) {
    note = registerUnavailable
      ? "The participant register could not be read: only the MPID's form is checked."
      : "The participant register is empty: only the MPID's form is checked until an administrator fills it in.";
  }
  return (
    <FieldRow {...row} note={note}>
      {(control) => (
        <ParticipantPicker
          inputId={control.inputId}
          value={control.value}
          participants={participants}
          readOnly={control.disabled}
          invalid={control.invalid}
          ariaDescribedBy={control.describedBy}
          onChange={control.onChange}
          onLeave={() => {
            // MPIDs are stored in capitals, so queries and reports match however they were typed.
            const mpid = validateMpid(control.value);
            if (mpid.valid && mpid.mpid !== control.value) control.onChange(mpid.mpid);
          }}
        />
      )}
    </FieldRow>
  );
}

// -----------------------------------------------------------------------------------------------
// Stage, cycle, market role and participant: where a test ran or a defect was found

export interface TestScopeFields {
  stage: BoundField;
  cycle: BoundField;
  role: BoundField;
  participant: BoundField;
}

export function TestScopeRows(props: {
  bound: BoundForm;
  fields: TestScopeFields;
  context: { catalogues: Pick<Catalogues, "stages" | "roles">; participants: readonly Participant[] };
  registerUnavailable: boolean;
}): JSX.Element {
  const { bound, fields } = props;
  const { catalogues, participants } = props.context;
  return (
    <>
      <PicklistRow bound={bound} field={fields.stage} options={catalogueOptions(catalogues.stages)} />
      <TextRow bound={bound} field={fields.cycle} placeholder="e.g. C1, C2, Batch 2" />
      <PicklistRow bound={bound} field={fields.role} options={catalogueOptions(catalogues.roles)} />
      <ParticipantRow
        bound={bound}
        field={fields.participant}
        participants={participants}
        role={bound.values[fields.role.name]}
        registerUnavailable={props.registerUnavailable}
      />
    </>
  );
}

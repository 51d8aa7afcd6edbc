// Labelled inputs for the editors: the field's own problems are shown under it, announced to
// screen readers and tied to the input (FormItem wires aria-labelledby / aria-describedby).

import * as React from "react";
import { Dropdown } from "azure-devops-ui/Dropdown";
import { FormItem } from "azure-devops-ui/FormItem";
import { IListBoxItem } from "azure-devops-ui/ListBox";
import { TextField } from "azure-devops-ui/TextField";
import { DropdownMultiSelection, DropdownSelection } from "azure-devops-ui/Utilities/DropdownSelection";
import type { Catalogues } from "../../../domain/catalogues";

export interface FieldProps {
  label: string;
  /** Why the value is not accepted; empty when it is. */
  problems?: readonly string[];
  /** A hint shown when there is no problem. */
  note?: string;
  wide?: boolean;
  /** Identifies the field for tests and styles. */
  name?: string;
}

function messageOf(problems: readonly string[] | undefined, note: string | undefined): React.ReactNode {
  if (problems && problems.length > 0) return problems.join(" ");
  return note;
}

function Field(props: FieldProps & { children: React.ReactNode }): JSX.Element {
  const invalid = (props.problems?.length ?? 0) > 0;
  return (
    <div className={props.wide ? "mhhs-field mhhs-wide" : "mhhs-field"} data-field={props.name ?? props.label}>
      <FormItem label={props.label} error={invalid} message={messageOf(props.problems, props.note)}>
        {props.children}
      </FormItem>
    </div>
  );
}

export interface TextInputProps extends FieldProps {
  value: string;
  onChange(value: string): void;
  placeholder?: string;
  multiline?: boolean;
  disabled?: boolean;
  numeric?: boolean;
}

export function TextInput(props: TextInputProps): JSX.Element {
  const invalid = (props.problems?.length ?? 0) > 0;
  return (
    <Field {...props}>
      <TextField
        value={props.value}
        onChange={(_event, value) => props.onChange(value)}
        placeholder={props.placeholder}
        multiline={props.multiline}
        rows={props.multiline ? 3 : undefined}
        readOnly={props.disabled}
        ariaInvalid={invalid}
        inputType={props.numeric ? "number" : "text"}
      />
    </Field>
  );
}

export interface ChoiceOption {
  id: string;
  text: string;
}

/** The stages as choices, "SIT-A – System Integration Testing A". */
export function stageChoices(catalogues: Pick<Catalogues, "stages">): ChoiceOption[] {
  return catalogues.stages.map((s) => ({ id: s.code, text: `${s.code} – ${s.name}` }));
}

/** The market roles a participant can act in, as choices. */
export function participantRoleChoices(catalogues: Pick<Catalogues, "roles">): ChoiceOption[] {
  return catalogues.roles.filter((r) => r.kind === "participant").map((r) => ({ id: r.code, text: `${r.code} – ${r.name}` }));
}

/** A list's "Problems" cell: the first problem of the row, marked bad; empty when there is none. */
export function ProblemCell(props: { problems: readonly { message: string }[] }): JSX.Element {
  const first = props.problems[0]?.message;
  return <td className={first !== undefined ? "mhhs-bad" : ""}>{first ?? ""}</td>;
}

export interface ChoiceProps extends FieldProps {
  options: readonly ChoiceOption[];
  value: string;
  onChange(value: string): void;
  placeholder?: string;
  disabled?: boolean;
}

export function Choice(props: ChoiceProps): JSX.Element {
  const items = React.useMemo<IListBoxItem[]>(() => props.options.map((o) => ({ id: o.id, text: o.text })), [props.options]);
  const selection = React.useMemo(() => new DropdownSelection(), []);
  React.useEffect(() => {
    const index = items.findIndex((item) => item.id === props.value);
    if (index >= 0) selection.select(index);
    else selection.clear();
  }, [selection, items, props.value]);
  return (
    <Field {...props}>
      <Dropdown
        ariaLabel={props.label}
        items={items}
        selection={selection}
        placeholder={props.placeholder ?? "Choose…"}
        disabled={props.disabled}
        onSelect={(_event, item) => props.onChange(item.id)}
      />
    </Field>
  );
}

export interface MultiChoiceProps extends FieldProps {
  options: readonly ChoiceOption[];
  values: readonly string[];
  onChange(values: string[]): void;
  placeholder?: string;
  disabled?: boolean;
}

/** Several codes from a list, kept in the list's order. */
export function MultiChoice(props: MultiChoiceProps): JSX.Element {
  const items = React.useMemo<IListBoxItem[]>(() => props.options.map((o) => ({ id: o.id, text: o.text })), [props.options]);
  const selection = React.useMemo(() => new DropdownMultiSelection(), []);
  React.useEffect(() => {
    selection.clear();
    items.forEach((item, index) => {
      if (props.values.includes(item.id)) selection.select(index, 1, true, true);
    });
  }, [selection, items, props.values]);
  return (
    <Field {...props}>
      <Dropdown
        ariaLabel={props.label}
        items={items}
        selection={selection}
        placeholder={props.placeholder ?? "Choose…"}
        disabled={props.disabled}
        onSelect={(_event, item) => {
          const chosen = props.values.includes(item.id) ? props.values.filter((v) => v !== item.id) : [...props.values, item.id];
          const order = props.options.map((o) => o.id);
          props.onChange(chosen.sort((a, b) => order.indexOf(a) - order.indexOf(b)));
        }}
      />
    </Field>
  );
}

/** A read-only list of problems for a whole document or import, as text a screen reader announces. */
export function ProblemList(props: { title: string; problems: readonly string[]; limit?: number }): JSX.Element | null {
  if (props.problems.length === 0) return null;
  const limit = props.limit ?? 8;
  return (
    <div className="mhhs-problems-block" role="alert">
      <strong>{props.title}</strong>
      <ul className="mhhs-problems">
        {props.problems.slice(0, limit).map((problem, index) => (
          <li key={`${index}-${problem}`}>{problem}</li>
        ))}
        {props.problems.length > limit ? <li>…and {props.problems.length - limit} more</li> : null}
      </ul>
    </div>
  );
}

export interface ListInputProps extends FieldProps {
  values: readonly string[];
  onChange(values: string[]): void;
  placeholder?: string;
  disabled?: boolean;
  multiline?: boolean;
}

function splitValues(text: string): string[] {
  return text
    .split(/[;,\n]+/)
    .map((v) => v.trim())
    .filter((v) => v !== "");
}

/** A list typed as text ("ABCD; EFGH"): the text is kept as typed while the list it reads as is passed on. */
export function ListInput(props: ListInputProps): JSX.Element {
  const [text, setText] = React.useState(() => props.values.join("; "));
  const joined = props.values.join("\u0001");
  React.useEffect(() => {
    // Follow changes made elsewhere (an import, a revert), not the echo of what was typed.
    if (splitValues(text).join("\u0001") !== joined) setText(joined === "" ? "" : joined.split("\u0001").join("; "));
  }, [joined]);
  return (
    <TextInput
      {...props}
      value={text}
      onChange={(value) => {
        setText(value);
        props.onChange(splitValues(value));
      }}
    />
  );
}

/** A table row chosen with a click, Enter or Space; the chosen one is marked selected. */
export function SelectableRow(props: { selected: boolean; onSelect(): void; children: React.ReactNode } & Omit<React.HTMLAttributes<HTMLTableRowElement>, "onSelect">): JSX.Element {
  const { selected, onSelect, children, ...attributes } = props;
  return (
    <tr
      {...attributes}
      tabIndex={0}
      aria-selected={selected}
      className={selected ? "mhhs-selected" : undefined}
      onClick={onSelect}
      onKeyDown={(event) => {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          onSelect();
        }
      }}
    >
      {children}
    </tr>
  );
}

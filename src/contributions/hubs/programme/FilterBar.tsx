import * as React from "react";
import { Button } from "azure-devops-ui/Button";
import { Dropdown } from "azure-devops-ui/Dropdown";
import { IListBoxItem } from "azure-devops-ui/ListBox";
import { DropdownSelection } from "azure-devops-ui/Utilities/DropdownSelection";
import type { HubFilters } from "./filters";

export interface FilterOption {
  id: string;
  text: string;
}

const ALL = "";

function FilterChoice(props: { label: string; all: string; options: readonly FilterOption[]; value?: string; onChange(value: string | undefined): void }): JSX.Element {
  const items = React.useMemo<IListBoxItem[]>(() => {
    const list: IListBoxItem[] = [{ id: ALL, text: props.all }, ...props.options.map((o) => ({ id: o.id, text: o.text }))];
    // A value from the address that is not among the choices is still shown, so the view says what it is filtered by.
    if (props.value && !props.options.some((o) => o.id.toUpperCase() === props.value?.toUpperCase())) list.push({ id: props.value, text: props.value });
    return list;
  }, [props.options, props.all, props.value]);
  const selection = React.useMemo(() => new DropdownSelection(), []);
  React.useEffect(() => {
    const wanted = (props.value ?? ALL).toUpperCase();
    const index = items.findIndex((item) => item.id.toUpperCase() === wanted);
    selection.select(index >= 0 ? index : 0);
  }, [selection, items, props.value]);
  const id = `filter-${props.label.toLowerCase()}`;
  return (
    <div className="mhhs-filter" data-filter={props.label.toLowerCase()}>
      <label id={id} className="mhhs-filter-label">
        {props.label}
      </label>
      <Dropdown
        ariaLabelledBy={id}
        ariaLabel={props.label}
        items={items}
        selection={selection}
        showFilterBox={items.length > 12}
        onSelect={(_event, item) => props.onChange(item.id === ALL ? undefined : item.id)}
      />
    </div>
  );
}

export interface FilterBarProps {
  filters: HubFilters;
  stages: readonly FilterOption[];
  cycles: readonly FilterOption[];
  roles: readonly FilterOption[];
  participants: readonly FilterOption[];
  onChange(filters: HubFilters): void;
}

/** Stage, cycle, role and participant; changing the stage clears a cycle that belongs to another stage. */
export function FilterBar(props: FilterBarProps): JSX.Element {
  const { filters } = props;
  const set = (key: keyof HubFilters, value: string | undefined) => {
    const next: HubFilters = { ...filters };
    if (value === undefined) delete next[key];
    else next[key] = value;
    if (key === "stage" && value !== filters.stage) delete next.cycle;
    props.onChange(next);
  };
  const any = Object.values(filters).some((v) => v !== undefined);
  return (
    <div className="mhhs-filter-bar flex-row" role="group" aria-label="Filters">
      <FilterChoice label="Stage" all="All stages" options={props.stages} value={filters.stage} onChange={(v) => set("stage", v)} />
      <FilterChoice label="Cycle" all="All cycles" options={props.cycles} value={filters.cycle} onChange={(v) => set("cycle", v)} />
      <FilterChoice label="Role" all="All roles" options={props.roles} value={filters.role} onChange={(v) => set("role", v)} />
      <FilterChoice label="Participant" all="All participants" options={props.participants} value={filters.participant} onChange={(v) => set("participant", v)} />
      <div className="mhhs-filter mhhs-filter-clear">
        <Button text="Clear filters" subtle disabled={!any} onClick={() => props.onChange({})} />
      </div>
    </div>
  );
}

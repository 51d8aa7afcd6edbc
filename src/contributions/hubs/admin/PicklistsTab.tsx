import * as React from "react";
import { Button } from "azure-devops-ui/Button";
import { PICKLIST_OVERRIDES } from "../../../ado/configStore";
import {
  CatalogueEntry,
  CatalogueOverrides,
  Catalogues,
  DEFAULT_DEFECT_CATEGORIES,
  DEFAULT_MARKET_ROLES,
  DEFAULT_NFT_CATEGORIES,
  DEFAULT_REQUIREMENT_TYPES,
  DEFAULT_STAGES,
  MarketRole,
  Phase,
  resolveCatalogues,
  RoleKind,
  Stage,
} from "../../../domain/catalogues";
import { DataTable } from "../../../ui/DataTable";
import type { TabProps } from "./AdminHub";
import { Choice, TextInput } from "./controls";
import { DocumentFrame } from "./DocumentFrame";
import { useConfigDocument } from "./useConfigDocument";

type ListName = keyof Catalogues;
type AnyEntry = CatalogueEntry & Partial<Stage> & Partial<MarketRole>;
interface ListOverride {
  replace?: AnyEntry[];
  add?: AnyEntry[];
  remove?: string[];
}

const LISTS: { id: ListName; text: string; defaults: readonly AnyEntry[] }[] = [
  { id: "stages", text: "Test stages", defaults: DEFAULT_STAGES },
  { id: "roles", text: "Market roles", defaults: DEFAULT_MARKET_ROLES },
  { id: "requirementTypes", text: "Requirement types", defaults: DEFAULT_REQUIREMENT_TYPES },
  { id: "nftCategories", text: "NFT categories", defaults: DEFAULT_NFT_CATEGORIES },
  { id: "defectCategories", text: "Defect categories", defaults: DEFAULT_DEFECT_CATEGORIES },
];

const PHASES: Phase[] = ["PIT", "SIT", "UIT"];
const KINDS: RoleKind[] = ["participant", "central"];

function same(a: string, b: string): boolean {
  return a.trim().toUpperCase() === b.trim().toUpperCase();
}

/** The programme's picklists (stages, roles, categories) with the project's additions and removals. */
export function PicklistsTab(props: TabProps & { onSaved(): void }): JSX.Element {
  const doc = useConfigDocument(PICKLIST_OVERRIDES, props.services, props.catalogues, props.onSaved);
  const [list, setList] = React.useState<ListName>("stages");
  const [entry, setEntry] = React.useState<AnyEntry>({ code: "", name: "" });
  const spec = LISTS.find((l) => l.id === list)!;

  return (
    <DocumentFrame
      title="Picklists"
      description="Add values the programme uses that the defaults lack, or remove those it does not use. Saved changes apply to the forms and checks at once; new values reach the process picklists when Process set-up is applied."
      doc={doc}
    >
      {(draft: CatalogueOverrides) => {
        const override = (draft[list] ?? {}) as ListOverride;
        const resolved = resolveCatalogues(draft)[list] as AnyEntry[];
        const removed = override.remove ?? [];
        const added = override.add ?? [];
        const setOverride = (next: ListOverride) =>
          doc.update((d) => {
            const copy: CatalogueOverrides = { ...d };
            const cleaned = Object.fromEntries(Object.entries(next).filter(([, v]) => v !== undefined && (!Array.isArray(v) || v.length > 0)));
            if (Object.keys(cleaned).length === 0) delete copy[list];
            else (copy as Record<string, unknown>)[list] = cleaned;
            return copy;
          });
        const rows: { entry: AnyEntry; status: "default" | "added" | "removed" }[] = [
          ...spec.defaults.map((d) => ({ entry: d, status: removed.some((code) => same(code, d.code)) ? ("removed" as const) : ("default" as const) })),
          ...added.filter((a) => !spec.defaults.some((d) => same(d.code, a.code))).map((a) => ({ entry: a, status: "added" as const })),
        ];
        const codeProblem =
          entry.code.trim() === "" ? undefined : resolved.some((r) => same(r.code, entry.code)) ? `${entry.code.trim()} is already in the list` : undefined;
        const listProblems = doc.problems.filter((p) => p.path === list || p.path.startsWith(`${list}.`)).map((p) => p.message);
        return (
          <>
            <div className="mhhs-admin-form">
              <Choice label="Picklist" value={list} options={LISTS.map((l) => ({ id: l.id, text: l.text }))} onChange={(v) => setList(v as ListName)} problems={listProblems} />
            </div>
            <DataTable ariaLabel={spec.text} columns={["Code", "Name", list === "stages" ? "Phase" : list === "roles" ? "Kind" : "", "In use", ""]}>
              {rows.map(({ entry: row, status }) => (
                <tr key={`${status}-${row.code}`} data-code={row.code} data-status={status}>
                  <td>{row.code}</td>
                  <td>{row.name}</td>
                  <td>{list === "stages" ? row.phase : list === "roles" ? row.kind : ""}</td>
                  <td className={status === "removed" ? "mhhs-bad" : "mhhs-good"}>{status === "removed" ? "Removed" : status === "added" ? "Added" : "Default"}</td>
                  <td>
                    {status === "default" ? (
                      <Button subtle text="Remove" ariaLabel={`Remove ${row.code}`} onClick={() => setOverride({ ...override, remove: [...removed, row.code] })} />
                    ) : status === "removed" ? (
                      <Button subtle text="Restore" ariaLabel={`Restore ${row.code}`} onClick={() => setOverride({ ...override, remove: removed.filter((c) => !same(c, row.code)) })} />
                    ) : (
                      <Button subtle text="Remove" ariaLabel={`Remove ${row.code}`} onClick={() => setOverride({ ...override, add: added.filter((a) => !same(a.code, row.code)) })} />
                    )}
                  </td>
                </tr>
              ))}
            </DataTable>
            <h3>{`Add a value to ${spec.text.toLowerCase()}`}</h3>
            <div className="mhhs-admin-form">
              <TextInput name="code" label="Code" value={entry.code} onChange={(v) => setEntry({ ...entry, code: v })} problems={codeProblem ? [codeProblem] : []} />
              <TextInput name="name" label="Name" value={entry.name} onChange={(v) => setEntry({ ...entry, name: v })} />
              {list === "stages" ? (
                <>
                  <Choice name="phase" label="Phase" value={entry.phase ?? "SIT"} options={PHASES.map((p) => ({ id: p, text: p }))} onChange={(v) => setEntry({ ...entry, phase: v as Phase })} />
                  <TextInput
                    name="order"
                    label="Order (where it sorts)"
                    value={entry.order === undefined ? "" : String(entry.order)}
                    onChange={(v) => setEntry({ ...entry, order: v.trim() === "" ? undefined : Number(v) })}
                    problems={entry.order !== undefined && !Number.isFinite(entry.order) ? ["The order must be a number, e.g. 35 to sort between SIT-FUNC (30) and SIT-MIG (40)"] : []}
                  />
                </>
              ) : null}
              {list === "roles" ? (
                <Choice name="kind" label="Kind" value={entry.kind ?? "participant"} options={KINDS.map((k) => ({ id: k, text: k }))} onChange={(v) => setEntry({ ...entry, kind: v as RoleKind })} />
              ) : null}
            </div>
            <div className="mhhs-admin-toolbar flex-row">
              <Button
                text="Add value"
                iconProps={{ iconName: "Add" }}
                disabled={entry.code.trim() === "" || Boolean(codeProblem) || (list === "stages" && !Number.isFinite(entry.order ?? NaN))}
                onClick={() => {
                  const value: AnyEntry = { code: entry.code.trim(), name: entry.name.trim() || entry.code.trim() };
                  if (list === "stages") Object.assign(value, { phase: entry.phase ?? "SIT", order: entry.order });
                  if (list === "roles") Object.assign(value, { kind: entry.kind ?? "participant" });
                  setOverride({ ...override, add: [...added, value] });
                  setEntry({ code: "", name: "" });
                }}
              />
            </div>
          </>
        );
      }}
    </DocumentFrame>
  );
}

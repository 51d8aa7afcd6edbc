// Processes and what they define: work item types, their states, fields, categories and form layout.
// An inherited process stores only what it changes: derived types (with "inherits" pointing at the
// system type), custom types, added fields and its own copy of a derived type's layout. Reads merge
// that with the parent system process.
import crypto from "node:crypto";
import { defaultLayout, PageType, SECTION_IDS } from "../catalogue/layouts";
import { FieldDefinition } from "../catalogue/systemFields";
import { StateCategory, WorkItemTypeDefinition } from "../catalogue/systemProcesses";
import { Db } from "./database";

export type Customization = "system" | "inherited" | "custom";

export interface Process {
  id: string;
  name: string;
  referenceName: string | null;
  description: string;
  parentId?: string;
  isSystem: boolean;
  isDefault: boolean;
  isEnabled: boolean;
}

export interface WorkItemType {
  /** The process that owns the row: the parent system process for types an inherited process has not customised. */
  ownerProcessId: string;
  referenceName: string;
  name: string;
  description: string;
  color: string;
  icon: string;
  inherits?: string;
  isDisabled: boolean;
  customization: Customization;
}

export interface WorkItemTypeState {
  name: string;
  category: StateCategory;
  color: string;
  order: number;
}

export interface WorkItemTypeField {
  field: string;
  required: boolean;
  readOnly: boolean;
  defaultValue?: string | number | boolean;
  allowedValues?: (string | number)[];
  allowGroups: boolean;
  /** Defined on the parent system type rather than on this (derived) type. */
  inherited: boolean;
}

export interface Category {
  referenceName: string;
  name: string;
  /** Work item type names; the first is the default. */
  types: string[];
}

export interface Contribution {
  contributionId: string;
  height?: number;
  inputs?: Record<string, unknown>;
  showOnDeletedWorkItem?: boolean;
}

export interface FormControl {
  id: string;
  label: string | null;
  controlType: string | null;
  order: number;
  visible: boolean;
  readOnly: boolean;
  height: number | null;
  metadata: string | null;
  watermark: string | null;
  inherited: boolean;
  contribution: Contribution | null;
}

export interface FormGroup {
  id: string;
  label: string;
  order: number;
  visible: boolean;
  height: number | null;
  inherited: boolean;
  contribution: Contribution | null;
  controls: FormControl[];
}

export interface FormSection {
  id: string;
  groups: FormGroup[];
}

export interface FormPage {
  id: string;
  label: string;
  pageType: PageType;
  order: number;
  locked: boolean;
  visible: boolean;
  inherited: boolean;
  contribution: Contribution | null;
  sections: FormSection[];
}

interface ProcessRow {
  id: string;
  name: string;
  reference_name: string | null;
  description: string;
  parent_id: string | null;
  is_system: number;
  is_default: number;
  is_enabled: number;
}

interface TypeRow {
  process_id: string;
  reference_name: string;
  name: string;
  description: string;
  color: string;
  icon: string;
  inherits: string | null;
  is_disabled: number;
  customization: Customization;
}

interface TypeFieldRow {
  field: string;
  is_required: number;
  is_read_only: number;
  default_value: string | null;
  allowed_values: string | null;
  allow_groups: number;
}

interface PageRow {
  id: string;
  label: string;
  page_type: PageType;
  sort_order: number;
  locked: number;
  visible: number;
  inherited: number;
  contribution: string | null;
}

interface GroupRow {
  id: string;
  page_id: string;
  section_id: string;
  label: string;
  sort_order: number;
  visible: number;
  height: number | null;
  inherited: number;
  contribution: string | null;
}

interface ControlRow {
  group_id: string;
  id: string;
  label: string | null;
  control_type: string | null;
  sort_order: number;
  visible: number;
  read_only: number;
  height: number | null;
  metadata: string | null;
  watermark: string | null;
  inherited: number;
  contribution: string | null;
}

const toProcess = (row: ProcessRow): Process => ({
  id: row.id,
  name: row.name,
  referenceName: row.reference_name,
  description: row.description,
  parentId: row.parent_id ?? undefined,
  isSystem: row.is_system === 1,
  isDefault: row.is_default === 1,
  isEnabled: row.is_enabled === 1,
});

const toType = (row: TypeRow): WorkItemType => ({
  ownerProcessId: row.process_id,
  referenceName: row.reference_name,
  name: row.name,
  description: row.description,
  color: row.color,
  icon: row.icon,
  inherits: row.inherits ?? undefined,
  isDisabled: row.is_disabled === 1,
  customization: row.customization,
});

const parseJson = <T>(text: string | null): T | null => (text === null ? null : (JSON.parse(text) as T));

/** A reference name fragment from a display name: "MHHS Agile" -> "MHHSAgile". */
export function referenceNameFragment(name: string): string {
  return name.replace(/[^A-Za-z0-9]/g, "");
}

export class ProcessStore {
  constructor(private readonly db: Db) {}

  list(): Process[] {
    return (this.db.prepare("SELECT * FROM processes ORDER BY is_system DESC, name").all() as ProcessRow[]).map(toProcess);
  }

  get(id: string): Process | undefined {
    const row = this.db.prepare("SELECT * FROM processes WHERE id = ? COLLATE NOCASE").get(id) as ProcessRow | undefined;
    return row && toProcess(row);
  }

  findByName(name: string): Process | undefined {
    const row = this.db.prepare("SELECT * FROM processes WHERE name = ?").get(name) as ProcessRow | undefined;
    return row && toProcess(row);
  }

  create(process: { id?: string; name: string; referenceName?: string | null; description?: string; parentId?: string; isSystem?: boolean; isDefault?: boolean }): Process {
    const id = process.id ?? crypto.randomUUID();
    this.db
      .prepare("INSERT INTO processes (id, name, reference_name, description, parent_id, is_system, is_default, is_enabled) VALUES (?, ?, ?, ?, ?, ?, ?, 1)")
      .run(id, process.name, process.referenceName ?? null, process.description ?? "", process.parentId ?? null, process.isSystem ? 1 : 0, process.isDefault ? 1 : 0);
    return this.get(id)!;
  }

  projectIds(processId: string): { id: string; name: string }[] {
    return this.db.prepare("SELECT id, name FROM projects WHERE process_id = ? ORDER BY name").all(processId) as { id: string; name: string }[];
  }

  // --- work item types ---

  /** The types a project on this process sees: the parent's system types, replaced by their derived versions, plus custom types. */
  types(processId: string): WorkItemType[] {
    const process = this.get(processId);
    if (!process) return [];
    const own = this.ownTypes(processId);
    if (!process.parentId) return own;
    const derived = new Map(own.filter((t) => t.inherits).map((t) => [t.inherits!.toLowerCase(), t]));
    const inheritedTypes = this.ownTypes(process.parentId).map((parentType) => derived.get(parentType.referenceName.toLowerCase()) ?? parentType);
    return [...inheritedTypes, ...own.filter((t) => !t.inherits)];
  }

  /** By reference name or name, case-insensitively. */
  type(processId: string, referenceOrName: string): WorkItemType | undefined {
    const wanted = referenceOrName.toLowerCase();
    return this.types(processId).find((t) => t.referenceName.toLowerCase() === wanted || t.name.toLowerCase() === wanted);
  }

  private ownTypes(processId: string): WorkItemType[] {
    return (this.db.prepare("SELECT * FROM work_item_types WHERE process_id = ? ORDER BY name").all(processId) as TypeRow[]).map(toType);
  }

  /** Stores a type from its definition: states, fields with their rules, and the default layout. */
  insertTypeDefinition(processId: string, definition: WorkItemTypeDefinition, customization: Customization, fieldsByRef: ReadonlyMap<string, FieldDefinition>): void {
    this.db
      .prepare("INSERT INTO work_item_types (process_id, reference_name, name, description, color, icon, inherits, is_disabled, customization) VALUES (?, ?, ?, ?, ?, ?, NULL, 0, ?)")
      .run(processId, definition.referenceName, definition.name, definition.description, definition.color, definition.icon, customization);
    const insertState = this.db.prepare("INSERT INTO work_item_type_states (process_id, work_item_type, name, category, color, sort_order) VALUES (?, ?, ?, ?, ?, ?)");
    definition.states.forEach((s, index) => insertState.run(processId, definition.referenceName, s.name, s.category, s.color, index + 1));
    for (const f of definition.fields) {
      this.putTypeField(processId, definition.referenceName, {
        field: f.field,
        required: f.required ?? false,
        readOnly: false,
        defaultValue: f.defaultValue,
        allowedValues: f.allowedValues ? [...f.allowedValues] : undefined,
        allowGroups: false,
      });
    }
    this.insertLayout(processId, definition.referenceName, defaultLayout(definition, fieldsByRef), false);
  }

  /** An inherited version of a system type, ready to take fields and layout changes. */
  createDerivedType(processId: string, systemType: WorkItemType, changes: { color?: string; description?: string; icon?: string; isDisabled?: boolean } = {}): WorkItemType {
    const process = this.get(processId)!;
    const referenceName = `${referenceNameFragment(process.name)}.${referenceNameFragment(systemType.name)}`;
    this.db
      .prepare("INSERT INTO work_item_types (process_id, reference_name, name, description, color, icon, inherits, is_disabled, customization) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'inherited')")
      .run(
        processId,
        referenceName,
        systemType.name,
        changes.description ?? systemType.description,
        changes.color ?? systemType.color,
        changes.icon ?? systemType.icon,
        systemType.referenceName,
        changes.isDisabled ? 1 : 0,
      );
    this.copyLayout(systemType.ownerProcessId, systemType.referenceName, processId, referenceName);
    return this.type(processId, referenceName)!;
  }

  createCustomType(processId: string, definition: WorkItemTypeDefinition, fieldsByRef: ReadonlyMap<string, FieldDefinition>): WorkItemType {
    this.insertTypeDefinition(processId, definition, "custom", fieldsByRef);
    return this.type(processId, definition.referenceName)!;
  }

  states(type: WorkItemType): WorkItemTypeState[] {
    const [processId, referenceName] = this.definingType(type);
    return this.db
      .prepare("SELECT name, category, color, sort_order AS `order` FROM work_item_type_states WHERE process_id = ? AND work_item_type = ? ORDER BY sort_order")
      .all(processId, referenceName) as WorkItemTypeState[];
  }

  /** The fields of a type: those of the system type it inherits from, then its own additions. */
  typeFields(type: WorkItemType): WorkItemTypeField[] {
    const fields = new Map<string, WorkItemTypeField>();
    if (type.inherits) {
      const process = this.get(type.ownerProcessId)!;
      for (const f of this.ownTypeFields(process.parentId!, type.inherits)) fields.set(f.field.toLowerCase(), { ...f, inherited: true });
    }
    for (const f of this.ownTypeFields(type.ownerProcessId, type.referenceName)) fields.set(f.field.toLowerCase(), f);
    return [...fields.values()];
  }

  typeField(type: WorkItemType, field: string): WorkItemTypeField | undefined {
    return this.typeFields(type).find((f) => f.field.toLowerCase() === field.toLowerCase());
  }

  putTypeField(processId: string, typeReferenceName: string, field: Omit<WorkItemTypeField, "inherited">): void {
    this.db
      .prepare(
        `INSERT INTO work_item_type_fields (process_id, work_item_type, field, is_required, is_read_only, default_value, allowed_values, allow_groups)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(process_id, work_item_type, field) DO UPDATE SET is_required = excluded.is_required, is_read_only = excluded.is_read_only,
           default_value = excluded.default_value, allowed_values = excluded.allowed_values, allow_groups = excluded.allow_groups`,
      )
      .run(
        processId,
        typeReferenceName,
        field.field,
        field.required ? 1 : 0,
        field.readOnly ? 1 : 0,
        field.defaultValue === undefined ? null : JSON.stringify(field.defaultValue),
        field.allowedValues ? JSON.stringify(field.allowedValues) : null,
        field.allowGroups ? 1 : 0,
      );
  }

  private ownTypeFields(processId: string, typeReferenceName: string): WorkItemTypeField[] {
    const rows = this.db
      .prepare("SELECT * FROM work_item_type_fields WHERE process_id = ? AND work_item_type = ? ORDER BY rowid")
      .all(processId, typeReferenceName) as TypeFieldRow[];
    return rows.map((row) => ({
      field: row.field,
      required: row.is_required === 1,
      readOnly: row.is_read_only === 1,
      defaultValue: parseJson<string | number | boolean>(row.default_value) ?? undefined,
      allowedValues: parseJson<(string | number)[]>(row.allowed_values) ?? undefined,
      allowGroups: row.allow_groups === 1,
      inherited: false,
    }));
  }

  /** Where states live: on the system type for a derived type, on the type itself otherwise. */
  private definingType(type: WorkItemType): [string, string] {
    if (!type.inherits) return [type.ownerProcessId, type.referenceName];
    return [this.get(type.ownerProcessId)!.parentId!, type.inherits];
  }

  // --- categories ---

  insertCategory(processId: string, category: Category): void {
    const insert = this.db.prepare("INSERT INTO work_item_type_categories (process_id, reference_name, name, work_item_type, is_default) VALUES (?, ?, ?, ?, ?)");
    category.types.forEach((typeName, index) => insert.run(processId, category.referenceName, category.name, typeName, index === 0 ? 1 : 0));
  }

  /** Categories name types, so an inherited process shares its parent's (derived types keep their names). */
  categories(processId: string): Category[] {
    const process = this.get(processId);
    if (!process) return [];
    const rows = this.db
      .prepare("SELECT reference_name, name, work_item_type, is_default FROM work_item_type_categories WHERE process_id = ? ORDER BY reference_name, is_default DESC, rowid")
      .all(process.parentId ?? processId) as { reference_name: string; name: string; work_item_type: string; is_default: number }[];
    const categories = new Map<string, Category>();
    for (const row of rows) {
      const category = categories.get(row.reference_name) ?? { referenceName: row.reference_name, name: row.name, types: [] };
      category.types.push(row.work_item_type);
      categories.set(row.reference_name, category);
    }
    return [...categories.values()];
  }

  // --- form layout ---

  layout(type: WorkItemType): FormPage[] {
    const key = [type.ownerProcessId, type.referenceName];
    const pages = this.db.prepare("SELECT * FROM form_pages WHERE process_id = ? AND work_item_type = ? ORDER BY sort_order").all(...key) as PageRow[];
    const groups = this.db.prepare("SELECT * FROM form_groups WHERE process_id = ? AND work_item_type = ? ORDER BY sort_order").all(...key) as GroupRow[];
    const controls = this.db.prepare("SELECT * FROM form_controls WHERE process_id = ? AND work_item_type = ? ORDER BY sort_order").all(...key) as ControlRow[];
    return pages.map((page) => ({
      id: page.id,
      label: page.label,
      pageType: page.page_type,
      order: page.sort_order,
      locked: page.locked === 1,
      visible: page.visible === 1,
      inherited: page.inherited === 1,
      contribution: parseJson<Contribution>(page.contribution),
      sections:
        page.page_type === "custom"
          ? SECTION_IDS.map((sectionId) => ({
              id: sectionId,
              groups: groups
                .filter((g) => g.page_id === page.id && g.section_id === sectionId)
                .map((g) => ({
                  id: g.id,
                  label: g.label,
                  order: g.sort_order,
                  visible: g.visible === 1,
                  height: g.height,
                  inherited: g.inherited === 1,
                  contribution: parseJson<Contribution>(g.contribution),
                  controls: controls.filter((c) => c.group_id === g.id).map(toControl),
                })),
            }))
          : [],
    }));
  }

  addGroup(
    type: WorkItemType,
    pageId: string,
    sectionId: string,
    group: { label: string; order?: number; visible?: boolean; height?: number; contribution?: Contribution | null },
  ): string {
    const id = crypto.randomUUID();
    const order = group.order ?? this.nextOrder("form_groups", type, "page_id = ? AND section_id = ?", [pageId, sectionId]);
    this.db
      .prepare(
        "INSERT INTO form_groups (process_id, work_item_type, id, page_id, section_id, label, sort_order, visible, height, inherited, contribution) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)",
      )
      .run(type.ownerProcessId, type.referenceName, id, pageId, sectionId, group.label, order, group.visible === false ? 0 : 1, group.height ?? null, group.contribution ? JSON.stringify(group.contribution) : null);
    return id;
  }

  updateGroup(type: WorkItemType, groupId: string, changes: { label?: string; order?: number; visible?: boolean; height?: number }): void {
    const columns: Array<[string, string | number | undefined]> = [
      ["label", changes.label],
      ["sort_order", changes.order],
      ["visible", changes.visible === undefined ? undefined : changes.visible ? 1 : 0],
      ["height", changes.height],
    ];
    const changed = columns.filter(([, value]) => value !== undefined) as Array<[string, string | number]>;
    if (changed.length === 0) return;
    this.db
      .prepare(`UPDATE form_groups SET ${changed.map(([column]) => `${column} = ?`).join(", ")} WHERE process_id = ? AND work_item_type = ? AND id = ?`)
      .run(...changed.map(([, value]) => value), type.ownerProcessId, type.referenceName, groupId);
  }

  addControl(type: WorkItemType, groupId: string, control: Omit<FormControl, "order" | "inherited"> & { order?: number }): void {
    const order = control.order ?? this.nextOrder("form_controls", type, "group_id = ?", [groupId]);
    this.db
      .prepare(
        `INSERT INTO form_controls (process_id, work_item_type, group_id, id, label, control_type, sort_order, visible, read_only, height, metadata, watermark, inherited, contribution)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)`,
      )
      .run(
        type.ownerProcessId,
        type.referenceName,
        groupId,
        control.id,
        control.label,
        control.controlType,
        order,
        control.visible ? 1 : 0,
        control.readOnly ? 1 : 0,
        control.height,
        control.metadata,
        control.watermark,
        control.contribution ? JSON.stringify(control.contribution) : null,
      );
  }

  private nextOrder(table: "form_groups" | "form_controls", type: WorkItemType, where: string, args: string[]): number {
    const row = this.db
      .prepare(`SELECT MAX(sort_order) AS max FROM ${table} WHERE process_id = ? AND work_item_type = ? AND ${where}`)
      .get(type.ownerProcessId, type.referenceName, ...args) as { max: number | null };
    return (row.max ?? 0) + 1;
  }

  private insertLayout(processId: string, typeReferenceName: string, pages: ReturnType<typeof defaultLayout>, inherited: boolean): void {
    const flag = inherited ? 1 : 0;
    const insertPage = this.db.prepare(
      "INSERT INTO form_pages (process_id, work_item_type, id, label, page_type, sort_order, locked, visible, inherited, contribution) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, NULL)",
    );
    const insertGroup = this.db.prepare(
      "INSERT INTO form_groups (process_id, work_item_type, id, page_id, section_id, label, sort_order, visible, height, inherited, contribution) VALUES (?, ?, ?, ?, ?, ?, ?, 1, NULL, ?, NULL)",
    );
    const insertControl = this.db.prepare(
      `INSERT INTO form_controls (process_id, work_item_type, group_id, id, label, control_type, sort_order, visible, read_only, height, metadata, watermark, inherited, contribution)
       VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, NULL, NULL, ?, NULL)`,
    );
    pages.forEach((page, pageIndex) => {
      insertPage.run(processId, typeReferenceName, page.id, page.label, page.pageType, pageIndex + 1, page.locked ? 1 : 0, flag);
      for (const section of page.sections) {
        section.groups.forEach((group, groupIndex) => {
          insertGroup.run(processId, typeReferenceName, group.id, page.id, section.id, group.label, groupIndex + 1, flag);
          group.controls.forEach((control, controlIndex) =>
            insertControl.run(processId, typeReferenceName, group.id, control.id, control.label, control.controlType, controlIndex + 1, control.readOnly ? 1 : 0, control.height ?? null, flag),
          );
        });
      }
    });
  }

  private copyLayout(fromProcessId: string, fromType: string, toProcessId: string, toType: string): void {
    for (const table of ["form_pages", "form_groups", "form_controls"]) {
      const columns = (this.db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
      const copied = columns.map((c) => (c === "process_id" ? "?" : c === "work_item_type" ? "?" : c === "inherited" ? "1" : c)).join(", ");
      this.db
        .prepare(`INSERT INTO ${table} (${columns.join(", ")}) SELECT ${copied} FROM ${table} WHERE process_id = ? AND work_item_type = ?`)
        .run(toProcessId, toType, fromProcessId, fromType);
    }
  }
}

function toControl(row: ControlRow): FormControl {
  return {
    id: row.id,
    label: row.label,
    controlType: row.control_type,
    order: row.sort_order,
    visible: row.visible === 1,
    readOnly: row.read_only === 1,
    height: row.height,
    metadata: row.metadata,
    watermark: row.watermark,
    inherited: row.inherited === 1,
    contribution: parseJson<Contribution>(row.contribution),
  };
}

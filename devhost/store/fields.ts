import crypto from "node:crypto";
import { LinkTypeDefinition } from "../catalogue/linkTypes";
import { FieldDefinition, FieldKind } from "../catalogue/systemFields";
import { Db } from "./database";

export interface Field {
  referenceName: string;
  name: string;
  type: FieldKind;
  usage: "workItem" | "workItemLink";
  description: string;
  readOnly: boolean;
  isIdentity: boolean;
  picklistId?: string;
  canSortBy: boolean;
  isQueryable: boolean;
  isLocked: boolean;
}

export type PicklistType = "String" | "Integer" | "Double";

export interface Picklist {
  id: string;
  name: string;
  type: PicklistType;
  /** A suggested list allows other values; otherwise only its items are accepted. */
  isSuggested: boolean;
  items: (string | number)[];
}

interface FieldRow {
  reference_name: string;
  name: string;
  type: FieldKind;
  usage: Field["usage"];
  description: string;
  read_only: number;
  is_identity: number;
  picklist_id: string | null;
  can_sort_by: number;
  is_queryable: number;
  is_locked: number;
}

interface PicklistRow {
  id: string;
  name: string;
  type: PicklistType;
  is_suggested: number;
  items: string;
}

interface LinkTypeRow {
  reference_name: string;
  name: string;
  opposite_reference_name: string | null;
  topology: LinkTypeDefinition["topology"] | null;
  usage: LinkTypeDefinition["usage"];
  is_directional: number;
  is_acyclic: number;
  is_single_target: number;
}

const toField = (row: FieldRow): Field => ({
  referenceName: row.reference_name,
  name: row.name,
  type: row.type,
  usage: row.usage,
  description: row.description,
  readOnly: row.read_only === 1,
  isIdentity: row.is_identity === 1,
  picklistId: row.picklist_id ?? undefined,
  canSortBy: row.can_sort_by === 1,
  isQueryable: row.is_queryable === 1,
  isLocked: row.is_locked === 1,
});

const toPicklist = (row: PicklistRow): Picklist => ({
  id: row.id,
  name: row.name,
  type: row.type,
  isSuggested: row.is_suggested === 1,
  items: JSON.parse(row.items) as (string | number)[],
});

const toLinkType = (row: LinkTypeRow): LinkTypeDefinition => ({
  referenceName: row.reference_name,
  name: row.name,
  usage: row.usage,
  oppositeReferenceName: row.opposite_reference_name ?? undefined,
  topology: row.topology ?? undefined,
  isDirectional: row.is_directional === 1,
  isAcyclic: row.is_acyclic === 1,
  isSingleTarget: row.is_single_target === 1,
});

export class FieldStore {
  constructor(private readonly db: Db) {}

  list(): Field[] {
    return (this.db.prepare("SELECT * FROM fields ORDER BY reference_name").all() as FieldRow[]).map(toField);
  }

  /** By reference name or display name, case-insensitively, as WIQL and the REST routes accept both. */
  get(referenceOrName: string): Field | undefined {
    const row = this.db.prepare("SELECT * FROM fields WHERE reference_name = ? OR name = ?").get(referenceOrName, referenceOrName) as FieldRow | undefined;
    return row && toField(row);
  }

  create(field: FieldDefinition & { picklistId?: string; isLocked?: boolean }): Field {
    this.db
      .prepare(
        `INSERT INTO fields (reference_name, name, type, usage, description, read_only, is_identity, picklist_id, can_sort_by, is_queryable, is_locked)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        field.referenceName,
        field.name,
        field.type,
        field.usage ?? "workItem",
        field.description ?? "",
        field.readOnly ? 1 : 0,
        field.isIdentity ? 1 : 0,
        field.picklistId ?? null,
        field.canSortBy === false ? 0 : 1,
        field.isQueryable === false ? 0 : 1,
        field.isLocked ? 1 : 0,
      );
    return this.get(field.referenceName)!;
  }

  exists(referenceName: string, name: string): boolean {
    return this.db.prepare("SELECT 1 FROM fields WHERE reference_name = ? OR name = ?").get(referenceName, name) !== undefined;
  }

  picklists(): Picklist[] {
    return (this.db.prepare("SELECT * FROM picklists ORDER BY name").all() as PicklistRow[]).map(toPicklist);
  }

  picklist(id: string): Picklist | undefined {
    const row = this.db.prepare("SELECT * FROM picklists WHERE id = ? COLLATE NOCASE").get(id) as PicklistRow | undefined;
    return row && toPicklist(row);
  }

  createPicklist(list: Omit<Picklist, "id"> & { id?: string }): Picklist {
    const id = list.id ?? crypto.randomUUID();
    this.db
      .prepare("INSERT INTO picklists (id, name, type, is_suggested, items) VALUES (?, ?, ?, ?, ?)")
      .run(id, list.name, list.type, list.isSuggested ? 1 : 0, JSON.stringify(list.items));
    return this.picklist(id)!;
  }

  updatePicklist(list: Picklist): Picklist {
    this.db
      .prepare("UPDATE picklists SET name = ?, type = ?, is_suggested = ?, items = ? WHERE id = ?")
      .run(list.name, list.type, list.isSuggested ? 1 : 0, JSON.stringify(list.items), list.id);
    return this.picklist(list.id)!;
  }

  linkTypes(): LinkTypeDefinition[] {
    return (this.db.prepare("SELECT * FROM link_types ORDER BY reference_name").all() as LinkTypeRow[]).map(toLinkType);
  }

  /** By reference name or end name ("Tested By"). */
  linkType(referenceOrName: string): LinkTypeDefinition | undefined {
    const row = this.db
      .prepare("SELECT * FROM link_types WHERE reference_name = ? OR name = ? COLLATE NOCASE ORDER BY usage DESC LIMIT 1")
      .get(referenceOrName, referenceOrName) as LinkTypeRow | undefined;
    return row && toLinkType(row);
  }

  ensureLinkType(link: LinkTypeDefinition): void {
    this.db
      .prepare(
        `INSERT OR IGNORE INTO link_types (reference_name, name, opposite_reference_name, topology, usage, is_directional, is_acyclic, is_single_target)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        link.referenceName,
        link.name,
        link.oppositeReferenceName ?? null,
        link.topology ?? null,
        link.usage,
        link.isDirectional ? 1 : 0,
        link.isAcyclic ? 1 : 0,
        link.isSingleTarget ? 1 : 0,
      );
  }
}

// Work items as stored: the current fields (JSON, plus one row per field for WIQL), every revision's
// fields, and relations. Business rules (validation, system fields, both ends of a link) are applied
// by devhost/wit before anything reaches this store.
import { Db } from "./database";

export type FieldValue = string | number | boolean;
export type FieldMap = Record<string, FieldValue>;

export interface WorkItemRecord {
  id: number;
  projectId: string;
  rev: number;
  fields: FieldMap;
  isDeleted: boolean;
}

export interface RelationRecord {
  id: number;
  workItemId: number;
  rel: string;
  targetId?: number;
  url?: string;
  attributes: Record<string, unknown>;
}

export interface RevisionRecord {
  workItemId: number;
  rev: number;
  fields: FieldMap;
}

interface WorkItemRow {
  id: number;
  project_id: string;
  rev: number;
  fields: string;
  is_deleted: number;
}

interface RelationRow {
  id: number;
  work_item_id: number;
  rel: string;
  target_id: number | null;
  url: string | null;
  attributes: string;
}

/** Fields that belong to one revision only and are not part of the current state. */
const REVISION_ONLY_FIELDS = new Set(["System.History"]);

const toRecord = (row: WorkItemRow): WorkItemRecord => ({
  id: row.id,
  projectId: row.project_id,
  rev: row.rev,
  fields: JSON.parse(row.fields) as FieldMap,
  isDeleted: row.is_deleted === 1,
});

const toRelation = (row: RelationRow): RelationRecord => ({
  id: row.id,
  workItemId: row.work_item_id,
  rel: row.rel,
  targetId: row.target_id ?? undefined,
  url: row.url ?? undefined,
  attributes: JSON.parse(row.attributes) as Record<string, unknown>,
});

/** SQLite stores booleans as integers; everything else as it is. */
const sqlValue = (value: FieldValue): string | number => (typeof value === "boolean" ? (value ? 1 : 0) : value);

const isEmpty = (value: FieldValue | null | undefined) => value === "" || value === null || value === undefined;

/** The non-empty fields of a revision (ADO leaves empty fields out). */
function revisionFields(fields: FieldMap): FieldMap {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => !isEmpty(value)));
}

function currentFields(fields: FieldMap): FieldMap {
  return Object.fromEntries(Object.entries(fields).filter(([name, value]) => !isEmpty(value) && !REVISION_ONLY_FIELDS.has(name)));
}

export class WorkItemStore {
  private readonly statements;

  constructor(private readonly db: Db) {
    this.statements = {
      get: db.prepare("SELECT * FROM work_items WHERE id = ?"),
      insert: db.prepare("INSERT INTO work_items (id, project_id, rev, fields, is_deleted) VALUES (?, ?, ?, ?, 0)"),
      update: db.prepare("UPDATE work_items SET rev = ?, fields = ? WHERE id = ?"),
      deleteValues: db.prepare("DELETE FROM work_item_field_values WHERE work_item_id = ?"),
      insertValue: db.prepare("INSERT INTO work_item_field_values (work_item_id, field, value) VALUES (?, ?, ?)"),
      insertRevision: db.prepare("INSERT INTO work_item_revisions (work_item_id, rev, changed_date, fields) VALUES (?, ?, ?, ?)"),
      insertRelation: db.prepare("INSERT INTO work_item_relations (work_item_id, rel, target_id, url, attributes) VALUES (?, ?, ?, ?, ?)"),
      maxId: db.prepare("SELECT COALESCE(MAX(id), 0) AS id FROM work_items"),
    };
  }

  get(id: number): WorkItemRecord | undefined {
    const row = this.statements.get.get(id) as WorkItemRow | undefined;
    return row && !row.is_deleted ? toRecord(row) : undefined;
  }

  getMany(ids: readonly number[]): Map<number, WorkItemRecord> {
    const found = new Map<number, WorkItemRecord>();
    for (const chunk of chunks(ids, 500)) {
      const rows = this.db
        .prepare(`SELECT * FROM work_items WHERE is_deleted = 0 AND id IN (${chunk.map(() => "?").join(",")})`)
        .all(...chunk) as WorkItemRow[];
      for (const row of rows) found.set(row.id, toRecord(row));
    }
    return found;
  }

  count(): number {
    return (this.db.prepare("SELECT COUNT(*) AS n FROM work_items WHERE is_deleted = 0").get() as { n: number }).n;
  }

  nextId(): number {
    return (this.statements.maxId.get() as { id: number }).id + 1;
  }

  /** Stores a new work item (its revision 1 included); fields must already carry System.Id and System.Rev. */
  insert(item: { id: number; projectId: string; fields: FieldMap }): WorkItemRecord {
    const fields = currentFields(item.fields);
    this.statements.insert.run(item.id, item.projectId, 1, JSON.stringify(fields));
    this.writeValues(item.id, fields);
    this.writeRevision(item.id, 1, item.fields);
    return { id: item.id, projectId: item.projectId, rev: 1, fields, isDeleted: false };
  }

  /** Stores the next revision; fields is the complete new state plus any revision-only fields. */
  saveRevision(id: number, rev: number, fields: FieldMap): WorkItemRecord {
    const current = currentFields(fields);
    this.statements.update.run(rev, JSON.stringify(current), id);
    this.writeValues(id, current);
    this.writeRevision(id, rev, fields);
    return { ...this.get(id)! };
  }

  softDelete(id: number): void {
    this.db.prepare("UPDATE work_items SET is_deleted = 1 WHERE id = ?").run(id);
  }

  revisions(id: number): RevisionRecord[] {
    const rows = this.db.prepare("SELECT rev, fields FROM work_item_revisions WHERE work_item_id = ? ORDER BY rev").all(id) as { rev: number; fields: string }[];
    return rows.map((row) => ({ workItemId: id, rev: row.rev, fields: JSON.parse(row.fields) as FieldMap }));
  }

  revision(id: number, rev: number): RevisionRecord | undefined {
    const row = this.db.prepare("SELECT fields FROM work_item_revisions WHERE work_item_id = ? AND rev = ?").get(id, rev) as { fields: string } | undefined;
    return row && { workItemId: id, rev, fields: JSON.parse(row.fields) as FieldMap };
  }

  /** The revision current at the given instant, if the item existed then. */
  revisionAsOf(id: number, asOf: Date): RevisionRecord | undefined {
    const row = this.db
      .prepare("SELECT rev, fields FROM work_item_revisions WHERE work_item_id = ? AND changed_date <= ? ORDER BY rev DESC LIMIT 1")
      .get(id, asOf.toISOString()) as { rev: number; fields: string } | undefined;
    return row && { workItemId: id, rev: row.rev, fields: JSON.parse(row.fields) as FieldMap };
  }

  relations(workItemId: number): RelationRecord[] {
    const rows = this.db
      .prepare(
        `SELECT r.* FROM work_item_relations r LEFT JOIN work_items t ON t.id = r.target_id
         WHERE r.work_item_id = ? AND (r.target_id IS NULL OR t.is_deleted = 0) ORDER BY r.id`,
      )
      .all(workItemId) as RelationRow[];
    return rows.map(toRelation);
  }

  findLink(workItemId: number, rel: string, targetId: number): RelationRecord | undefined {
    const row = this.db
      .prepare("SELECT * FROM work_item_relations WHERE work_item_id = ? AND rel = ? COLLATE NOCASE AND target_id = ?")
      .get(workItemId, rel, targetId) as RelationRow | undefined;
    return row && toRelation(row);
  }

  countLinks(workItemId: number, rel: string): number {
    return (this.db.prepare("SELECT COUNT(*) AS n FROM work_item_relations WHERE work_item_id = ? AND rel = ? COLLATE NOCASE").get(workItemId, rel) as { n: number }).n;
  }

  /** One end of a relation; devhost/wit adds the opposite end of work item links. */
  addRelation(relation: Omit<RelationRecord, "id">): void {
    this.statements.insertRelation.run(relation.workItemId, relation.rel, relation.targetId ?? null, relation.url ?? null, JSON.stringify(relation.attributes));
  }

  removeRelation(relationId: number): void {
    this.db.prepare("DELETE FROM work_item_relations WHERE id = ?").run(relationId);
  }

  /**
   * Fast path for seeding and tests: many items (revision 1 each) and links, with prepared statements.
   * Links are given once; both ends are stored.
   */
  bulkInsert(
    items: readonly { id: number; projectId: string; fields: FieldMap }[],
    links: readonly { sourceId: number; rel: string; oppositeRel: string; targetId: number; attributes?: Record<string, unknown> }[] = [],
  ): void {
    this.db.transaction(() => {
      for (const item of items) this.insert(item);
      for (const link of links) {
        const attributes = JSON.stringify(link.attributes ?? { isLocked: false });
        this.statements.insertRelation.run(link.sourceId, link.rel, link.targetId, null, attributes);
        this.statements.insertRelation.run(link.targetId, link.oppositeRel, link.sourceId, null, attributes);
      }
    })();
  }

  private writeValues(id: number, fields: FieldMap): void {
    this.statements.deleteValues.run(id);
    for (const [name, value] of Object.entries(fields)) this.statements.insertValue.run(id, name, sqlValue(value));
  }

  private writeRevision(id: number, rev: number, fields: FieldMap): void {
    const changedDate = String(fields["System.ChangedDate"] ?? new Date().toISOString());
    this.statements.insertRevision.run(id, rev, changedDate, JSON.stringify(revisionFields(fields)));
  }
}

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) result.push(items.slice(i, i + size));
  return result;
}

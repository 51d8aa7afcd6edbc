import { Db } from "./database";

/** Where a document lives: an extension's collection in a scope ("Default"/"Current" or "User"/<user id>). */
export interface DocumentScope {
  publisher: string;
  extension: string;
  scopeType: "Default" | "User";
  scopeValue: string;
  collection: string;
}

export interface StoredDocument {
  id: string;
  etag: number;
  /** The document's own members (id and __etag are added when it is read). */
  body: Record<string, unknown>;
}

export class ExtensionDataStore {
  constructor(private readonly db: Db) {}

  get(scope: DocumentScope, id: string): StoredDocument | undefined {
    const row = this.db
      .prepare(
        "SELECT id, etag, document FROM extension_documents WHERE publisher = ? AND extension = ? AND scope_type = ? AND scope_value = ? AND collection = ? AND id = ?",
      )
      .get(scope.publisher, scope.extension, scope.scopeType, scope.scopeValue, scope.collection, id) as { id: string; etag: number; document: string } | undefined;
    return row && { id: row.id, etag: row.etag, body: JSON.parse(row.document) as Record<string, unknown> };
  }

  list(scope: DocumentScope): StoredDocument[] {
    const rows = this.db
      .prepare(
        "SELECT id, etag, document FROM extension_documents WHERE publisher = ? AND extension = ? AND scope_type = ? AND scope_value = ? AND collection = ? ORDER BY rowid",
      )
      .all(scope.publisher, scope.extension, scope.scopeType, scope.scopeValue, scope.collection) as { id: string; etag: number; document: string }[];
    return rows.map((row) => ({ id: row.id, etag: row.etag, body: JSON.parse(row.document) as Record<string, unknown> }));
  }

  put(scope: DocumentScope, document: StoredDocument): void {
    this.db
      .prepare(
        `INSERT INTO extension_documents (publisher, extension, scope_type, scope_value, collection, id, etag, document) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(publisher, extension, scope_type, scope_value, collection, id) DO UPDATE SET etag = excluded.etag, document = excluded.document`,
      )
      .run(scope.publisher, scope.extension, scope.scopeType, scope.scopeValue, scope.collection, document.id, document.etag, JSON.stringify(document.body));
  }

  delete(scope: DocumentScope, id: string): boolean {
    const result = this.db
      .prepare("DELETE FROM extension_documents WHERE publisher = ? AND extension = ? AND scope_type = ? AND scope_value = ? AND collection = ? AND id = ?")
      .run(scope.publisher, scope.extension, scope.scopeType, scope.scopeValue, scope.collection, id);
    return result.changes > 0;
  }
}

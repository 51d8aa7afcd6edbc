import Database from "better-sqlite3";
import fs from "node:fs";
import path from "node:path";
import { MIGRATIONS, Migration } from "./migrations";

export type Db = Database.Database;

export const IN_MEMORY = ":memory:";
export const DATABASE_FILE = "devhost.sqlite";

/** Opens (creating if needed) the store in dataDir, or in memory for ":memory:"; reset deletes it first. */
export function openDatabase(dataDir: string, options: { reset?: boolean } = {}): Db {
  let filename = IN_MEMORY;
  if (dataDir !== IN_MEMORY) {
    fs.mkdirSync(dataDir, { recursive: true });
    filename = path.join(dataDir, DATABASE_FILE);
    if (options.reset) {
      for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(filename + suffix, { force: true });
    }
  }
  const db = new Database(filename);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  migrate(db, MIGRATIONS);
  return db;
}

export function migrate(db: Db, migrations: readonly Migration[]): void {
  db.exec("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL, description TEXT NOT NULL, applied_date TEXT NOT NULL)");
  const current = (db.prepare("SELECT MAX(version) AS version FROM schema_version").get() as { version: number | null }).version ?? 0;
  const pending = migrations.filter((m) => m.version > current).sort((a, b) => a.version - b.version);
  for (const migration of pending) {
    db.transaction(() => {
      db.exec(migration.sql);
      db.prepare("INSERT INTO schema_version (version, description, applied_date) VALUES (?, ?, ?)").run(
        migration.version,
        migration.description,
        new Date().toISOString(),
      );
    })();
  }
}

export function schemaVersion(db: Db): number {
  return (db.prepare("SELECT MAX(version) AS version FROM schema_version").get() as { version: number | null }).version ?? 0;
}

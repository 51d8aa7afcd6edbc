import crypto from "node:crypto";
import { distinctDisplayName } from "../catalogue/systemFields";
import { Db } from "./database";

export interface User {
  id: string;
  displayName: string;
  uniqueName: string;
  /** Project Collection Administrators hold "Edit process" and may change processes and fields. */
  isProjectCollectionAdmin: boolean;
}

interface UserRow {
  id: string;
  display_name: string;
  unique_name: string;
  is_project_collection_admin: number;
}

const toUser = (row: UserRow): User => ({
  id: row.id,
  displayName: row.display_name,
  uniqueName: row.unique_name,
  isProjectCollectionAdmin: row.is_project_collection_admin === 1,
});

export function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

export class IdentityStore {
  constructor(private readonly db: Db) {}

  list(): User[] {
    return (this.db.prepare("SELECT * FROM users ORDER BY display_name").all() as UserRow[]).map(toUser);
  }

  get(id: string): User | undefined {
    const row = this.db.prepare("SELECT * FROM users WHERE id = ?").get(id) as UserRow | undefined;
    return row && toUser(row);
  }

  /** By id, unique name, display name or "Display Name <unique name>". */
  find(identity: string): User | undefined {
    const match = /<([^>]+)>\s*$/.exec(identity);
    const key = (match ? match[1] : identity).trim();
    const row = this.db
      .prepare("SELECT * FROM users WHERE id = ? OR unique_name = ? OR display_name = ? COLLATE NOCASE ORDER BY id LIMIT 1")
      .get(key, key, key) as UserRow | undefined;
    return row && toUser(row);
  }

  ensure(user: User): void {
    this.db
      .prepare("INSERT OR IGNORE INTO users (id, display_name, unique_name, is_project_collection_admin) VALUES (?, ?, ?, ?)")
      .run(user.id, user.displayName, user.uniqueName, user.isProjectCollectionAdmin ? 1 : 0);
  }

  addPersonalAccessToken(userId: string, token: string): void {
    this.db
      .prepare("INSERT OR IGNORE INTO personal_access_tokens (token_hash, user_id, created_date) VALUES (?, ?, ?)")
      .run(hashToken(token), userId, new Date().toISOString());
  }

  userForPersonalAccessToken(token: string): User | undefined {
    const row = this.db
      .prepare("SELECT u.* FROM personal_access_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = ?")
      .get(hashToken(token)) as UserRow | undefined;
    return row && toUser(row);
  }
}

export function identityValue(user: Pick<User, "displayName" | "uniqueName">): string {
  return distinctDisplayName(user.displayName, user.uniqueName);
}

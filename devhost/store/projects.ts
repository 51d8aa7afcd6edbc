import crypto from "node:crypto";
import { Db } from "./database";

export interface Project {
  id: string;
  name: string;
  description: string;
  processId: string;
  revision: number;
  lastUpdateTime: string;
}

export interface Team {
  id: string;
  projectId: string;
  name: string;
  description: string;
  isDefault: boolean;
}

interface ProjectRow {
  id: string;
  name: string;
  description: string;
  process_id: string;
  revision: number;
  last_update_time: string;
}

interface TeamRow {
  id: string;
  project_id: string;
  name: string;
  description: string;
  is_default: number;
}

const toProject = (row: ProjectRow): Project => ({
  id: row.id,
  name: row.name,
  description: row.description,
  processId: row.process_id,
  revision: row.revision,
  lastUpdateTime: row.last_update_time,
});

const toTeam = (row: TeamRow): Team => ({ id: row.id, projectId: row.project_id, name: row.name, description: row.description, isDefault: row.is_default === 1 });

export class ProjectStore {
  constructor(private readonly db: Db) {}

  list(): Project[] {
    return (this.db.prepare("SELECT * FROM projects ORDER BY name").all() as ProjectRow[]).map(toProject);
  }

  /** By id or (case-insensitive) name, as ADO routes accept either. */
  find(nameOrId: string): Project | undefined {
    const row = this.db.prepare("SELECT * FROM projects WHERE id = ? COLLATE NOCASE OR name = ?").get(nameOrId, nameOrId) as ProjectRow | undefined;
    return row && toProject(row);
  }

  create(project: { name: string; description?: string; processId: string; id?: string }): Project {
    const id = project.id ?? crypto.randomUUID();
    const now = new Date().toISOString();
    this.db
      .prepare("INSERT INTO projects (id, name, description, process_id, revision, last_update_time) VALUES (?, ?, ?, ?, 1, ?)")
      .run(id, project.name, project.description ?? "", project.processId, now);
    this.db
      .prepare("INSERT INTO teams (id, project_id, name, description, is_default) VALUES (?, ?, ?, ?, 1)")
      .run(crypto.randomUUID(), id, `${project.name} Team`, "The default project team.");
    return this.find(id)!;
  }

  /** Moves the project to another process (for example from Agile to an inherited child of Agile). */
  changeProcess(projectId: string, processId: string): void {
    this.db
      .prepare("UPDATE projects SET process_id = ?, revision = revision + 1, last_update_time = ? WHERE id = ?")
      .run(processId, new Date().toISOString(), projectId);
  }

  teams(projectId: string): Team[] {
    return (this.db.prepare("SELECT * FROM teams WHERE project_id = ? ORDER BY name").all(projectId) as TeamRow[]).map(toTeam);
  }

  findTeam(projectId: string, nameOrId: string): Team | undefined {
    const row = this.db
      .prepare("SELECT * FROM teams WHERE project_id = ? AND (id = ? COLLATE NOCASE OR name = ?)")
      .get(projectId, nameOrId, nameOrId) as TeamRow | undefined;
    return row && toTeam(row);
  }

  defaultTeam(projectId: string): Team | undefined {
    const row = this.db.prepare("SELECT * FROM teams WHERE project_id = ? AND is_default = 1").get(projectId) as TeamRow | undefined;
    return row && toTeam(row);
  }

  storedProperties(projectId: string): { name: string; value: string | null }[] {
    return this.db.prepare("SELECT name, value FROM project_properties WHERE project_id = ? ORDER BY name").all(projectId) as { name: string; value: string | null }[];
  }

  setProperty(projectId: string, name: string, value: string | null): void {
    if (value === null) {
      this.db.prepare("DELETE FROM project_properties WHERE project_id = ? AND name = ?").run(projectId, name);
      return;
    }
    this.db
      .prepare("INSERT INTO project_properties (project_id, name, value) VALUES (?, ?, ?) ON CONFLICT(project_id, name) DO UPDATE SET value = excluded.value")
      .run(projectId, name, value);
  }
}

import { HostError, HostSession } from "./session";

export interface WorkItemRelation {
  rel: string;
  url: string;
  attributes?: Record<string, unknown>;
}

interface RestWorkItem {
  id: number;
  rev: number;
  fields: Record<string, unknown>;
  relations?: WorkItemRelation[];
}

export type FormNotification = "onLoaded" | "onFieldChanged" | "onSaved" | "onRefreshed" | "onReset" | "onUnloaded";

export interface FormListener {
  frameId: string;
  notify(method: FormNotification, args: unknown): void;
}

/**
 * The work item open in the shell's form: its saved state, the unsaved edits of the user and
 * of contributions, the errors contributions set to block saving, and save through REST.
 */
export class WorkItemSession {
  id = 0;
  rev = 0;
  readonly isNew: boolean;
  readOnly = false;
  private saved: Record<string, unknown> = {};
  private edits: Record<string, unknown> = {};
  private savedRelations: WorkItemRelation[] = [];
  private addedRelations: WorkItemRelation[] = [];
  private removedRelationUrls = new Set<string>();
  private readonly errors = new Map<string, string>();
  private readonly listeners = new Set<FormListener>();
  private readonly changeListeners = new Set<(kind: string, detail?: unknown) => void>();
  lastSaveError?: string;

  constructor(private readonly session: HostSession, readonly workItemType: string, existingId?: number) {
    this.isNew = !existingId;
    if (existingId) this.id = existingId;
  }

  async load(): Promise<void> {
    if (this.isNew) {
      this.saved = { "System.WorkItemType": this.workItemType, "System.State": "New", "System.TeamProject": this.session.project.name };
      return;
    }
    const item = await this.session.rest<RestWorkItem>(this.session.projectPath(`_apis/wit/workitems/${this.id}?$expand=relations`));
    this.applyServerState(item);
  }

  private applyServerState(item: RestWorkItem): void {
    this.id = item.id;
    this.rev = item.rev;
    this.saved = { ...item.fields, "System.Id": item.id, "System.Rev": item.rev };
    this.savedRelations = item.relations ?? [];
    this.edits = {};
    this.addedRelations = [];
    this.removedRelationUrls.clear();
  }

  onChange(listener: (kind: string, detail?: unknown) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  private changed(kind: string, detail?: unknown): void {
    this.changeListeners.forEach((listener) => listener(kind, detail));
  }

  addListener(listener: FormListener): void {
    this.listeners.add(listener);
  }

  removeListener(frameId: string): void {
    for (const listener of this.listeners) if (listener.frameId === frameId) this.listeners.delete(listener);
    this.errors.delete(frameId);
  }

  notifyAll(method: FormNotification, args: unknown): void {
    this.listeners.forEach((listener) => listener.notify(method, args));
  }

  loadedArgs() {
    return { id: this.id, isNew: this.isNew, isReadOnly: this.readOnly };
  }

  value(field: string, original = false): unknown {
    if (!original && Object.prototype.hasOwnProperty.call(this.edits, field)) return this.edits[field];
    return this.saved[field];
  }

  setValues(values: Record<string, unknown>): boolean {
    if (this.readOnly) return false;
    const changedFields: Record<string, unknown> = {};
    for (const [field, value] of Object.entries(values)) {
      if (field === "System.Id" || field === "System.Rev") continue;
      const normalised = value === undefined ? null : value;
      if (normalised === (this.saved[field] ?? null) || (normalised === "" && this.saved[field] === undefined)) delete this.edits[field];
      else this.edits[field] = normalised;
      changedFields[field] = normalised;
    }
    if (Object.keys(changedFields).length === 0) return true;
    this.notifyAll("onFieldChanged", { id: this.id, changedFields });
    this.changed("fields", changedFields);
    return true;
  }

  isDirty(): boolean {
    return Object.keys(this.edits).length > 0 || this.addedRelations.length > 0 || this.removedRelationUrls.size > 0;
  }

  dirtyFields(): string[] {
    return Object.keys(this.edits);
  }

  setError(frameId: string, message: string): void {
    this.errors.set(frameId, message);
    this.changed("errors");
  }

  clearError(frameId: string): void {
    if (this.errors.delete(frameId)) this.changed("errors");
  }

  blockingErrors(): string[] {
    return Array.from(this.errors.values());
  }

  relations(): WorkItemRelation[] {
    return this.savedRelations.filter((r) => !this.removedRelationUrls.has(r.url + r.rel)).concat(this.addedRelations);
  }

  addRelations(relations: WorkItemRelation[]): void {
    this.addedRelations.push(...relations);
    this.changed("relations");
  }

  removeRelations(relations: WorkItemRelation[]): void {
    for (const relation of relations) {
      const added = this.addedRelations.findIndex((r) => r.url === relation.url && r.rel === relation.rel);
      if (added >= 0) this.addedRelations.splice(added, 1);
      else this.removedRelationUrls.add(relation.url + relation.rel);
    }
    this.changed("relations");
  }

  /** Saves through REST; a stale revision, a rule failure or a server error keeps every edit. */
  async save(): Promise<void> {
    const errors = this.blockingErrors();
    if (errors.length > 0) {
      this.lastSaveError = `Cannot save: ${errors.join("; ")}`;
      this.changed("saveFailed", this.lastSaveError);
      throw new Error(this.lastSaveError);
    }
    const patch: Array<Record<string, unknown>> = [];
    if (!this.isNew || this.id) patch.push({ op: "test", path: "/rev", value: this.rev });
    for (const [field, value] of Object.entries(this.edits)) {
      if (value === null || value === "") {
        if (this.saved[field] !== undefined) patch.push({ op: "remove", path: `/fields/${field}` });
      } else {
        patch.push({ op: "add", path: `/fields/${field}`, value });
      }
    }
    this.savedRelations.forEach((relation, index) => {
      if (this.removedRelationUrls.has(relation.url + relation.rel)) patch.push({ op: "remove", path: `/relations/${index}` });
    });
    for (const relation of this.addedRelations) patch.push({ op: "add", path: "/relations/-", value: relation });
    const creating = this.isNew && !this.id;
    const path = creating
      ? this.session.projectPath(`_apis/wit/workitems/$${encodeURIComponent(this.workItemType)}?$expand=relations`)
      : this.session.projectPath(`_apis/wit/workitems/${this.id}?$expand=relations`);
    try {
      const item = await this.session.rest<RestWorkItem>(path, {
        method: creating ? "POST" : "PATCH",
        body: patch,
        contentType: "application/json-patch+json",
      });
      this.applyServerState(item);
      this.lastSaveError = undefined;
      this.notifyAll("onSaved", { id: this.id });
      this.changed("saved");
    } catch (error) {
      this.lastSaveError = describeSaveFailure(error);
      this.changed("saveFailed", this.lastSaveError);
      throw new Error(this.lastSaveError, { cause: error });
    }
  }

  async refresh(): Promise<void> {
    if (this.isNew && !this.id) return;
    const item = await this.session.rest<RestWorkItem>(this.session.projectPath(`_apis/wit/workitems/${this.id}?$expand=relations`));
    this.applyServerState(item);
    this.notifyAll("onRefreshed", { id: this.id });
    this.changed("refreshed");
  }

  reset(): void {
    this.edits = {};
    this.addedRelations = [];
    this.removedRelationUrls.clear();
    this.notifyAll("onReset", { id: this.id });
    this.changed("reset");
  }
}

function describeSaveFailure(error: unknown): string {
  if (error instanceof HostError) {
    if (error.status === 409 || error.status === 412 || /TF26071|changed by someone else|revision/i.test(error.message)) {
      return `Someone else changed this work item since you opened it. Your changes are still here: refresh to see theirs, then save again. (${error.message})`;
    }
    if (error.status === 429) return `Azure DevOps is throttling requests; your changes are still here, try saving again shortly. (${error.message})`;
    return `Save failed (${error.status}): ${error.message}. Your changes are still here.`;
  }
  return `Save failed: ${error instanceof Error ? error.message : String(error)}. Your changes are still here.`;
}

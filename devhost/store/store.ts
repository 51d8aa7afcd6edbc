import { Db, IN_MEMORY, openDatabase } from "./database";
import { ExtensionDataStore } from "./extensionData";
import { FieldStore } from "./fields";
import { IdentityStore } from "./identities";
import { ProcessStore } from "./processes";
import { ProjectStore } from "./projects";
import { SettingsStore } from "./settings";
import { TestPlanStore } from "./testPlans";
import { WorkItemStore } from "./workItems";

/** The local host's whole state, one SQLite database, by area. */
export class DevhostStore {
  readonly settings: SettingsStore;
  readonly identities: IdentityStore;
  readonly fields: FieldStore;
  readonly processes: ProcessStore;
  readonly projects: ProjectStore;
  readonly workItems: WorkItemStore;
  readonly extensionData: ExtensionDataStore;
  readonly testPlans: TestPlanStore;

  constructor(readonly db: Db) {
    this.settings = new SettingsStore(db);
    this.identities = new IdentityStore(db);
    this.fields = new FieldStore(db);
    this.processes = new ProcessStore(db);
    this.projects = new ProjectStore(db);
    this.workItems = new WorkItemStore(db);
    this.extensionData = new ExtensionDataStore(db);
    this.testPlans = new TestPlanStore(db);
  }

  /** Runs fn in one transaction: if it throws, nothing it wrote is kept. Nested calls become savepoints. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  /** Runs fn in a transaction that is always rolled back, returning what fn returned (validateOnly requests). */
  dryRun<T>(fn: () => T): T {
    const rollback = new DryRunRollback<T>();
    try {
      this.transaction(() => {
        rollback.result = fn();
        throw rollback;
      });
    } catch (error) {
      if (error !== rollback) throw error;
    }
    return rollback.result as T;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

class DryRunRollback<T> {
  result?: T;
}

export function openStore(dataDir: string = IN_MEMORY, options: { reset?: boolean } = {}): DevhostStore {
  return new DevhostStore(openDatabase(dataDir, options));
}

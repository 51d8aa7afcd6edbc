import { startDevhost, DevhostHandle } from "../../../devhost/server";
import { seedIfEmpty } from "../../../devhost/seed";

export interface E2eHost extends DevhostHandle {
  /** The host page URL for a route, e.g. "#/workitems/12". */
  page(route?: string): string;
}

/** A devhost on a free port with an in-memory store, seeded unless asked not to be. */
export async function startE2eHost(options: { extension?: { manifestPath: string; root: string }; seed?: boolean; faults?: boolean } = {}): Promise<E2eHost> {
  const handle = await startDevhost({
    port: 0,
    dataDir: ":memory:",
    quiet: true,
    faults: options.faults ?? true,
    extension: options.extension,
    seed: options.seed === false ? undefined : (store) => seedIfEmpty(store, { scale: 0.2 }),
  });
  return { ...handle, page: (route = "") => `${handle.url}/${route}` };
}

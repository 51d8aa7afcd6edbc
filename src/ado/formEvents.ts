import type {
  IWorkItemChangedArgs,
  IWorkItemFieldChangedArgs,
  IWorkItemLoadedArgs,
  IWorkItemNotificationListener,
} from "azure-devops-extension-api/WorkItemTracking";

export type FormEvent =
  | { kind: "loaded"; args: IWorkItemLoadedArgs }
  | { kind: "fieldChanged"; args: IWorkItemFieldChangedArgs }
  | { kind: "saved" | "refreshed" | "reset" | "unloaded"; args: IWorkItemChangedArgs };

export interface FormEvents {
  /** The object registered with the host; it forwards every notification to subscribers. */
  listener: IWorkItemNotificationListener;
  subscribe(handler: (event: FormEvent) => void): () => void;
}

/** Notifications can arrive before React has mounted: the last `loaded` is replayed to late subscribers. */
export function createFormEvents(): FormEvents {
  const handlers = new Set<(event: FormEvent) => void>();
  let lastLoaded: FormEvent | undefined;
  const emit = (event: FormEvent) => {
    if (event.kind === "loaded") lastLoaded = event;
    if (event.kind === "unloaded") lastLoaded = undefined;
    handlers.forEach((handler) => handler(event));
  };
  return {
    listener: {
      onLoaded: (args) => emit({ kind: "loaded", args }),
      onFieldChanged: (args) => emit({ kind: "fieldChanged", args }),
      onSaved: (args) => emit({ kind: "saved", args }),
      onRefreshed: (args) => emit({ kind: "refreshed", args }),
      onReset: (args) => emit({ kind: "reset", args }),
      onUnloaded: (args) => emit({ kind: "unloaded", args }),
    },
    subscribe(handler) {
      handlers.add(handler);
      if (lastLoaded) handler(lastLoaded);
      return () => handlers.delete(handler);
    },
  };
}

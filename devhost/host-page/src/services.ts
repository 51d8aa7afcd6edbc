import { HostSession } from "./session";
import type { WorkItemSession } from "./workItemSession";

export interface ShellNavigation {
  openWorkItem(id: number): void;
  openNewWorkItem(type: string, values?: Record<string, unknown>): void;
  queryParams(): Record<string, string>;
  setQueryParams(params: Record<string, string>): void;
  hash(): string;
  setHash(hash: string, replace?: boolean): void;
  onHashChanged(callback: (hash: string) => void): void;
  navigate(url: string): void;
  setDocumentTitle(title: string): void;
  toast(message: string): void;
  banner(message: string, level: number): void;
  messageDialog(message: string, options: { title?: string; showCancel?: boolean; okText?: string; cancelText?: string; onClose?: (result: boolean) => void }): void;
  openContributionDialog(contributionId: string, options: { title?: string; configuration?: unknown; onClose?: (result: unknown) => void }, kind: "dialog" | "panel"): void;
}

export interface ServiceContext {
  session: HostSession;
  frameId: string;
  navigation: ShellNavigation;
  workItem?: WorkItemSession;
  pageRoute?: { id: string; routeValues: Record<string, string> };
}

function extensionDataManager(session: HostSession, extensionId: string, accessToken: string) {
  const [publisher, extension] = extensionId.split(".");
  const scopePath = (options?: { scopeType?: string; scopeValue?: string }) => {
    const scopeType = options?.scopeType ?? "Default";
    const scopeValue = options?.scopeValue ?? (scopeType.toLowerCase() === "user" ? "Me" : "Current");
    return `_apis/ExtensionManagement/InstalledExtensions/${encodeURIComponent(publisher)}/${encodeURIComponent(extension)}/Data/Scopes/${encodeURIComponent(scopeType)}/${encodeURIComponent(scopeValue)}/Collections`;
  };
  const call = async <T>(path: string, method = "GET", body?: unknown): Promise<T> => {
    const response = await fetch(session.restRoot + path, {
      method,
      headers: {
        Accept: "application/json;api-version=7.1-preview.1",
        Authorization: `Bearer ${accessToken}`,
        ...(body === undefined ? {} : { "Content-Type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const parsed = text ? JSON.parse(text) : undefined;
    if (!response.ok) {
      const error = new Error(parsed?.message ?? `${response.status} ${response.statusText}`) as Error & { status?: number; serverError?: unknown };
      error.status = response.status;
      error.serverError = parsed;
      throw error;
    }
    return parsed as T;
  };
  const documentPath = (collection: string, options?: { scopeType?: string; scopeValue?: string }, id?: string) =>
    `${scopePath(options)}/${encodeURIComponent(collection)}/Documents${id === undefined ? "" : `/${encodeURIComponent(id)}`}`;
  const SETTINGS = "$settings";
  return {
    getValue: async (key: string, options?: { scopeType?: string; scopeValue?: string; defaultValue?: unknown }) => {
      try {
        const doc = await call<{ value: unknown }>(documentPath(SETTINGS, options, key));
        return doc.value;
      } catch (error) {
        if ((error as { status?: number }).status === 404) return options?.defaultValue;
        throw error;
      }
    },
    setValue: async (key: string, value: unknown, options?: { scopeType?: string; scopeValue?: string }) => {
      const doc = await call<{ value: unknown }>(documentPath(SETTINGS, options), "PUT", { id: key, __etag: -1, value });
      return doc.value;
    },
    getDocument: (collection: string, id: string, options?: { scopeType?: string; scopeValue?: string }) => call(documentPath(collection, options, id)),
    getDocuments: async (collection: string, options?: { scopeType?: string; scopeValue?: string }) => {
      try {
        const result = await call<unknown[] | { value: unknown[] }>(documentPath(collection, options));
        return Array.isArray(result) ? result : result.value;
      } catch (error) {
        if ((error as { status?: number }).status === 404) return [];
        throw error;
      }
    },
    createDocument: (collection: string, doc: unknown, options?: { scopeType?: string; scopeValue?: string }) => call(documentPath(collection, options), "POST", doc),
    setDocument: (collection: string, doc: unknown, options?: { scopeType?: string; scopeValue?: string }) => call(documentPath(collection, options), "PUT", doc),
    updateDocument: (collection: string, doc: unknown, options?: { scopeType?: string; scopeValue?: string }) => call(documentPath(collection, options), "PATCH", doc),
    deleteDocument: (collection: string, id: string, options?: { scopeType?: string; scopeValue?: string }) => call<void>(documentPath(collection, options, id), "DELETE"),
  };
}

function workItemFormService(context: ServiceContext) {
  const item = () => {
    if (!context.workItem) throw new Error("No work item is open in this page.");
    return context.workItem;
  };
  const original = (options: unknown) =>
    options === true || (typeof options === "object" && options !== null && (options as { returnOriginalValue?: boolean }).returnOriginalValue === true);
  return {
    hasActiveWorkItem: () => Boolean(context.workItem),
    getId: () => item().id,
    getRevision: () => item().rev,
    isNew: () => item().isNew,
    isDirty: () => item().isDirty(),
    isValid: () => item().blockingErrors().length === 0,
    getFieldValue: (field: string, options?: unknown) => item().value(field, original(options)) ?? null,
    getFieldValues: (fields: string[], options?: unknown) => Object.fromEntries(fields.map((f) => [f, item().value(f, original(options)) ?? null])),
    setFieldValue: (field: string, value: unknown) => item().setValues({ [field]: value }),
    setFieldValues: (values: Record<string, unknown>) => {
      const ok = item().setValues(values);
      return Object.fromEntries(Object.keys(values).map((k) => [k, ok]));
    },
    getFields: async () => {
      const fields = await context.session.rest<{ value?: unknown[] } | unknown[]>(
        context.session.projectPath(`_apis/wit/workitemtypes/${encodeURIComponent(item().workItemType)}/fields`),
      );
      return Array.isArray(fields) ? fields : fields.value ?? [];
    },
    getAllowedFieldValues: async (field: string) => {
      const detail = await context.session.rest<{ allowedValues?: unknown[] }>(
        context.session.projectPath(`_apis/wit/workitemtypes/${encodeURIComponent(item().workItemType)}/fields/${encodeURIComponent(field)}?$expand=allowedValues`),
      );
      return detail.allowedValues ?? [];
    },
    getDirtyFields: () => item().dirtyFields().map((referenceName) => ({ referenceName })),
    getInvalidFields: () => [],
    setError: (message: string) => item().setError(context.frameId, String(message)),
    clearError: () => item().clearError(context.frameId),
    save: () => item().save(),
    refresh: () => item().refresh(),
    reset: () => item().reset(),
    getWorkItemRelations: () => item().relations(),
    addWorkItemRelations: (relations: Array<{ rel: string; url: string; attributes?: Record<string, unknown> }>) => item().addRelations(relations),
    removeWorkItemRelations: (relations: Array<{ rel: string; url: string }>) => item().removeRelations(relations),
    getWorkItemRelationTypes: () => context.session.rest(`_apis/wit/workitemrelationtypes`),
  };
}

/** Every service a frame may ask for, built for that frame. */
export function buildServices(context: ServiceContext): Record<string, () => object> {
  const { session, navigation } = context;
  const services: Record<string, () => object> = {
    "ms.vss-features.location-service": () => ({
      getResourceAreaLocation: () => session.restRoot,
      getServiceLocation: () => session.restRoot,
      routeUrl: (_routeId: string, routeValues?: Record<string, string>) => `${location.origin}/#/${Object.values(routeValues ?? {}).join("/")}`,
    }),
    "ms.vss-tfs-web.tfs-page-data-service": () => ({
      getProject: () => ({ id: session.project.id, name: session.project.name }),
    }),
    "ms.vss-features.host-navigation-service": () => ({
      getHash: () => navigation.hash(),
      getQueryParams: () => navigation.queryParams(),
      setQueryParams: (params: Record<string, string>) => navigation.setQueryParams(params),
      navigate: (url: string) => navigation.navigate(url),
      setDocumentTitle: (title: string) => navigation.setDocumentTitle(title),
      setHash: (hash: string) => navigation.setHash(hash),
      replaceHash: (hash: string) => navigation.setHash(hash, true),
      onHashChanged: (callback: (hash: string) => void) => navigation.onHashChanged(callback),
      reload: () => location.reload(),
      openNewWindow: (url: string) => window.open(url, "_blank", "noopener"),
      getPageRoute: () => context.pageRoute ?? { id: "devhost", routeValues: {} },
      getPageNavigationElements: () => [],
    }),
    "ms.vss-features.host-page-layout-service": () => ({
      openMessageDialog: (message: string, options: Parameters<ShellNavigation["messageDialog"]>[1] = {}) => navigation.messageDialog(message, options),
      openCustomDialog: (contributionId: string, options = {}) => navigation.openContributionDialog(contributionId, options, "dialog"),
      openPanel: (contributionId: string, options = {}) => navigation.openContributionDialog(contributionId, options, "panel"),
      getFullScreenMode: () => false,
      setFullScreenMode: () => undefined,
    }),
    "ms.vss-tfs-web.tfs-global-messages-service": () => ({
      addToast: (toast: { message: string }) => navigation.toast(toast.message),
      addBanner: (banner: { message?: string; level?: number }) => navigation.banner(banner.message ?? "", banner.level ?? 0),
      closeBanner: () => navigation.banner("", -1),
      addDialog: (dialog: { message?: string; title?: string }) => navigation.messageDialog(dialog.message ?? "", { title: dialog.title }),
      closeDialog: () => undefined,
    }),
    "ms.vss-features.extension-data-service": () => ({
      getExtensionDataManager: (extensionId: string, accessToken: string) => extensionDataManager(session, extensionId, accessToken),
    }),
    "ms.vss-work-web.work-item-form-navigation-service": () => ({
      openWorkItem: (id: number) => navigation.openWorkItem(id),
      openNewWorkItem: (type: string, values?: Record<string, unknown>) => navigation.openNewWorkItem(type, values),
    }),
  };
  if (context.workItem) services["ms.vss-work-web.work-item-form"] = () => workItemFormService(context);
  return services;
}

// Extension data documents (programme configuration that is not per work item), behind one
// interface: in a frame through the host's extension data service, in Node straight over the
// REST route, and in memory for tests. Concurrency is the service's: each document carries an
// `__etag`; a write with a stale one is refused and surfaces here as ConflictError.

import type { IExtensionDataManager } from "azure-devops-extension-api/Common";
import type { ExtensionManagementRestClient } from "azure-devops-extension-api/ExtensionManagement";
import { ConflictError, describeFailure } from "./errors";
import { RetryPolicy, withRetry } from "./http";

export interface StoredDocument {
  id: string;
  /** The version the service gave the document; send it back to update, -1 to overwrite whatever is there. */
  __etag?: number;
  [key: string]: unknown;
}

export const OVERWRITE_ANY_VERSION = -1;

export interface DocumentStore {
  /** The document, or undefined when it does not exist yet. */
  get(collection: string, id: string): Promise<StoredDocument | undefined>;
  /**
   * Without `__etag`: creates the document (ConflictError when it exists already). With one:
   * replaces it if it is still at that version (ConflictError otherwise). Returns the stored
   * document with its new `__etag`.
   */
  set(collection: string, doc: StoredDocument): Promise<StoredDocument>;
  /** Every document of the collection; empty when the collection does not exist. */
  list(collection: string): Promise<StoredDocument[]>;
}

// The service refuses a stale `__etag` with 400 InvalidDocumentVersionException (TF1590007) and a
// second create with 400 DocumentExistsException (TF1590004).
const CONFLICT_TYPE_KEYS = /InvalidDocumentVersion|DocumentExists|DocumentAlreadyExists|TF1590007|TF1590004/i;
const MISSING_TYPE_KEYS = /DocumentDoesNotExist|DocumentCollectionDoesNotExist/i;

export function isDocumentConflict(error: unknown): boolean {
  if (error instanceof ConflictError) return true;
  const { status, typeKey, message } = describeFailure(error);
  return status === 409 || status === 412 || CONFLICT_TYPE_KEYS.test(typeKey ?? "") || CONFLICT_TYPE_KEYS.test(message ?? "");
}

export function isDocumentMissing(error: unknown): boolean {
  const { status, typeKey, message } = describeFailure(error);
  // A 404 with another type key means the route itself is missing: not "no document yet".
  if (typeKey) return MISSING_TYPE_KEYS.test(typeKey);
  return status === 404 || MISSING_TYPE_KEYS.test(message ?? "");
}

interface DocumentOperations {
  get(collection: string, id: string): Promise<StoredDocument>;
  list(collection: string): Promise<StoredDocument[]>;
  create(collection: string, doc: StoredDocument): Promise<StoredDocument>;
  replace(collection: string, doc: StoredDocument): Promise<StoredDocument>;
}

function storeOver(operations: DocumentOperations, retry: Partial<RetryPolicy>): DocumentStore {
  const get = async (collection: string, id: string): Promise<StoredDocument | undefined> => {
    try {
      return await withRetry(() => operations.get(collection, id), retry);
    } catch (error) {
      if (isDocumentMissing(error)) return undefined;
      throw error;
    }
  };
  return {
    get,
    async list(collection) {
      try {
        return (await withRetry(() => operations.list(collection), retry)) ?? [];
      } catch (error) {
        if (isDocumentMissing(error)) return [];
        throw error;
      }
    },
    async set(collection, doc) {
      try {
        return doc.__etag === undefined
          ? await withRetry(() => operations.create(collection, doc), retry, { repeatable: false })
          : await withRetry(() => operations.replace(collection, doc), retry);
      } catch (error) {
        if (!isDocumentConflict(error)) throw error;
        const current = await get(collection, doc.id).catch(() => undefined);
        throw new ConflictError<StoredDocument>(
          `Document "${doc.id}" in "${collection}" was changed by someone else since it was read`,
          { subject: "document", current, currentEtag: current?.__etag, cause: error },
        );
      }
    },
  };
}

/** In a frame: the host's extension data service (`getExtensionDataManager`), shared-scope documents. */
export function extensionDataDocumentStore(
  manager: IExtensionDataManager | (() => Promise<IExtensionDataManager>),
  retry: Partial<RetryPolicy> = {},
): DocumentStore {
  let pending: Promise<IExtensionDataManager> | undefined;
  const ready = (): Promise<IExtensionDataManager> => {
    if (typeof manager !== "function") return Promise.resolve(manager);
    pending ??= manager().catch((error: unknown) => {
      pending = undefined;
      throw error;
    });
    return pending;
  };
  return storeOver(
    {
      get: async (collection, id) => (await ready()).getDocument(collection, id),
      list: async (collection) => (await ready()).getDocuments(collection),
      create: async (collection, doc) => (await ready()).createDocument(collection, doc),
      replace: async (collection, doc) => (await ready()).setDocument(collection, doc),
    },
    retry,
  );
}

export interface ExtensionIdentity {
  publisherId: string;
  extensionId: string;
}

export interface DocumentScope {
  scopeType: "Default" | "User";
  scopeValue: "Current" | "Me";
}

export const SHARED_SCOPE: DocumentScope = { scopeType: "Default", scopeValue: "Current" };

/**
 * Straight over `_apis/ExtensionManagement/InstalledExtensions/{publisher}/{extension}/Data/
 * Scopes/{scopeType}/{scopeValue}/Collections/{collection}/Documents[/{id}]`, for Node. The
 * client should come from an AdoConnection, so its requests already go through the retrying
 * transport; no second retry layer is added here.
 */
export function restDocumentStore(
  client: ExtensionManagementRestClient,
  extension: ExtensionIdentity,
  scope: DocumentScope = SHARED_SCOPE,
): DocumentStore {
  const { publisherId, extensionId } = extension;
  const { scopeType, scopeValue } = scope;
  return storeOver(
    {
      get: (collection, id) => client.getDocumentByName(publisherId, extensionId, scopeType, scopeValue, collection, id),
      list: (collection) => client.getDocumentsByName(publisherId, extensionId, scopeType, scopeValue, collection),
      create: (collection, doc) => client.createDocumentByName(doc, publisherId, extensionId, scopeType, scopeValue, collection),
      replace: (collection, doc) => client.setDocumentByName(doc, publisherId, extensionId, scopeType, scopeValue, collection),
    },
    { maxAttempts: 1 },
  );
}

/** Documents held in memory, with the service's etag rules; for tests and previews. */
export function memoryDocumentStore(): DocumentStore & { readonly collections: Map<string, Map<string, StoredDocument>> } {
  const collections = new Map<string, Map<string, StoredDocument>>();
  const copy = (doc: StoredDocument): StoredDocument => JSON.parse(JSON.stringify(doc)) as StoredDocument;
  const refuse = (status: number, typeKey: string, message: string) => Object.assign(new Error(message), { status, serverError: { typeKey, message } });
  const store = storeOver(
    {
      async get(collection, id) {
        const doc = collections.get(collection)?.get(id);
        if (!doc) throw refuse(404, "DocumentDoesNotExistException", `Document ${id} does not exist`);
        return copy(doc);
      },
      async list(collection) {
        return Array.from(collections.get(collection)?.values() ?? [], copy);
      },
      async create(collection, doc) {
        const documents = collections.get(collection) ?? new Map<string, StoredDocument>();
        collections.set(collection, documents);
        if (documents.has(doc.id)) throw refuse(400, "DocumentExistsException", `Document ${doc.id} already exists`);
        const stored = { ...copy(doc), __etag: 1 };
        documents.set(doc.id, stored);
        return copy(stored);
      },
      async replace(collection, doc) {
        const documents = collections.get(collection) ?? new Map<string, StoredDocument>();
        collections.set(collection, documents);
        const existing = documents.get(doc.id);
        if (existing && doc.__etag !== OVERWRITE_ANY_VERSION && doc.__etag !== existing.__etag) {
          throw refuse(400, "InvalidDocumentVersionException", `Document ${doc.id} has changed: it is at version ${existing.__etag}`);
        }
        const stored = { ...copy(doc), __etag: (existing?.__etag ?? 0) + 1 };
        documents.set(doc.id, stored);
        return copy(stored);
      },
    },
    { maxAttempts: 1 },
  );
  return Object.assign(store, { collections });
}

// Extension data documents with ADO's optimistic concurrency: every document carries an integer
// __etag; a write must send the current one (or -1 to write regardless) and the etag then increases.
import crypto from "node:crypto";
import { ApiCall, ApiRouter, reply } from "../http/api";
import { AdoError, Errors } from "../http/errors";
import { Locations } from "../http/locations";
import type { DocumentScope, StoredDocument } from "../store/extensionData";

/** The version ADO assumes when a set (PUT) request carries no __etag. */
const DEFAULT_EXPECTED_ETAG = 1;
const ANY_ETAG = -1;
/** What ADO refuses in a document id: characters invalid in file names. */
const INVALID_ID_CHARACTERS = /[<>:"/\\|?*]/;
const hasControlCharacter = (text: string) => [...text].some((ch) => ch.charCodeAt(0) < 32);

export function registerExtensionDataRoutes(api: ApiRouter): void {
  api.resource(Locations.extensionManagement.documents, { GET: getDocuments, POST: createDocument, PUT: setDocument, PATCH: updateDocument, DELETE: deleteDocument });
}

function scopeOf(call: ApiCall): DocumentScope {
  const { params, ctx } = call;
  const scopeType = (params.scopeType ?? "").toLowerCase();
  const scopeValue = (params.scopeValue ?? "").toLowerCase();
  if (scopeType !== "default" && scopeType !== "user") throw Errors.badRequest("Value does not fall within the expected range.\r\nParameter name: scopeType");
  let value: string;
  if (scopeType === "default" && (scopeValue === "" || scopeValue === "current")) value = "Current";
  else if (scopeType === "user" && (scopeValue === "" || scopeValue === "me")) value = ctx.user.id;
  else throw Errors.badRequest("Value does not fall within the expected range.\r\nParameter name: scopeValue");
  if (!params.collectionName) throw Errors.badRequest("Value cannot be null.\r\nParameter name: collectionName", "ArgumentNullException");
  return {
    publisher: params.publisherName ?? "",
    extension: params.extensionName ?? "",
    scopeType: scopeType === "default" ? "Default" : "User",
    scopeValue: value,
    collection: params.collectionName,
  };
}

function render(document: StoredDocument) {
  return { ...document.body, id: document.id, __etag: document.etag };
}

const notFound = (scope: DocumentScope, id: string) => Errors.documentNotFound(id, scope.collection, scope.scopeType, scope.scopeValue);
const versionMismatch = (scope: DocumentScope, id: string) => Errors.documentVersionMismatch(id, scope.collection, scope.scopeType, scope.scopeValue);

function getDocuments(call: ApiCall) {
  const scope = scopeOf(call);
  const store = call.ctx.store.extensionData;
  if (call.params.documentId !== undefined) {
    const document = store.get(scope, call.params.documentId);
    if (!document) throw notFound(scope, call.params.documentId);
    return render(document);
  }
  const documents = store.list(scope);
  if (documents.length === 0) {
    throw new AdoError(404, "DocumentCollectionDoesNotExistException", `TF1590006: Collection with name ${scope.collection} does not exist for scope ${scope.scopeType} = ${scope.scopeValue}`, {
      namespace: "Microsoft.VisualStudio.Services.ExtensionManagement.WebApi",
    });
  }
  return documents.map(render);
}

interface IncomingDocument {
  id: string;
  /** The __etag the client sent, if it sent an integer. */
  etag?: number;
  body: Record<string, unknown>;
}

/** The document a client sent: its id (generated when allowed), its __etag and its other members. */
function readDocument(call: ApiCall, options: { generateId: boolean }): IncomingDocument {
  const raw = call.body;
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) throw Errors.badRequest("Value cannot be null.\r\nParameter name: doc", "ArgumentNullException");
  const body: Record<string, unknown> = {};
  // Members starting with "__" other than __etag are dropped, as ADO does.
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) if (!key.startsWith("__") && key !== "id") body[key] = value;
  const rawId = (raw as { id?: unknown }).id;
  let id: string;
  if (rawId === undefined || rawId === null) {
    if (!options.generateId) throw Errors.badRequest("Value cannot be null.\r\nParameter name: Document must contain id", "ArgumentNullException");
    id = crypto.randomUUID();
  } else {
    id = String(rawId);
    if (id === "") throw Errors.badRequest("Value cannot be null.\r\nParameter name: document.id", "ArgumentNullException");
    if (INVALID_ID_CHARACTERS.test(id) || hasControlCharacter(id)) throw Errors.badRequest("Document id contais invalid char(s)");
  }
  const rawEtag = (raw as { __etag?: unknown }).__etag;
  const etag = rawEtag === undefined || rawEtag === null || !/^-?\d+$/.test(String(rawEtag)) ? undefined : Number(rawEtag);
  return { id, etag, body };
}

function createDocument(call: ApiCall) {
  const scope = scopeOf(call);
  const incoming = readDocument(call, { generateId: true });
  const store = call.ctx.store.extensionData;
  if (store.get(scope, incoming.id)) throw Errors.documentExists(incoming.id, scope.collection, scope.scopeType, scope.scopeValue);
  const document = { id: incoming.id, etag: 1, body: incoming.body };
  store.put(scope, document);
  return reply(201, render(document));
}

/** Upsert: a missing document is created; an existing one must match the sent (or default) etag. */
function setDocument(call: ApiCall) {
  const scope = scopeOf(call);
  const incoming = readDocument(call, { generateId: true });
  const store = call.ctx.store.extensionData;
  const existing = store.get(scope, incoming.id);
  const expected = incoming.etag ?? DEFAULT_EXPECTED_ETAG;
  if (existing && expected !== ANY_ETAG && expected !== existing.etag) throw versionMismatch(scope, incoming.id);
  const document = { id: incoming.id, etag: existing ? existing.etag + 1 : 1, body: incoming.body };
  store.put(scope, document);
  return render(document);
}

function updateDocument(call: ApiCall) {
  const scope = scopeOf(call);
  const incoming = readDocument(call, { generateId: false });
  if (incoming.etag === undefined) throw Errors.badRequest("Value cannot be null.\r\nParameter name: Document must contain integer __etag.", "ArgumentNullException");
  const store = call.ctx.store.extensionData;
  const existing = store.get(scope, incoming.id);
  if (!existing) throw notFound(scope, incoming.id);
  if (incoming.etag !== ANY_ETAG && incoming.etag !== existing.etag) throw versionMismatch(scope, incoming.id);
  const document = { id: incoming.id, etag: existing.etag + 1, body: incoming.body };
  store.put(scope, document);
  return render(document);
}

function deleteDocument(call: ApiCall) {
  const scope = scopeOf(call);
  const id = call.params.documentId;
  if (id === undefined) throw Errors.badRequest("Value cannot be null.\r\nParameter name: documentId", "ArgumentNullException");
  if (!call.ctx.store.extensionData.delete(scope, id)) throw notFound(scope, id);
  return reply(204);
}

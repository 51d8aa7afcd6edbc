// Connections to Azure DevOps: the REST clients of azure-devops-extension-api, sending through
// the retrying transport (http.ts), plus the configuration documents and custom requests. Data
// sources take an AdoConnection; a frame gets one from connectInHost, Node (tests against the
// local host, scripts) from connectToServer.

import * as SDK from "azure-devops-extension-sdk";
import {
  getClient,
  IExtensionDataService,
  ILocationService,
  IProjectPageService,
  IVssRestClientOptions,
} from "azure-devops-extension-api/Common";
import { ExtensionManagementRestClient } from "azure-devops-extension-api/ExtensionManagement";
import { WorkItemTrackingRestClient } from "azure-devops-extension-api/WorkItemTracking";
import { DocumentStore, ExtensionIdentity, extensionDataDocumentStore, restDocumentStore } from "./documents";
import { AdoTransport, AuthorizationProvider, createTransport, parseVssJson, RetryPolicy } from "./http";

export type RestClientClass<T> = { new (options: IVssRestClientOptions): T; readonly RESOURCE_AREA_ID?: string };

/** What the generated clients pass to RestClientBase._issueRequest (Common/RestClientBase.d.ts). */
interface RestRequestParams {
  method?: string;
  body?: unknown;
  isRawData?: boolean;
  httpResponseType?: string;
  customHeaders?: Record<string, string>;
  returnRawResponse?: boolean;
}

const derivedClasses = new WeakMap<AdoTransport, Map<unknown, unknown>>();

/**
 * The client class, derived so that its requests go through the transport. The override keeps
 * what RestClientBase does (api-version in Accept, JSON bodies, MS JSON dates, raw responses)
 * and hands the sending, authentication and retries to the transport, which sees the headers.
 */
export function throughTransport<T>(Client: RestClientClass<T>, transport: AdoTransport): RestClientClass<T> {
  const known = derivedClasses.get(transport) ?? new Map<unknown, unknown>();
  derivedClasses.set(transport, known);
  const cached = known.get(Client);
  if (cached) return cached as RestClientClass<T>;

  const Base = Client as unknown as new (options: IVssRestClientOptions) => object;
  class ThroughTransport extends Base {
    readonly #authorization?: AuthorizationProvider;

    constructor(options: IVssRestClientOptions) {
      super(options);
      this.#authorization = options?.authTokenProvider;
    }

    protected async _issueRequest(requestUrl: string, apiVersion: string, params: RestRequestParams): Promise<unknown> {
      const method = params.method || "GET";
      const serialise = !params.isRawData && params.body !== undefined && params.body !== null && method.toUpperCase() !== "GET";
      const acceptType = params.httpResponseType || "application/json";
      const headers: Record<string, string> = {
        Accept: `${acceptType};api-version=${apiVersion};excludeUrls=true;enumsAsNumbers=true;msDateFormat=true;noArrayWrap=true`,
        "X-VSS-ReauthenticationAction": "Suppress",
        "X-TFS-FedAuthRedirect": "Suppress",
      };
      if (params.body !== undefined && params.body !== null) headers["Content-Type"] = "application/json";
      Object.assign(headers, params.customHeaders);
      const response = await transport.send(
        requestUrl,
        { method, headers, body: serialise ? JSON.stringify(params.body) : (params.body as BodyInit | undefined), mode: "cors", credentials: "same-origin" },
        { authorization: this.#authorization },
      );
      if (params.returnRawResponse) return response;
      if (acceptType.toLowerCase().includes("json")) return parseVssJson(await response.text());
      if (acceptType.toLowerCase() === "text/plain") return response.text();
      return response.arrayBuffer();
    }
  }
  known.set(Client, ThroughTransport);
  return ThroughTransport as unknown as RestClientClass<T>;
}

export interface AdoConnection {
  readonly projectName: string;
  readonly projectId?: string;
  readonly transport: AdoTransport;
  readonly workItemTracking: WorkItemTrackingRestClient;
  /** Extension data documents (shared scope). */
  readonly documents: DocumentStore;
  /** How many requests a data source may have in flight at once. */
  readonly parallelism: number;
  /** A client of any area, sending through the transport; one per class. */
  client<T>(Client: RestClientClass<T>): T;
  /** The collection's REST root, ending in "/" (e.g. https://dev.azure.com/org/). */
  serviceRoot(): Promise<string>;
  /** A custom request (e.g. Analytics); a relative URL is taken from the service root. */
  fetchJson<T>(url: string, init?: RequestInit): Promise<T>;
}

export const DEFAULT_PARALLELISM = 4;

interface ConnectionParts {
  projectName: string;
  projectId?: string;
  transport: AdoTransport;
  parallelism?: number;
  serviceRoot: () => Promise<string>;
  makeClient: <T>(Client: RestClientClass<T>) => T;
  documents: (connection: { client<T>(Client: RestClientClass<T>): T }) => DocumentStore;
}

function assembleConnection(parts: ConnectionParts): AdoConnection {
  const clients = new Map<unknown, unknown>();
  const client = <T>(Client: RestClientClass<T>): T => {
    if (!clients.has(Client)) clients.set(Client, parts.makeClient(Client));
    return clients.get(Client) as T;
  };
  let documents: DocumentStore | undefined;
  return {
    projectName: parts.projectName,
    projectId: parts.projectId,
    transport: parts.transport,
    parallelism: parts.parallelism ?? DEFAULT_PARALLELISM,
    get workItemTracking() {
      return client(WorkItemTrackingRestClient);
    },
    get documents() {
      documents ??= parts.documents({ client });
      return documents;
    },
    client,
    serviceRoot: parts.serviceRoot,
    async fetchJson<T>(url: string, init: RequestInit = {}): Promise<T> {
      const absolute = /^[a-z][a-z\d+.-]*:/i.test(url) ? url : new URL(url.replace(/^\//, ""), await parts.serviceRoot()).toString();
      const headers = new Headers(init.headers);
      if (!headers.has("Accept")) headers.set("Accept", "application/json");
      if (init.body !== undefined && init.body !== null && !headers.has("Content-Type")) headers.set("Content-Type", "application/json");
      const response = await parts.transport.send(absolute, { ...init, headers });
      return parseVssJson<T>(await response.text()) as T;
    },
  };
}

const LOCATION_SERVICE = "ms.vss-features.location-service";
const PROJECT_PAGE_SERVICE = "ms.vss-tfs-web.tfs-page-data-service";
const EXTENSION_DATA_SERVICE = "ms.vss-features.extension-data-service";

export interface HostConnectionOptions {
  retry?: Partial<RetryPolicy>;
  parallelism?: number;
  /** Sends the requests (default: the global fetch); a hub passes one that counts them for its progress. */
  fetch?: typeof fetch;
}

/**
 * In a contribution frame, after the handshake: REST roots from the host's location service,
 * tokens from SDK.getAccessToken, documents through the host's extension data service.
 */
export async function connectInHost(options: HostConnectionOptions = {}): Promise<AdoConnection> {
  await SDK.ready();
  const projectService = await SDK.getService<IProjectPageService>(PROJECT_PAGE_SERVICE);
  const project = (await projectService.getProject()) ?? SDK.getWebContext().project;
  if (!project?.name) throw new Error("This page is not part of an Azure DevOps project, so there is no project to read from");
  const authorization: AuthorizationProvider = {
    getAuthorizationHeader: async () => {
      const token = await SDK.getAccessToken();
      return token ? `Bearer ${token}` : "";
    },
  };
  const transport = createTransport({ authorization, retry: options.retry, fetch: options.fetch });
  let root: Promise<string> | undefined;
  return assembleConnection({
    projectName: project.name,
    projectId: project.id,
    transport,
    parallelism: options.parallelism,
    serviceRoot: () => {
      root ??= SDK.getService<ILocationService>(LOCATION_SERVICE).then((location) => location.getServiceLocation());
      return root;
    },
    makeClient: (Client) => getClient(throughTransport(Client, transport), { authTokenProvider: authorization }),
    documents: () =>
      extensionDataDocumentStore(async () => {
        const service = await SDK.getService<IExtensionDataService>(EXTENSION_DATA_SERVICE);
        return service.getExtensionDataManager(SDK.getExtensionContext().id, await SDK.getAccessToken());
      }, options.retry),
  });
}

export interface ServerConnectionOptions {
  /** The collection's REST root, e.g. http://127.0.0.1:PORT/mhhs/ (a trailing "/" is added when missing). */
  serviceRoot: string;
  projectName: string;
  projectId?: string;
  /** An Authorization header value (see patAuthorization) or a provider of one. */
  authorization: string | AuthorizationProvider;
  /** Whose extension data documents to use. */
  extension: ExtensionIdentity;
  fetch?: typeof fetch;
  retry?: Partial<RetryPolicy>;
  timeoutMs?: number;
  parallelism?: number;
}

/** Outside a frame (Node: tests against the local host, scripts): straight to a REST root. */
export function connectToServer(options: ServerConnectionOptions): AdoConnection {
  const serviceRoot = options.serviceRoot.endsWith("/") ? options.serviceRoot : `${options.serviceRoot}/`;
  const authorization: AuthorizationProvider =
    typeof options.authorization === "string"
      ? { getAuthorizationHeader: async () => options.authorization as string }
      : options.authorization;
  const transport = createTransport({ authorization, fetch: options.fetch, retry: options.retry, timeoutMs: options.timeoutMs });
  return assembleConnection({
    projectName: options.projectName,
    projectId: options.projectId,
    transport,
    parallelism: options.parallelism,
    serviceRoot: async () => serviceRoot,
    makeClient: (Client) => new (throughTransport(Client, transport))({ rootPath: serviceRoot, authTokenProvider: authorization }),
    documents: ({ client }) => restDocumentStore(client(ExtensionManagementRestClient), options.extension),
  });
}

/** The Authorization header for a personal access token. */
export function patAuthorization(pat: string): string {
  return `Basic ${btoa(`:${pat}`)}`;
}

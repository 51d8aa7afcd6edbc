// Starts the local host on an ephemeral port with an in-memory store, and talks to it over loopback.
import { DevhostHandle, DevhostOptions, startDevhost } from "../../../devhost/server";
import { seedIfEmpty } from "../../../devhost/seed";

export const ORG = "mhhs";
export const PROJECT = "MHHS Programme";
export const PROJECT_PATH = `/${ORG}/MHHS%20Programme`;
export const ANCHOR = new Date("2025-03-31T00:00:00Z");
export const JSON_PATCH = "application/json-patch+json";

export interface TestHostOptions extends Partial<DevhostOptions> {
  /** Seed the MHHS programme at this scale (0.02 = 20 requirements, 60 test cases, 30 bugs); none when absent. */
  seedScale?: number;
}

export async function startTestHost(options: TestHostOptions = {}): Promise<DevhostHandle> {
  const { seedScale, ...rest } = options;
  return startDevhost({
    port: 0,
    dataDir: ":memory:",
    quiet: true,
    seed: seedScale === undefined ? undefined : (store) => void seedIfEmpty(store, { scale: seedScale, anchor: ANCHOR }),
    ...rest,
  });
}

/** A parsed JSON body, inspected freely by assertions. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export interface RestResponse<T = Json> {
  status: number;
  headers: Headers;
  text: string;
  body: T;
}

export interface RequestOptions {
  body?: unknown;
  contentType?: string;
  /** The whole Accept header; default application/json with api-version 7.1. */
  accept?: string;
  /** Authorization header; default Basic with the host's PAT; null sends none. */
  authorization?: string | null;
  headers?: Record<string, string>;
}

export class Rest {
  constructor(
    readonly host: DevhostHandle,
    readonly authorization: string = basicAuth(host.pat),
  ) {}

  as(authorization: string): Rest {
    return new Rest(this.host, authorization);
  }

  async request<T = Json>(method: string, path: string, options: RequestOptions = {}): Promise<RestResponse<T>> {
    const headers: Record<string, string> = { Accept: options.accept ?? "application/json;api-version=7.1", ...options.headers };
    const authorization = options.authorization === undefined ? this.authorization : options.authorization;
    if (authorization) headers.Authorization = authorization;
    if (options.body !== undefined) headers["Content-Type"] = options.contentType ?? "application/json";
    const response = await fetch(this.host.url + path, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
    const text = await response.text();
    let body: Json;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = text;
    }
    return { status: response.status, headers: response.headers, text, body };
  }

  get<T = Json>(path: string, options?: RequestOptions) {
    return this.request<T>("GET", path, options);
  }

  post<T = Json>(path: string, body: unknown, options?: RequestOptions) {
    return this.request<T>("POST", path, { ...options, body });
  }

  patch<T = Json>(path: string, body: unknown, options?: RequestOptions) {
    return this.request<T>("PATCH", path, { ...options, body });
  }

  put<T = Json>(path: string, body: unknown, options?: RequestOptions) {
    return this.request<T>("PUT", path, { ...options, body });
  }

  delete<T = Json>(path: string, options?: RequestOptions) {
    return this.request<T>("DELETE", path, options);
  }

  /** Creates a work item from fields, returning the response body. */
  async createWorkItem(type: string, fields: Record<string, unknown>, extra: unknown[] = []) {
    const operations = [...Object.entries(fields).map(([field, value]) => ({ op: "add", path: `/fields/${field}`, value })), ...extra];
    const response = await this.post(`${PROJECT_PATH}/_apis/wit/workitems/$${encodeURIComponent(type)}`, operations, { contentType: JSON_PATCH });
    if (response.status !== 200) throw new Error(`create ${type} failed: ${response.status} ${response.text}`);
    return response.body as { id: number; rev: number; fields: Record<string, Json>; relations?: Json[] };
  }

  wiql(query: string, params = "") {
    return this.post(`${PROJECT_PATH}/_apis/wit/wiql${params}`, { query });
  }
}

export function basicAuth(pat: string, user = ""): string {
  return `Basic ${Buffer.from(`${user}:${pat}`).toString("base64")}`;
}

export function bearer(token: string): string {
  return `Bearer ${token}`;
}

export const workItemUrl = (host: DevhostHandle, id: number) => `${host.url}/${ORG}/_apis/wit/workItems/${id}`;

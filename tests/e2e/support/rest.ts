import type { DevhostHandle } from "../../../devhost/server";

/** REST calls as a command-line client makes them: PAT over Basic auth, api-version in Accept. */
export function restClient(host: Pick<DevhostHandle, "url" | "organization" | "project" | "pat">) {
  const authorization = `Basic ${Buffer.from(`:${host.pat}`).toString("base64")}`;
  const root = `${host.url}/${host.organization}/`;
  const project = `${encodeURIComponent(host.project)}/`;
  async function call<T>(path: string, init: { method?: string; body?: unknown; contentType?: string } = {}): Promise<T> {
    const response = await fetch(root + path, {
      method: init.method ?? "GET",
      headers: {
        Accept: "application/json;api-version=7.1",
        Authorization: authorization,
        ...(init.body === undefined ? {} : { "Content-Type": init.contentType ?? "application/json" }),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${init.method ?? "GET"} ${path}: ${response.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }
  return {
    call,
    workItem: (id: number) => call<{ id: number; rev: number; fields: Record<string, unknown>; relations?: Array<{ rel: string; url: string }> }>(`${project}_apis/wit/workitems/${id}?$expand=relations`),
    wiqlIds: async (query: string) => (await call<{ workItems: Array<{ id: number }> }>(`${project}_apis/wit/wiql`, { method: "POST", body: { query } })).workItems.map((w) => w.id),
    update: (id: number, fields: Record<string, unknown>) =>
      call(`${project}_apis/wit/workitems/${id}`, {
        method: "PATCH",
        contentType: "application/json-patch+json",
        body: Object.entries(fields).map(([field, value]) => ({ op: "add", path: `/fields/${field}`, value })),
      }),
  };
}

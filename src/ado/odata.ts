// Analytics (OData v4) from the access layer: conditions built by functions that quote every value
// (so no text from a user or a work item changes a query's shape), the Analytics root of the
// connection's project, and reads that follow server-driven pages (@odata.nextLink) to the end.
// A query whose URL would pass the service's 3,000-character limit is sent through $batch as a
// POST, as the service asks.

import type { AdoConnection } from "./clients";
import { parseVssJson } from "./http";

/** Longest URL query string Analytics answers with GET. */
export const ANALYTICS_MAX_QUERY_LENGTH = 3000;
export const ANALYTICS_VERSION = "v4.0-preview";

/** A condition made by the functions below; the text is safe to put into $filter or filter(). */
export interface ODataCondition {
  readonly text: string;
}

const conditions = new WeakSet<ODataCondition>();

function condition(text: string): ODataCondition {
  const made = Object.freeze({ text });
  conditions.add(made);
  return made;
}

function assertCondition(value: ODataCondition): ODataCondition {
  if (!conditions.has(value)) throw new TypeError("An OData condition must be made with the builder functions (odataEq, odataIn, odataAnd, ...)");
  return value;
}

export type ODataValue = string | number | boolean | null;

const PROPERTY_PATH = /^[A-Za-z_]\w*(\/[A-Za-z_]\w*)*$/;

/** Throws unless the text is a property path such as Title, Custom_MhhsTestStage or TestCase/Custom_MhhsMarketRole. */
export function assertPropertyPath(path: string): string {
  if (typeof path !== "string" || !PROPERTY_PATH.test(path)) throw new RangeError(`"${String(path)}" is not an OData property path such as Title or TestSuite/Title`);
  return path;
}

/** A value as an OData literal: strings in single quotes with quotes doubled. */
export function odataLiteral(value: ODataValue): string {
  if (value === null) return "null";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new RangeError(`An OData number must be finite, not ${value}`);
    return String(value);
  }
  if (typeof value === "string") return `'${value.replace(/'/g, "''")}'`;
  throw new TypeError(`An OData value must be a string, number, boolean or null, not ${typeof value}`);
}

const compare = (operator: string) => (path: string, value: ODataValue) => condition(`${assertPropertyPath(path)} ${operator} ${odataLiteral(value)}`);

export const odataEq = compare("eq");
export const odataNe = compare("ne");
export const odataGe = compare("ge");
export const odataLe = compare("le");

/** `contains(Path, 'text')`: a text property holding the text anywhere (Analytics compares without case). */
export function odataContains(path: string, value: string): ODataCondition {
  return condition(`contains(${assertPropertyPath(path)}, ${odataLiteral(value)})`);
}

/** `Path in (...)`; with no values, a condition that is never true. */
export function odataIn(path: string, values: readonly ODataValue[]): ODataCondition {
  if (values.length === 0) return condition("false");
  return condition(`${assertPropertyPath(path)} in (${values.map(odataLiteral).join(", ")})`);
}

export function odataAnd(...parts: ODataCondition[]): ODataCondition {
  const kept = parts.map(assertCondition).filter((p) => p.text !== "true");
  if (kept.length === 0) return condition("true");
  return condition(kept.length === 1 ? kept[0].text : kept.map((p) => `(${p.text})`).join(" and "));
}

export function odataOr(...parts: ODataCondition[]): ODataCondition {
  parts.forEach(assertCondition);
  if (parts.length === 0) return condition("false");
  return condition(parts.length === 1 ? parts[0].text : parts.map((p) => `(${p.text})`).join(" or "));
}

export function odataNot(part: ODataCondition): ODataCondition {
  return condition(`not (${assertCondition(part).text})`);
}

export const ODATA_TRUE = condition("true");

/** `Path with max as Alias`: a figure of each group besides its count. */
export interface ODataAggregate {
  path: string;
  method: "sum" | "min" | "max";
  alias: string;
}

export interface ODataQueryOptions {
  filter?: ODataCondition;
  select?: readonly string[];
  /** Navigation property -> its properties to return. */
  expand?: Readonly<Record<string, readonly string[]>>;
  /** $apply: filter(condition) then groupby((paths), aggregate($count as Count, and each of `aggregates`)). */
  groupBy?: { filter?: ODataCondition; paths: readonly string[]; aggregates?: readonly ODataAggregate[] };
  orderBy?: readonly string[];
}

/** The query string (without "?") for an entity set query. */
export function odataQueryString(options: ODataQueryOptions): string {
  const parts: string[] = [];
  const add = (name: string, value: string) => parts.push(`${name}=${encodeURIComponent(value)}`);
  if (options.groupBy) {
    const { filter, paths, aggregates = [] } = options.groupBy;
    if (filter) assertCondition(filter);
    const figures = ["$count as Count", ...aggregates.map((a) => `${assertPropertyPath(a.path)} with ${a.method} as ${assertPropertyPath(a.alias)}`)].join(", ");
    const grouping = paths.length ? `groupby((${paths.map(assertPropertyPath).join(", ")}), aggregate(${figures}))` : `aggregate(${figures})`;
    add("$apply", filter && filter.text !== "true" ? `filter(${filter.text})/${grouping}` : grouping);
  }
  if (options.filter && assertCondition(options.filter).text !== "true") add("$filter", options.filter.text);
  if (options.select) add("$select", options.select.map(assertPropertyPath).join(","));
  if (options.expand) {
    const items = Object.entries(options.expand).map(([navigation, properties]) => `${assertPropertyPath(navigation)}($select=${properties.map(assertPropertyPath).join(",")})`);
    if (items.length) add("$expand", items.join(","));
  }
  if (options.orderBy) add("$orderby", options.orderBy.map(assertPropertyPath).join(","));
  return parts.join("&");
}

/**
 * The Analytics root of the connection's project, ending in "/". Azure DevOps Services serves
 * Analytics from its own host (analytics.dev.azure.com, {org}.analytics.visualstudio.com); Azure
 * DevOps Server (and the local host) from the collection's own root.
 */
export async function analyticsRoot(connection: AdoConnection): Promise<string> {
  const root = new URL(await connection.serviceRoot());
  if (/^dev\.azure\.com$/i.test(root.hostname)) root.hostname = "analytics.dev.azure.com";
  else if (/^[^.]+\.visualstudio\.com$/i.test(root.hostname) && !/\.analytics\./i.test(root.hostname)) root.hostname = root.hostname.replace(/\.visualstudio\.com$/i, ".analytics.visualstudio.com");
  const base = root.toString().endsWith("/") ? root.toString() : `${root.toString()}/`;
  return `${base}${encodeURIComponent(connection.projectName)}/_odata/${ANALYTICS_VERSION}/`;
}

export interface ODataPage<T> {
  value?: T[];
  "@odata.nextLink"?: string;
  "@odata.count"?: number;
}

/** Every row of a query, following @odata.nextLink; `pages` counts the responses. */
export async function readAllPages<T>(connection: AdoConnection, root: string, entitySet: string, query: string): Promise<{ rows: T[]; pages: number }> {
  const rows: T[] = [];
  let pages = 0;
  let next: string | undefined = `${root}${entitySet}${query ? `?${query}` : ""}`;
  while (next) {
    const page: ODataPage<T> = await getPage<T>(connection, root, next);
    pages++;
    for (const row of page.value ?? []) rows.push(row);
    next = page["@odata.nextLink"];
  }
  return { rows, pages };
}

async function getPage<T>(connection: AdoConnection, root: string, url: string): Promise<ODataPage<T>> {
  const queryLength = url.length - url.indexOf("?") - 1;
  if (url.includes("?") && queryLength > ANALYTICS_MAX_QUERY_LENGTH) return batchGet<T>(connection, root, url);
  return (await connection.fetchJson<ODataPage<T>>(url, { headers: { Accept: "application/json;odata.metadata=minimal" } })) ?? {};
}

/** One GET sent as a multipart/mixed $batch POST (for URLs too long for a GET). */
async function batchGet<T>(connection: AdoConnection, root: string, url: string): Promise<ODataPage<T>> {
  const boundary = `batch_${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
  const body = [`--${boundary}`, "Content-Type: application/http", "Content-Transfer-Encoding: binary", "", `GET ${url} HTTP/1.1`, "Accept: application/json", "", "", `--${boundary}--`, ""].join("\r\n");
  const response = await connection.transport.send(`${root}$batch`, {
    method: "POST",
    headers: { "Content-Type": `multipart/mixed; boundary=${boundary}`, Accept: "multipart/mixed" },
    body,
  });
  return parseBatchAnswer<T>(await response.text(), response.headers.get("Content-Type") ?? "");
}

/** The JSON of the single response in a multipart/mixed $batch answer; throws with the service's message when it failed. */
export function parseBatchAnswer<T>(text: string, contentType: string): ODataPage<T> {
  const boundary = /boundary=("?)([^";]+)\1/i.exec(contentType)?.[2];
  const part = boundary ? text.split(`--${boundary}`)[1] ?? "" : text;
  const status = /HTTP\/\d\.\d\s+(\d{3})/.exec(part);
  const json = part.slice(part.indexOf("{"), part.lastIndexOf("}") + 1);
  const parsed = json ? parseVssJson<ODataPage<T> & { error?: { message?: string } }>(json) : null;
  if (!status || Number(status[1]) >= 400) {
    throw Object.assign(new Error(parsed?.error?.message ?? "The Analytics $batch answer could not be read"), {
      status: status ? Number(status[1]) : 502,
      serverError: { message: parsed?.error?.message },
    });
  }
  return parsed ?? {};
}

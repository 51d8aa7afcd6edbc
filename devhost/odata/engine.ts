// Runs one OData GET against the store: reads the system query options, parses them (./grammar),
// compiles them (./translate) and executes them a page at a time, as the Analytics service pages:
// server-driven, at most `pageSize` rows a response, with @odata.nextLink carrying a $skiptoken.
import type * as Chevrotain from "chevrotain";
import type { ODataQuery } from "./ast";
import { ODataError } from "./errors";
import { createODataParser, ODataParser } from "./grammar";
import type { ODataModel, QueryScope } from "./model";
import { compileQuery, OutputColumn } from "./translate";
import type { Db } from "../store/database";

/** Rows per response unless the client prefers fewer (the Analytics service's page size). */
export const DEFAULT_PAGE_SIZE = 10_000;

const SYSTEM_OPTIONS = new Set(["$filter", "$apply", "$orderby", "$select", "$expand", "$top", "$skip", "$count", "$skiptoken", "$format"]);
const UNSUPPORTED_OPTIONS = new Set(["$search", "$compute", "$levels", "$index", "$schemaversion", "$deltatoken", "$id"]);

let loading: Promise<ODataParser> | undefined;

/** chevrotain is an ES module loaded with import(), as ../wiql/engine explains; awaited once at start-up. */
export function loadODataParser(): Promise<ODataParser> {
  loading ??= import("chevrotain").then((chevrotain: typeof Chevrotain) => createODataParser(chevrotain));
  return loading;
}

export interface ODataGetRequest {
  entitySet: string;
  /** The query string without "?", as sent (for the next link). */
  rawQuery: string;
  /** The service root, ending in "/": http://host/org/project/_odata/v4.0-preview/. */
  serviceRoot: string;
  prefer?: string;
  scope: QueryScope;
}

export interface ODataResult {
  body: Record<string, unknown>;
  headers: Record<string, string>;
}

export interface ExecutionOptions {
  pageSize: number;
}

interface SkipToken {
  /** Rows already returned by earlier pages. */
  n: number;
  /** The key of the last row returned, when paging by key. */
  k?: number | string;
}

/** The query options of a query string, by name; refuses repeated and unknown system options. */
export function readOptions(rawQuery: string): Map<string, string> {
  const options = new Map<string, string>();
  for (const [name, value] of new URLSearchParams(rawQuery)) {
    if (!name.startsWith("$")) continue;
    if (UNSUPPORTED_OPTIONS.has(name)) throw ODataError.invalid(`The query option '${name}' is not supported by Analytics.`);
    if (!SYSTEM_OPTIONS.has(name)) throw ODataError.invalid(`The query parameter '${name}' is not supported.`);
    if (options.has(name)) throw ODataError.invalid(`Query option '${name}' was specified more than once, but it must be specified at most once.`);
    options.set(name, value);
  }
  return options;
}

function nonNegative(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value.trim())) throw ODataError.invalid(`Invalid value '${value}' for ${name} query option found. The ${name} query option requires a non-negative integer value.`);
  return Number(value.trim());
}

export function parseQuery(parser: ODataParser, entitySet: string, options: Map<string, string>): ODataQuery {
  const count = options.get("$count");
  if (count !== undefined && count !== "true" && count !== "false") throw ODataError.invalid(`'${count}' is not a valid count option; $count is true or false.`);
  const format = options.get("$format");
  if (format !== undefined && !/^(json|application\/json)/i.test(format)) throw ODataError.invalid(`The $format '${format}' is not supported; Analytics answers in JSON.`);
  return {
    entitySet,
    filter: options.has("$filter") ? parser.filter(options.get("$filter")!) : undefined,
    apply: options.has("$apply") ? parser.apply(options.get("$apply")!) : [],
    orderBy: options.has("$orderby") ? parser.orderBy(options.get("$orderby")!) : [],
    select: options.has("$select") ? parser.select(options.get("$select")!) : undefined,
    expand: options.has("$expand") ? parser.expand(options.get("$expand")!) : [],
    top: nonNegative("$top", options.get("$top")),
    skip: nonNegative("$skip", options.get("$skip")),
    count: count === "true",
    skipToken: options.get("$skiptoken"),
  };
}

function readSkipToken(text: string | undefined): SkipToken {
  if (text === undefined) return { n: 0 };
  try {
    const token = JSON.parse(Buffer.from(text, "base64url").toString("utf8")) as SkipToken;
    if (Number.isInteger(token.n) && token.n >= 0 && (token.k === undefined || typeof token.k === "number" || typeof token.k === "string")) return token;
  } catch {
    // answered below
  }
  throw ODataError.invalid(`The $skiptoken '${text}' is not valid: take it from @odata.nextLink unchanged.`);
}

/** Preferences of a Prefer header: odata.maxpagesize=N, VSTS.Analytics.MaxSize=N. */
export function readPreferences(prefer: string | undefined): { maxPageSize?: number; maxSize?: number } {
  const preferences: { maxPageSize?: number; maxSize?: number } = {};
  for (const part of (prefer ?? "").split(/[,;]/)) {
    const [name, value = ""] = part.split("=").map((s) => s.trim());
    const number = /^\d+$/.test(value) ? Number(value) : undefined;
    if (/^odata\.maxpagesize$/i.test(name) && number) preferences.maxPageSize = number;
    if (/^VSTS\.Analytics\.MaxSize$/i.test(name) && number !== undefined) preferences.maxSize = number;
  }
  return preferences;
}

function toJson(row: Record<string, unknown>, columns: readonly OutputColumn[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const column of columns) {
    let value = row[column.alias];
    if (value === undefined) value = null;
    else if (column.type.kind === "boolean" && value !== null) value = value !== 0;
    let holder = out;
    for (const segment of column.segments.slice(0, -1)) {
      holder[segment] ??= {};
      holder = holder[segment] as Record<string, unknown>;
    }
    holder[column.segments[column.segments.length - 1]] = value;
  }
  return out;
}

function nextLink(request: ODataGetRequest, token: SkipToken): string {
  const kept = request.rawQuery
    .split("&")
    .filter((part) => part !== "" && decodeURIComponent(part.split("=")[0].replace(/\+/g, " ")) !== "$skiptoken");
  kept.push(`$skiptoken=${Buffer.from(JSON.stringify(token)).toString("base64url")}`);
  return `${request.serviceRoot}${request.entitySet}?${kept.join("&")}`;
}

export function executeQuery(db: Db, model: ODataModel, parser: ODataParser, request: ODataGetRequest, options: ExecutionOptions): ODataResult {
  const query = parseQuery(parser, request.entitySet, readOptions(request.rawQuery));
  const compiled = compileQuery(query, model, request.scope);
  const preferences = readPreferences(request.prefer);
  const pageSize = Math.min(options.pageSize, preferences.maxPageSize ?? options.pageSize);
  const token = readSkipToken(query.skipToken);
  const skip = query.skip ?? 0;

  let total: number | undefined;
  const countRows = () => {
    if (total === undefined) {
      const statement = compiled.count();
      total = (db.prepare(statement.text).get(statement.params) as { n: number }).n;
    }
    return total;
  };
  if (preferences.maxSize !== undefined) {
    const size = Math.min(Math.max(0, countRows() - skip), query.top ?? Number.POSITIVE_INFINITY);
    if (size > preferences.maxSize) {
      throw ODataError.invalid(`The query would return ${size} rows, more than the ${preferences.maxSize} allowed by the Prefer header (VSTS.Analytics.MaxSize). Filter or aggregate it to return fewer rows.`);
    }
  }

  const remaining = query.top === undefined ? Number.POSITIVE_INFINITY : Math.max(0, query.top - token.n);
  const limit = Math.min(pageSize, remaining);
  let rows: Record<string, unknown>[] = [];
  if (limit > 0) {
    const byKey = compiled.keyAlias !== undefined && token.k !== undefined;
    const statement = compiled.page({ limit: limit + 1, offset: byKey ? 0 : skip + token.n, afterKey: byKey ? token.k : undefined });
    rows = db.prepare(statement.text).all(statement.params) as Record<string, unknown>[];
  }
  const more = rows.length > limit;
  if (more) rows = rows.slice(0, limit);

  const body: Record<string, unknown> = { "@odata.context": `${request.serviceRoot}$metadata#${compiled.contextFragment}` };
  if (query.count) body["@odata.count"] = countRows();
  body.value = rows.map((row) => toJson(row, compiled.columns));
  if (more && rows.length < remaining) {
    const next: SkipToken = { n: token.n + rows.length };
    if (compiled.keyAlias !== undefined) next.k = rows[rows.length - 1][compiled.keyAlias] as number | string;
    body["@odata.nextLink"] = nextLink(request, next);
  }
  const headers: Record<string, string> = {};
  if (preferences.maxPageSize !== undefined) headers["Preference-Applied"] = `odata.maxpagesize=${pageSize}`;
  return { body, headers };
}

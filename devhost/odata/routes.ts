// The Analytics OData endpoint: /{organization}[/{project}]/_odata/{version}/ with the service
// document, $metadata, entity set queries (GET) and $batch (POST, multipart/mixed, GET parts only).
// In the cloud Analytics is a host of its own (analytics.dev.azure.com); here it shares the REST
// host's origin and credentials. Switched off, the route is not served at all (404), as on an
// Azure DevOps Server without Analytics; "denied" answers 403 as to a user without the
// "View analytics" permission.
import crypto from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import { AccessTokens, authenticate } from "../http/auth";
import type { Organization } from "../http/context";
import type { DevhostStore } from "../store/store";
import { ExecutionOptions, executeQuery, ODataResult } from "./engine";
import { ODataError } from "./errors";
import type { ODataParser } from "./grammar";
import { metadataDocument, serviceDocument } from "./metadata";
import { buildModel, ODataModel, QueryScope } from "./model";
import { testManagementModel } from "./testModel";

export type AnalyticsMode = "on" | "off" | "denied";

/** The longest GET query string the service accepts; longer ones get 404 (send them through $batch). */
export const MAX_QUERY_LENGTH = 3000;

const VERSION = /^v\d+\.\d+(-preview)?$/i;
const JSON_TYPE = "application/json; odata.metadata=minimal; odata.streaming=true; IEEE754Compatible=false; charset=utf-8";

export interface AnalyticsDependencies {
  store: DevhostStore;
  tokens: AccessTokens;
  organization: Organization;
  parser: ODataParser;
  mode(): AnalyticsMode;
  pageSize: number;
}

interface Target {
  serviceRoot: string;
  scope: QueryScope;
  projectName?: string;
  /** What follows the version: [] for the service document, ["WorkItems"], ["$metadata"], ["$batch"]. */
  rest: string[];
  rawQuery: string;
}

export function analyticsMiddleware(deps: AnalyticsDependencies) {
  return (req: Request, res: Response, next: NextFunction) => {
    const queryStart = req.originalUrl.indexOf("?");
    const pathname = queryStart < 0 ? req.originalUrl : req.originalUrl.slice(0, queryStart);
    const segments = pathname.split("/").slice(1);
    const odataIndex = segments.findIndex((s) => s.toLowerCase() === "_odata");
    if (odataIndex < 1 || odataIndex > 2 || deps.mode() === "off") return next();
    void handle(deps, req, res, segments, odataIndex, queryStart < 0 ? "" : req.originalUrl.slice(queryStart + 1)).catch(next);
  };
}

async function handle(deps: AnalyticsDependencies, req: Request, res: Response, segments: string[], odataIndex: number, rawQuery: string): Promise<void> {
  try {
    const user = authenticate(req.headers, deps.store, deps.tokens);
    if (!user) {
      throw new ODataError(401, "TF400813: The user '' is not authorized to access this resource.", {
        "WWW-Authenticate": 'Bearer authorization_uri=/_devhost/token, Basic realm="devhost"',
      });
    }
    const decode = (segment: string) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        throw ODataError.notFound(`The path segment '${segment}' is not valid.`);
      }
    };
    const organization = decode(segments[0]);
    if (organization.toLowerCase() !== deps.organization.name.toLowerCase()) throw ODataError.notFound(`The organization '${organization}' is not served by this host.`);
    let scope: QueryScope = {};
    let projectName: string | undefined;
    if (odataIndex === 2) {
      const project = deps.store.projects.find(decode(segments[1]));
      if (!project) throw ODataError.notFound(`TF200016: The following project does not exist: ${decode(segments[1])}.`);
      scope = { projectId: project.id };
      projectName = project.name;
    }
    if (deps.mode() === "denied") {
      throw new ODataError(403, `${user.displayName} does not have the 'View analytics' permission${projectName ? ` in project '${projectName}'` : ""}, so Analytics cannot be queried. Ask a project administrator for it.`);
    }
    const version = segments[odataIndex + 1];
    if (!version || !VERSION.test(version)) throw ODataError.notFound(`'${version ?? ""}' is not an OData version of Analytics; use v2.0, v3.0-preview or v4.0-preview.`);
    const serviceRoot = `${req.protocol}://${req.get("host")}/${segments.slice(0, odataIndex + 2).join("/")}/`;
    const target: Target = { serviceRoot, scope, projectName, rest: segments.slice(odataIndex + 2).filter((s, i, all) => s !== "" || i < all.length - 1), rawQuery };

    if (req.method === "GET") {
      if (rawQuery.length > MAX_QUERY_LENGTH) {
        throw ODataError.notFound(`The query string is ${rawQuery.length} characters long, more than the ${MAX_QUERY_LENGTH} a GET may carry: send the query in a POST to ${serviceRoot}$batch.`);
      }
      const model = buildModel(deps.store, [testManagementModel]);
      if (target.rest.length === 0) return sendJson(res, { body: serviceDocument(model, serviceRoot), headers: {} });
      if (target.rest.length === 1 && target.rest[0] === "$metadata") {
        res.status(200).set("OData-Version", "4.0").type("application/xml; charset=utf-8").send(metadataDocument(model));
        return;
      }
      return sendJson(res, runGet(deps, model, target, req.get("prefer")));
    }
    if (req.method === "POST" && target.rest.length === 1 && target.rest[0] === "$batch") return await batch(deps, req, res, target);
    throw new ODataError(405, `${req.method} is not supported here: Analytics is read with GET, or with POST to $batch.`);
  } catch (error) {
    if (error instanceof ODataError) return sendError(res, error);
    throw error;
  }
}

function runGet(deps: AnalyticsDependencies, model: ODataModel, target: Target, prefer: string | undefined): ODataResult {
  const options: ExecutionOptions = { pageSize: deps.pageSize };
  if (target.rest.length !== 1) {
    if (target.rest[1] === "$count") throw ODataError.invalid("Analytics does not support the /$count segment: use $apply=aggregate($count as Count).");
    throw ODataError.notFound(`The path '${target.rest.join("/")}' does not name an entity set.`);
  }
  const entitySet = target.rest[0];
  if (/\(.*\)$/.test(entitySet)) throw ODataError.invalid(`Key lookups such as '${entitySet}' are not supported: filter the entity set instead.`);
  return executeQuery(deps.store.db, model, deps.parser, { entitySet, rawQuery: target.rawQuery, serviceRoot: target.serviceRoot, prefer, scope: target.scope }, options);
}

function sendJson(res: Response, result: ODataResult): void {
  res.status(200).set({ "OData-Version": "4.0", ...result.headers }).type(JSON_TYPE).send(JSON.stringify(result.body));
}

function sendError(res: Response, error: ODataError): void {
  res.status(error.status).set({ "OData-Version": "4.0", ...error.headers }).type(JSON_TYPE).send(JSON.stringify(error.toBody()));
}

// ---------------------------------------------------------------------------------------------
// $batch

async function readBody(req: Request): Promise<string> {
  if (typeof req.body === "string") return req.body;
  if (req.body && typeof req.body === "object" && Object.keys(req.body as object).length > 0) {
    throw ODataError.invalid("A $batch request must be multipart/mixed; JSON batches are not supported.");
  }
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
  return Buffer.concat(chunks).toString("utf8");
}

interface BatchPart {
  method: string;
  url: string;
  headers: Record<string, string>;
}

function splitHeaders(text: string): { headers: Record<string, string>; rest: string } {
  const match = /\r?\n\r?\n/.exec(text);
  const head = match ? text.slice(0, match.index) : text;
  const rest = match ? text.slice(match.index + match[0].length) : "";
  const headers: Record<string, string> = {};
  for (const line of head.split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { headers, rest };
}

/** The requests of a multipart/mixed batch (each part an application/http request). */
export function parseBatch(body: string, contentType: string | undefined): BatchPart[] {
  const boundary = /boundary=("?)([^";]+)\1/i.exec(contentType ?? "")?.[2];
  if (!/^multipart\/mixed/i.test(contentType ?? "") || !boundary) throw ODataError.invalid("A $batch request must be multipart/mixed with a boundary.");
  const parts: BatchPart[] = [];
  const pieces = body.split(`--${boundary}`);
  for (const piece of pieces.slice(1)) {
    if (piece.startsWith("--")) break;
    const part = splitHeaders(piece.replace(/^\r?\n/, ""));
    if (/multipart\/mixed/i.test(part.headers["content-type"] ?? "")) throw ODataError.invalid("Change sets are not supported in an Analytics $batch: send GET requests only.");
    const requestText = part.rest.replace(/^\s+/, "");
    const lineEnd = requestText.search(/\r?\n|$/);
    const requestLine = requestText.slice(0, lineEnd).trim();
    const match = /^([A-Z]+)\s+(\S+)(?:\s+HTTP\/\d\.\d)?$/.exec(requestLine);
    if (!match) throw ODataError.invalid(`A part of the $batch does not start with a request line such as 'GET WorkItems?$select=Title HTTP/1.1' (found '${requestLine}').`);
    parts.push({ method: match[1], url: match[2], headers: splitHeaders(requestText.slice(lineEnd).replace(/^\r?\n/, "")).headers });
  }
  if (parts.length === 0) throw ODataError.invalid("The $batch request holds no requests.");
  return parts;
}

async function batch(deps: AnalyticsDependencies, req: Request, res: Response, target: Target): Promise<void> {
  const parts = parseBatch(await readBody(req), req.headers["content-type"]);
  const model = buildModel(deps.store, [testManagementModel]);
  const boundary = `batchresponse_${crypto.randomUUID()}`;
  const answers: string[] = [];
  for (const part of parts) {
    let status = 200;
    let body: unknown;
    try {
      if (part.method !== "GET") throw new ODataError(405, `Only GET requests may be batched to Analytics, not ${part.method}.`);
      const url = new URL(part.url, target.serviceRoot);
      if (!url.href.startsWith(target.serviceRoot)) throw ODataError.invalid(`The batched request '${part.url}' is not under ${target.serviceRoot}.`);
      const rest = decodeURIComponent(url.pathname.slice(new URL(target.serviceRoot).pathname.length)).split("/").filter((s) => s !== "");
      const result = runGet(deps, model, { ...target, rest, rawQuery: url.search.replace(/^\?/, "") }, part.headers.prefer ?? req.get("prefer"));
      body = result.body;
    } catch (error) {
      if (!(error instanceof ODataError)) throw error;
      status = error.status;
      body = error.toBody();
    }
    answers.push(
      [
        `--${boundary}`,
        "Content-Type: application/http",
        "Content-Transfer-Encoding: binary",
        "",
        `HTTP/1.1 ${status} ${status === 200 ? "OK" : "Error"}`,
        `Content-Type: ${JSON_TYPE}`,
        "OData-Version: 4.0",
        "",
        JSON.stringify(body),
      ].join("\r\n"),
    );
  }
  res.status(200).set("OData-Version", "4.0").type(`multipart/mixed; boundary=${boundary}`).send(`${answers.join("\r\n")}\r\n--${boundary}--\r\n`);
}

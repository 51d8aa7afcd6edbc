// Routing of /{organization}[/{project}[/{team}]]/_apis/... to handlers registered per resource
// location. Handlers are synchronous; a write request's handler runs in one store transaction, so a
// request that fails leaves the store as it was.
import express, { NextFunction, Request, Response, Router } from "express";
import type { DevhostStore } from "../store/store";
import type { WiqlEngine } from "../wiql/engine";
import { AccessTokens, authenticate } from "./auth";
import { Organization, RequestContext, UrlBuilder } from "./context";
import { Errors } from "./errors";
import { checkApiVersion, parseFormat, sendAdo } from "./format";
import { ResourceLocation, RouteScope, routeOf } from "./locations";

export interface ApiCall {
  ctx: RequestContext;
  params: Record<string, string | undefined>;
  /** Query parameters by lower-cased name (ADO treats them case-insensitively), first value only. */
  query: Record<string, string | undefined>;
  body: unknown;
  method: string;
}

export class Reply {
  constructor(
    readonly status: number,
    readonly body?: unknown,
    readonly headers: Record<string, string> = {},
  ) {}
}

export const reply = (status: number, body?: unknown, headers?: Record<string, string>) => new Reply(status, body, headers);

export type ApiHandler = (call: ApiCall) => unknown;

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "OPTIONS";
const WRITE_METHODS = new Set<Method>(["POST", "PUT", "PATCH", "DELETE"]);

export interface ApiDependencies {
  store: DevhostStore;
  wiql: WiqlEngine;
  tokens: AccessTokens;
  organization: Organization;
}

export class ApiRouter {
  private readonly routers: Record<RouteScope, Router> = {
    collection: express.Router(),
    project: express.Router(),
    team: express.Router(),
  };

  constructor(private readonly deps: ApiDependencies) {}

  /** Serves a location's methods at every scope its template allows. */
  resource(location: ResourceLocation, handlers: Partial<Record<Method, ApiHandler>>, options: { versioned?: boolean } = {}): void {
    const { path, scopes } = routeOf(location);
    for (const scope of scopes) {
      const route = this.routers[scope].route(path);
      for (const [method, handler] of Object.entries(handlers) as [Method, ApiHandler][]) {
        const wrapped = this.wrap(handler, WRITE_METHODS.has(method), options.versioned !== false);
        route[method.toLowerCase() as "get"](wrapped);
      }
    }
  }

  /** A route outside the location catalogue (resource location discovery itself). */
  raw(scope: RouteScope, method: Method, path: string, handler: ApiHandler): void {
    this.routers[scope][method.toLowerCase() as "get"](path, this.wrap(handler, false, false));
  }

  /** Middleware for the whole app: picks up /{organization}/.../_apis/... requests. */
  middleware() {
    return (req: Request, res: Response, next: NextFunction) => {
      try {
        this.dispatch(req, res, next);
      } catch (error) {
        next(error);
      }
    };
  }

  private dispatch(req: Request, res: Response, next: NextFunction): void {
    const queryStart = req.url.indexOf("?");
    const pathname = queryStart < 0 ? req.url : req.url.slice(0, queryStart);
    const search = queryStart < 0 ? "" : req.url.slice(queryStart);
    const segments = pathname.split("/").slice(1);
    const apisIndex = segments.findIndex((s) => s.toLowerCase() === "_apis");
    if (apisIndex < 1) return next();
    const decode = (segment: string) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        throw Errors.resourceNotFound(pathname);
      }
    };
    const organizationName = decode(segments[0]);
    if (organizationName.toLowerCase() !== this.deps.organization.name.toLowerCase()) throw Errors.organizationNotFound(organizationName);
    const scopeSegments = segments.slice(1, apisIndex).map(decode);
    if (scopeSegments.length > 2) throw Errors.resourceNotFound(pathname);

    const format = parseFormat(req.headers.accept, firstValue(req.query["api-version"]));
    res.locals.format = format;
    const isDiscovery = req.method === "OPTIONS";
    const user = isDiscovery ? undefined : authenticate(req.headers, this.deps.store, this.deps.tokens);
    if (!isDiscovery && !user) throw Errors.unauthorized();

    const ctx: RequestContext = {
      store: this.deps.store,
      wiql: this.deps.wiql,
      organization: this.deps.organization,
      user: user!,
      format,
      urls: new UrlBuilder(`${req.protocol}://${req.get("host")}`, this.deps.organization.name),
    };
    if (scopeSegments.length >= 1) {
      ctx.project = this.deps.store.projects.find(scopeSegments[0]);
      if (!ctx.project) throw Errors.projectNotFound(scopeSegments[0]);
    }
    if (scopeSegments.length === 2) {
      ctx.team = this.deps.store.projects.findTeam(ctx.project!.id, scopeSegments[1]);
      if (!ctx.team) throw Errors.teamNotFound(scopeSegments[1]);
    }
    res.locals.ctx = ctx;

    const scope: RouteScope = scopeSegments.length === 0 ? "collection" : scopeSegments.length === 1 ? "project" : "team";
    const originalUrl = req.url;
    req.url = "/" + segments.slice(apisIndex).join("/") + search;
    this.routers[scope](req, res, (error?: unknown) => {
      req.url = originalUrl;
      const routerSignal = error === "route" || error === "router";
      next(error && !routerSignal ? error : Errors.resourceNotFound(pathname));
    });
  }

  private wrap(handler: ApiHandler, isWrite: boolean, versioned: boolean) {
    return (req: Request, res: Response, next: NextFunction) => {
      try {
        const ctx = res.locals.ctx as RequestContext;
        if (versioned) checkApiVersion(ctx.format, req.method);
        const call: ApiCall = {
          ctx,
          params: { ...(req.params as Record<string, string | undefined>) },
          query: lowerCaseQuery(req.query),
          body: req.body,
          method: req.method,
        };
        const result = isWrite ? ctx.store.transaction(() => handler(call)) : handler(call);
        if (result instanceof Reply) {
          for (const [name, value] of Object.entries(result.headers)) res.setHeader(name, value);
          sendAdo(res, result.status, result.body);
        } else {
          sendAdo(res, 200, result);
        }
      } catch (error) {
        next(error);
      }
    };
  }
}

function firstValue(value: unknown): string | undefined {
  if (Array.isArray(value)) return firstValue(value[0]);
  return typeof value === "string" ? value : undefined;
}

function lowerCaseQuery(query: Request["query"]): Record<string, string | undefined> {
  const result: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(query)) result[key.toLowerCase()] = firstValue(value);
  return result;
}

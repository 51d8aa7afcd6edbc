// Endpoints for the host page itself (not part of the ADO API): who is signed in, where the REST root
// is, and bearer tokens for frames. Tokens are handed out to same-origin callers only.
import express, { Request, Response, Router } from "express";
import { ADMIN_USER } from "../catalogue/users";
import type { DevhostStore } from "../store/store";
import type { WiqlEngine } from "../wiql/engine";
import { identityRef } from "../wit/render";
import { ACCESS_TOKEN_LIFETIME_SECONDS, AccessTokens } from "./auth";
import { Organization, RequestContext, UrlBuilder } from "./context";
import { AdoError, Errors } from "./errors";
import { DEFAULT_FORMAT } from "./format";

export interface HostRouteOptions {
  store: DevhostStore;
  wiql: WiqlEngine;
  tokens: AccessTokens;
  organization: Organization;
  defaultProjectName: string;
}

export function hostRoutes(options: HostRouteOptions): Router {
  const router = express.Router();

  router.post("/token", (req: Request, res: Response) => {
    if (!isSameOrigin(req)) throw new AdoError(403, "AccessDeniedException", "Access tokens are only issued to the host page (same origin).");
    const userId = (req.body as { userId?: unknown } | undefined)?.userId;
    const ctx = requestContext(options, req, typeof userId === "string" ? userId : undefined);
    const issued = options.tokens.issue(ctx.user.id);
    res.json({ token: issued.token, expiresInSeconds: ACCESS_TOKEN_LIFETIME_SECONDS, user: identityRef(ctx, ctx.user.uniqueName) });
  });

  router.get("/context", (req: Request, res: Response) => {
    const project = typeof req.query.project === "string" ? req.query.project : undefined;
    res.json(hostContext(options, req, typeof req.query.user === "string" ? req.query.user : undefined, project));
  });

  router.get("/users", (_req: Request, res: Response) => {
    res.json(options.store.identities.list());
  });

  return router;
}

/** What the host page needs to start: organization, project (the default unless one is named), team, the signed-in user and the REST root. */
export function hostContext(options: HostRouteOptions, req: Request, userId?: string, projectName?: string) {
  const ctx = requestContext(options, req, userId);
  const named = projectName ? options.store.projects.find(projectName) : undefined;
  if (projectName && !named) throw Errors.badRequest(`Unknown project ${projectName}.`);
  const project = named ?? options.store.projects.find(options.defaultProjectName) ?? options.store.projects.list()[0];
  const team = project && options.store.projects.defaultTeam(project.id);
  const user = identityRef(ctx, ctx.user.uniqueName);
  return {
    organization: options.organization,
    project: project && { id: project.id, name: project.name },
    team: team && { id: team.id, name: team.name },
    user: { id: ctx.user.id, name: ctx.user.uniqueName, displayName: ctx.user.displayName, descriptor: user.descriptor, imageUrl: user.imageUrl },
    restRoot: `${ctx.urls.collection()}/`,
  };
}

function requestContext(options: HostRouteOptions, req: Request, userId?: string): RequestContext {
  const user = options.store.identities.get(userId ?? ADMIN_USER.id);
  if (!user) throw Errors.badRequest(`Unknown user ${userId}.`);
  return { store: options.store, wiql: options.wiql, organization: options.organization, user, format: DEFAULT_FORMAT, urls: new UrlBuilder(`${req.protocol}://${req.get("host")}`, options.organization.name) };
}

/** A browser sends Origin (and Sec-Fetch-Site) on cross-site requests; tools such as curl send neither. */
function isSameOrigin(req: Request): boolean {
  const site = req.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") return false;
  const requestOrigin = req.get("origin");
  return !requestOrigin || requestOrigin === `${req.protocol}://${req.get("host")}`;
}

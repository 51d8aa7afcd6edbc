// Core: projects, their properties (System.ProcessTemplateType names the project's process) and teams.
import { ApiCall, ApiRouter } from "../http/api";
import { RequestContext } from "../http/context";
import { Errors } from "../http/errors";
import { AdoEnum } from "../http/format";
import { Locations } from "../http/locations";
import type { Project, Team } from "../store/projects";

const WELL_FORMED = new AdoEnum("wellFormed", 1);
const PRIVATE = new AdoEnum("private", 0);

export function registerCoreRoutes(api: ApiRouter): void {
  api.resource(Locations.core.projectProperties, { GET: getProjectProperties });
  api.resource(Locations.core.teams, { GET: getTeams });
  api.resource(Locations.core.projects, { GET: getProjects });
  api.resource(Locations.core.processes, { GET: getCoreProcesses });
}

function requireProjectById(ctx: RequestContext, nameOrId: string | undefined): Project {
  const project = nameOrId ? ctx.store.projects.find(nameOrId) : undefined;
  if (!project) throw Errors.projectNotFound(nameOrId ?? "");
  return project;
}

function renderProject(ctx: RequestContext, project: Project, detailed: boolean) {
  const rendered: Record<string, unknown> = {
    id: project.id,
    name: project.name,
    description: project.description,
    url: ctx.urls.project(project.id),
    state: WELL_FORMED,
    revision: project.revision,
    visibility: PRIVATE,
    lastUpdateTime: new Date(project.lastUpdateTime),
  };
  if (detailed) {
    const team = ctx.store.projects.defaultTeam(project.id);
    const process = ctx.store.processes.get(project.processId);
    rendered.capabilities = {
      versioncontrol: { sourceControlType: "Git", gitEnabled: "true", tfvcEnabled: "false" },
      processTemplate: { templateName: process?.name ?? "", templateTypeId: project.processId },
    };
    if (team) rendered.defaultTeam = { id: team.id, name: team.name, url: teamUrl(ctx, project, team) };
    rendered._links = { self: { href: ctx.urls.project(project.id) }, collection: { href: ctx.urls.collection() } };
  }
  return rendered;
}

function getProjects(call: ApiCall) {
  const { ctx, params } = call;
  if (params.projectId === undefined) return ctx.store.projects.list().map((p) => renderProject(ctx, p, false));
  return renderProject(ctx, requireProjectById(ctx, params.projectId), true);
}

/** Stored properties plus those ADO derives from the project's process and default team. */
function getProjectProperties(call: ApiCall) {
  const { ctx, params, query } = call;
  const project = requireProjectById(ctx, params.projectId);
  const process = ctx.store.processes.get(project.processId);
  const team = ctx.store.projects.defaultTeam(project.id);
  const properties = new Map<string, string>([
    ["System.CurrentProcessTemplateId", project.processId],
    ["System.ProcessTemplateType", project.processId],
    ["System.Process Template", process?.name ?? ""],
    ["System.SourceControlCapabilityFlags", "2"],
    ["System.SourceControlGitEnabled", "True"],
  ]);
  if (team) properties.set("System.Microsoft.TeamFoundation.Team.Default", team.id);
  for (const stored of ctx.store.projects.storedProperties(project.id)) if (stored.value !== null) properties.set(stored.name, stored.value);
  const keys = query.keys?.split(",").map((k) => k.trim());
  const wanted = (name: string) =>
    !keys || keys.some((key) => (key.endsWith("*") ? name.toLowerCase().startsWith(key.slice(0, -1).toLowerCase()) : name.toLowerCase() === key.toLowerCase()));
  return [...properties.entries()].filter(([name]) => wanted(name)).map(([name, value]) => ({ name, value }));
}

function teamUrl(ctx: RequestContext, project: Project, team: Team): string {
  return ctx.urls.api(`projects/${project.id}/teams/${team.id}`);
}

function renderTeam(ctx: RequestContext, project: Project, team: Team) {
  return { id: team.id, name: team.name, url: teamUrl(ctx, project, team), description: team.description, identityUrl: ctx.urls.identity(team.id), projectName: project.name, projectId: project.id };
}

function getTeams(call: ApiCall) {
  const { ctx, params } = call;
  const project = requireProjectById(ctx, params.projectId);
  if (params.teamId === undefined) return ctx.store.projects.teams(project.id).map((t) => renderTeam(ctx, project, t));
  const team = ctx.store.projects.findTeam(project.id, params.teamId);
  if (!team) throw Errors.teamNotFound(params.teamId);
  return renderTeam(ctx, project, team);
}

function getCoreProcesses(call: ApiCall) {
  const { ctx, params } = call;
  const render = (process: NonNullable<ReturnType<typeof ctx.store.processes.get>>) => ({
    id: process.id,
    name: process.name,
    description: process.description,
    isDefault: process.isDefault,
    type: process.isSystem ? new AdoEnum("system", 0) : new AdoEnum("inherited", 2),
    url: ctx.urls.api(`process/processes/${process.id}`),
  });
  if (params.processId === undefined) return ctx.store.processes.list().map(render);
  const process = ctx.store.processes.get(params.processId);
  if (!process) throw Errors.processNotFound(params.processId);
  return render(process);
}

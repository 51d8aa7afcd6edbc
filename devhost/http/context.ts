import type { WiqlEngine } from "../wiql/engine";
import type { User } from "../store/identities";
import type { Project, Team } from "../store/projects";
import type { DevhostStore } from "../store/store";
import { Errors } from "./errors";
import { FormatOptions } from "./format";

export interface Organization {
  id: string;
  name: string;
}

/** Everything a REST handler may use for one request. */
export interface RequestContext {
  store: DevhostStore;
  wiql: WiqlEngine;
  organization: Organization;
  user: User;
  project?: Project;
  team?: Team;
  format: FormatOptions;
  urls: UrlBuilder;
}

export function requireProject(ctx: RequestContext): Project {
  if (!ctx.project) throw Errors.projectRequired();
  return ctx.project;
}

/** Absolute URLs as ADO writes them into responses (self links, relation targets, field references). */
export class UrlBuilder {
  constructor(
    readonly origin: string,
    readonly organizationName: string,
  ) {}

  /** The REST root: "http://127.0.0.1:8080/mhhs". */
  collection(): string {
    return `${this.origin}/${encodeURIComponent(this.organizationName)}`;
  }

  api(path: string, projectId?: string): string {
    return projectId ? `${this.collection()}/${projectId}/_apis/${path}` : `${this.collection()}/_apis/${path}`;
  }

  workItem(id: number, projectId?: string): string {
    return this.api(`wit/workItems/${id}`, projectId);
  }

  field(referenceName: string, projectId?: string): string {
    return this.api(`wit/fields/${referenceName}`, projectId);
  }

  workItemType(projectId: string, name: string): string {
    return this.api(`wit/workItemTypes/${encodeURIComponent(name)}`, projectId);
  }

  identity(id: string): string {
    return this.api(`Identities/${id}`);
  }

  avatar(descriptor: string): string {
    return this.api(`GraphProfile/MemberAvatars/${descriptor}`);
  }

  project(projectId: string): string {
    return this.api(`projects/${projectId}`);
  }

  process(processId: string): string {
    return this.api(`work/processes/${processId}`);
  }
}

// Runs WIQL against the store: parse (./grammar), translate to SQL (./translate), execute, and apply
// ADO's limits (20,000 results unless $top says fewer).
import type * as Chevrotain from "chevrotain";
import { Errors } from "../http/errors";
import type { User } from "../store/identities";
import type { Field } from "../store/fields";
import type { DevhostStore } from "../store/store";
import type { Query } from "./ast";
import { createWiqlParser, WiqlParse } from "./grammar";
import { compileQuery, ResolvedSort } from "./translate";

/** ADO's cap on the results of one WIQL query. */
export const WIQL_RESULT_LIMIT = 20_000;

export interface WiqlRequest {
  user: User;
  projectName?: string;
  /** At most this many results, without the 20,000 error. */
  top?: number;
  timePrecision?: boolean;
  now?: Date;
}

export interface WorkItemLinkResult {
  /** null for the source work items themselves, listed before their links. */
  rel: string | null;
  sourceId: number | null;
  targetId: number;
}

export interface WiqlResult {
  queryType: "flat" | "oneHop";
  queryResultType: "workItem" | "workItemLink";
  asOf: Date;
  columns: Field[];
  sortColumns: ResolvedSort[];
  workItemIds?: number[];
  workItemLinks?: WorkItemLinkResult[];
}

export interface WiqlEngine {
  parse(text: string): Query;
  run(store: DevhostStore, text: string, request: WiqlRequest): WiqlResult;
}

let loading: Promise<WiqlEngine> | undefined;

/**
 * chevrotain 11 is an ES module whose dependencies export only the "import" condition; loading it
 * with import() (rather than a CommonJS require, which is what a static import compiles to here)
 * works under tsx and Node alike. Callers await this once at start-up.
 */
export function loadWiqlEngine(): Promise<WiqlEngine> {
  loading ??= import("chevrotain").then((chevrotain: typeof Chevrotain) => createWiqlEngine(createWiqlParser(chevrotain)));
  return loading;
}

export function createWiqlEngine(parse: WiqlParse): WiqlEngine {
  return {
    parse,
    run(store, text, request) {
      if (typeof text !== "string" || text.trim() === "") throw Errors.badRequest("The query object must provide valid WIQL.");
      const now = request.now ?? new Date();
      const compiled = compileQuery(parse(text), {
        field: (name) => store.fields.get(name),
        linkType: (name) => store.fields.linkType(name),
        identities: store.identities,
        user: request.user,
        projectName: request.projectName,
        today: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())),
        timePrecision: request.timePrecision ?? false,
        categoryTypes: (name) => {
          const project = request.projectName ? store.projects.find(request.projectName) : undefined;
          if (!project) return undefined;
          const wanted = name.trim().toLowerCase();
          return store.processes.categories(project.processId).find((c) => c.referenceName.toLowerCase() === wanted || c.name.toLowerCase() === wanted)?.types;
        },
      });
      const limit = request.top ?? WIQL_RESULT_LIMIT + 1;
      const overLimit = (count: number) => request.top === undefined && count > WIQL_RESULT_LIMIT;
      const base = { asOf: now, columns: compiled.columns, sortColumns: compiled.sort };

      if (compiled.kind === "workItems") {
        const rows = store.db.prepare(`${compiled.select.text} LIMIT ?`).all(...compiled.select.params, limit) as { id: number }[];
        if (overLimit(rows.length)) throw Errors.queryResultSizeLimitExceeded(WIQL_RESULT_LIMIT);
        return { ...base, queryType: "flat", queryResultType: "workItem", workItemIds: rows.map((r) => r.id) };
      }

      const linkRows = store.db.prepare(compiled.links.text).all(...compiled.links.params) as { sourceId: number; targetId: number; rel: string }[];
      const linksBySource = new Map<number, WorkItemLinkResult[]>();
      for (const row of linkRows) {
        const list = linksBySource.get(row.sourceId) ?? [];
        list.push({ rel: row.rel, sourceId: row.sourceId, targetId: row.targetId });
        linksBySource.set(row.sourceId, list);
      }
      let sourceIds: number[];
      if (compiled.mode === "mustContain") {
        sourceIds = [...linksBySource.keys()];
      } else {
        const candidates = (store.db.prepare(compiled.sources!.text).all(...compiled.sources!.params) as { id: number }[]).map((r) => r.id);
        sourceIds = compiled.mode === "mayContain" ? candidates : candidates.filter((id) => !linksBySource.has(id));
      }
      const results: WorkItemLinkResult[] = [];
      for (const sourceId of sourceIds) {
        results.push({ rel: null, sourceId: null, targetId: sourceId });
        if (compiled.mode !== "doesNotContain") results.push(...(linksBySource.get(sourceId) ?? []));
        if (results.length >= limit) break;
      }
      if (overLimit(results.length)) throw Errors.queryResultSizeLimitExceeded(WIQL_RESULT_LIMIT);
      return { ...base, queryType: "oneHop", queryResultType: "workItemLink", workItemLinks: results.slice(0, limit) };
    },
  };
}

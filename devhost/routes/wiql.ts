// POST {project}[/{team}]/_apis/wit/wiql: runs a query and returns work item references or links.
import { ApiCall, ApiRouter } from "../http/api";
import { RequestContext } from "../http/context";
import { Errors } from "../http/errors";
import { AdoEnum } from "../http/format";
import { Locations } from "../http/locations";
import type { Field } from "../store/fields";

const QUERY_TYPES = { flat: 1, tree: 2, oneHop: 3 } as const;
const RESULT_TYPES = { workItem: 1, workItemLink: 2 } as const;

export function registerWiqlRoutes(api: ApiRouter): void {
  api.resource(Locations.wit.wiql, { POST: queryByWiql });
}

function fieldReference(ctx: RequestContext, field: Field) {
  return { referenceName: field.referenceName, name: field.name, url: ctx.urls.field(field.referenceName) };
}

function queryByWiql(call: ApiCall) {
  const { ctx, query } = call;
  const top = query.$top === undefined ? undefined : Number(query.$top);
  if (top !== undefined && (!Number.isInteger(top) || top <= 0)) throw Errors.badRequest("The value of $top is out of range: it must be a positive number.", "VssPropertyValidationException", "Microsoft.VisualStudio.Services.Common");
  const text = (call.body as { query?: unknown } | undefined)?.query;
  const result = ctx.wiql.run(ctx.store, typeof text === "string" ? text : "", {
    user: ctx.user,
    projectName: ctx.project?.name,
    top,
    timePrecision: query.timeprecision?.toLowerCase() === "true",
  });
  const reference = (id: number) => ({ id, url: ctx.urls.workItem(id) });
  const body: Record<string, unknown> = {
    queryType: new AdoEnum(result.queryType, QUERY_TYPES[result.queryType]),
    queryResultType: new AdoEnum(result.queryResultType, RESULT_TYPES[result.queryResultType]),
    asOf: result.asOf,
    columns: result.columns.map((f) => fieldReference(ctx, f)),
  };
  if (result.sortColumns.length > 0) body.sortColumns = result.sortColumns.map((s) => ({ field: fieldReference(ctx, s.field), descending: s.descending }));
  if (result.workItemIds) body.workItems = result.workItemIds.map(reference);
  if (result.workItemLinks) {
    body.workItemRelations = result.workItemLinks.map((link) => ({
      rel: link.rel,
      source: link.sourceId === null ? null : reference(link.sourceId),
      target: reference(link.targetId),
    }));
  }
  return body;
}

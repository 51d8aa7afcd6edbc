import { RequestContext } from "../http/context";
import { Errors } from "../http/errors";

/** Process and field changes need "Edit process", which the host grants to Project Collection Administrators. */
export function requireProcessEditor(ctx: RequestContext): void {
  if (!ctx.user.isProjectCollectionAdmin) throw Errors.processPermission(ctx.user.displayName);
}

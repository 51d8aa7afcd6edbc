// The organization's built-in field catalogue (System.*, Microsoft.VSTS.*), as far as the local host
// needs it: the fields the system processes put on their work item types.

export type FieldKind = "string" | "integer" | "double" | "dateTime" | "plainText" | "html" | "treePath" | "history" | "boolean" | "guid";

export interface FieldDefinition {
  referenceName: string;
  name: string;
  type: FieldKind;
  isIdentity?: boolean;
  /** Set by the system; a client may only write it with bypassRules. */
  readOnly?: boolean;
  usage?: "workItem" | "workItemLink";
  canSortBy?: boolean;
  isQueryable?: boolean;
  description?: string;
}

const f = (referenceName: string, name: string, type: FieldKind, extra: Partial<FieldDefinition> = {}): FieldDefinition => ({
  referenceName,
  name,
  type,
  ...extra,
});
const identity = (referenceName: string, name: string, extra: Partial<FieldDefinition> = {}) => f(referenceName, name, "string", { isIdentity: true, ...extra });
const systemSet = { readOnly: true };

export const SYSTEM_FIELDS: readonly FieldDefinition[] = [
  f("System.Id", "ID", "integer", systemSet),
  f("System.Title", "Title", "string"),
  f("System.State", "State", "string"),
  f("System.Reason", "Reason", "string"),
  f("System.WorkItemType", "Work Item Type", "string"),
  f("System.TeamProject", "Team Project", "string", systemSet),
  f("System.AreaPath", "Area Path", "treePath"),
  f("System.IterationPath", "Iteration Path", "treePath"),
  f("System.AreaId", "Area ID", "integer"),
  f("System.IterationId", "Iteration ID", "integer"),
  f("System.NodeName", "Node Name", "string", systemSet),
  identity("System.AssignedTo", "Assigned To"),
  identity("System.CreatedBy", "Created By", systemSet),
  f("System.CreatedDate", "Created Date", "dateTime", systemSet),
  identity("System.ChangedBy", "Changed By", systemSet),
  f("System.ChangedDate", "Changed Date", "dateTime", systemSet),
  identity("System.AuthorizedAs", "Authorized As", systemSet),
  f("System.AuthorizedDate", "Authorized Date", "dateTime", systemSet),
  f("System.RevisedDate", "Revised Date", "dateTime", systemSet),
  f("System.Rev", "Rev", "integer", systemSet),
  f("System.Watermark", "Watermark", "integer", systemSet),
  f("System.Description", "Description", "html", { canSortBy: false }),
  f("System.History", "History", "history", { canSortBy: false }),
  f("System.Tags", "Tags", "plainText", { canSortBy: false }),
  f("System.CommentCount", "Comment Count", "integer", systemSet),
  f("System.Parent", "Parent", "integer", systemSet),
  f("System.BoardColumn", "Board Column", "string", systemSet),
  f("System.BoardColumnDone", "Board Column Done", "boolean", systemSet),
  f("System.RelatedLinkCount", "Related Link Count", "integer", systemSet),
  f("System.ExternalLinkCount", "External Link Count", "integer", systemSet),
  f("System.HyperLinkCount", "Hyperlink Count", "integer", systemSet),
  f("System.AttachedFileCount", "Attached File Count", "integer", systemSet),
  f("System.Links.LinkType", "Link Type", "string", { usage: "workItemLink", ...systemSet }),

  f("Microsoft.VSTS.Common.Priority", "Priority", "integer"),
  f("Microsoft.VSTS.Common.Severity", "Severity", "string"),
  f("Microsoft.VSTS.Common.ValueArea", "Value Area", "string"),
  f("Microsoft.VSTS.Common.Risk", "Risk", "string"),
  f("Microsoft.VSTS.Common.StackRank", "Stack Rank", "double"),
  f("Microsoft.VSTS.Common.BacklogPriority", "Backlog Priority", "double"),
  f("Microsoft.VSTS.Common.BusinessValue", "Business Value", "integer"),
  f("Microsoft.VSTS.Common.TimeCriticality", "Time Criticality", "double"),
  f("Microsoft.VSTS.Common.Activity", "Activity", "string"),
  f("Microsoft.VSTS.Common.AcceptanceCriteria", "Acceptance Criteria", "html", { canSortBy: false }),
  f("Microsoft.VSTS.Common.StateChangeDate", "State Change Date", "dateTime", systemSet),
  f("Microsoft.VSTS.Common.ActivatedDate", "Activated Date", "dateTime", systemSet),
  identity("Microsoft.VSTS.Common.ActivatedBy", "Activated By", systemSet),
  f("Microsoft.VSTS.Common.ResolvedDate", "Resolved Date", "dateTime", systemSet),
  identity("Microsoft.VSTS.Common.ResolvedBy", "Resolved By", systemSet),
  f("Microsoft.VSTS.Common.ResolvedReason", "Resolved Reason", "string"),
  f("Microsoft.VSTS.Common.ClosedDate", "Closed Date", "dateTime", systemSet),
  identity("Microsoft.VSTS.Common.ClosedBy", "Closed By", systemSet),
  f("Microsoft.VSTS.Common.Triage", "Triage", "string"),

  f("Microsoft.VSTS.Scheduling.StoryPoints", "Story Points", "double"),
  f("Microsoft.VSTS.Scheduling.Effort", "Effort", "double"),
  f("Microsoft.VSTS.Scheduling.Size", "Size", "double"),
  f("Microsoft.VSTS.Scheduling.RemainingWork", "Remaining Work", "double"),
  f("Microsoft.VSTS.Scheduling.OriginalEstimate", "Original Estimate", "double"),
  f("Microsoft.VSTS.Scheduling.CompletedWork", "Completed Work", "double"),
  f("Microsoft.VSTS.Scheduling.StartDate", "Start Date", "dateTime"),
  f("Microsoft.VSTS.Scheduling.FinishDate", "Finish Date", "dateTime"),
  f("Microsoft.VSTS.Scheduling.TargetDate", "Target Date", "dateTime"),
  f("Microsoft.VSTS.Scheduling.DueDate", "Due Date", "dateTime"),

  f("Microsoft.VSTS.Build.FoundIn", "Found In", "string"),
  f("Microsoft.VSTS.Build.IntegrationBuild", "Integration Build", "string"),

  f("Microsoft.VSTS.TCM.ReproSteps", "Repro Steps", "html", { canSortBy: false }),
  f("Microsoft.VSTS.TCM.SystemInfo", "System Info", "html", { canSortBy: false }),
  f("Microsoft.VSTS.TCM.Steps", "Steps", "html", { canSortBy: false, isQueryable: false }),
  f("Microsoft.VSTS.TCM.Parameters", "Parameters", "html", { canSortBy: false, isQueryable: false }),
  f("Microsoft.VSTS.TCM.LocalDataSource", "Local Data Source", "html", { canSortBy: false, isQueryable: false }),
  f("Microsoft.VSTS.TCM.AutomationStatus", "Automation status", "string"),
  f("Microsoft.VSTS.TCM.AutomatedTestName", "Automated Test Name", "string"),
  f("Microsoft.VSTS.TCM.AutomatedTestStorage", "Automated Test Storage", "string"),
  f("Microsoft.VSTS.TCM.AutomatedTestType", "Automated Test Type", "string"),
  f("Microsoft.VSTS.TCM.TestSuiteType", "Test Suite Type", "string", systemSet),
  f("Microsoft.VSTS.TCM.TestSuiteTypeId", "Test Suite Type Id", "integer", systemSet),
  f("Microsoft.VSTS.TCM.QueryText", "Query Text", "plainText", { canSortBy: false }),
  f("Microsoft.VSTS.TCM.Parameters.Shared", "Shared Parameters", "html", { canSortBy: false, isQueryable: false }),

  f("Microsoft.VSTS.CMMI.RequirementType", "Requirement Type", "string"),
  f("Microsoft.VSTS.CMMI.Blocked", "Blocked", "string"),
  f("Microsoft.VSTS.CMMI.Committed", "Committed", "string"),
  f("Microsoft.VSTS.CMMI.ProposedFix", "Proposed Fix", "html", { canSortBy: false }),
  f("Microsoft.VSTS.CMMI.Justification", "Justification", "html", { canSortBy: false }),
  f("Microsoft.VSTS.CMMI.Probability", "Probability", "integer"),
];

/** The identity value kept in a field: ADO's "distinct display name". */
export function distinctDisplayName(displayName: string, uniqueName: string): string {
  return `${displayName} <${uniqueName}>`;
}

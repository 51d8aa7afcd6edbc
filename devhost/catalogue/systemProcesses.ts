// The four system processes (Agile, Scrum, CMMI, Basic) with the work item types, states, fields and
// categories the extension relies on. Type ids and reference names are the real ones.

export type StateCategory = "Proposed" | "InProgress" | "Resolved" | "Completed" | "Removed";

export interface StateDefinition {
  name: string;
  category: StateCategory;
  color: string;
}

export interface TypeFieldDefinition {
  field: string;
  required?: boolean;
  defaultValue?: string | number;
  /** A closed list enforced on save (a rule on the type, not a picklist). */
  allowedValues?: readonly (string | number)[];
}

export interface WorkItemTypeDefinition {
  referenceName: string;
  name: string;
  description: string;
  color: string;
  icon: string;
  /** The first state is the initial one. */
  states: readonly StateDefinition[];
  fields: readonly TypeFieldDefinition[];
}

export interface CategoryDefinition {
  referenceName: string;
  name: string;
  /** Work item type names; the first is the category's default type. */
  types: readonly string[];
}

export interface SystemProcessDefinition {
  id: string;
  name: string;
  referenceName: string;
  description: string;
  isDefault: boolean;
  types: readonly WorkItemTypeDefinition[];
  categories: readonly CategoryDefinition[];
}

export const AGILE_PROCESS_ID = "adcc42ab-9882-485e-a3ed-7678f01f66bc";
export const SCRUM_PROCESS_ID = "6b724908-ef14-45cf-84f8-768b5384da45";
export const CMMI_PROCESS_ID = "27450541-8e31-4150-9947-dc59f998fc01";
export const BASIC_PROCESS_ID = "b8a3a935-7e91-48b8-a94c-606d37c3e9f2";

const GREY = "b2b2b2";
const BLUE = "007acc";
const ORANGE = "ff9d00";
const GREEN = "339933";
const WHITE = "ffffff";

const state = (name: string, category: StateCategory, color: string): StateDefinition => ({ name, category, color });
const NEW = state("New", "Proposed", GREY);
const ACTIVE = state("Active", "InProgress", BLUE);
const RESOLVED = state("Resolved", "Resolved", ORANGE);
const CLOSED = state("Closed", "Completed", GREEN);
const REMOVED = state("Removed", "Removed", WHITE);

export const SEVERITY_VALUES = ["1 - Critical", "2 - High", "3 - Medium", "4 - Low"] as const;
const PRIORITY = { field: "Microsoft.VSTS.Common.Priority", allowedValues: [1, 2, 3, 4], defaultValue: 2 };
const PRIORITY_NO_DEFAULT = { field: "Microsoft.VSTS.Common.Priority", allowedValues: [1, 2, 3, 4] };
const SEVERITY = { field: "Microsoft.VSTS.Common.Severity", allowedValues: SEVERITY_VALUES, defaultValue: "3 - Medium" };
const VALUE_AREA = { field: "Microsoft.VSTS.Common.ValueArea", allowedValues: ["Architectural", "Business"], defaultValue: "Business" };
const RISK = { field: "Microsoft.VSTS.Common.Risk", allowedValues: ["1 - High", "2 - Medium", "3 - Low"] };
const ACTIVITY = { field: "Microsoft.VSTS.Common.Activity", allowedValues: ["Deployment", "Design", "Development", "Documentation", "Requirements", "Testing"] };
const AUTOMATION_STATUS = { field: "Microsoft.VSTS.TCM.AutomationStatus", allowedValues: ["Not Automated", "Planned", "Automated"], defaultValue: "Not Automated" };

const plain = (...refs: string[]): TypeFieldDefinition[] => refs.map((field) => ({ field }));

/** Fields every work item type carries. */
const COMMON_FIELDS: readonly TypeFieldDefinition[] = [
  { field: "System.Title", required: true },
  ...plain(
    "System.Id",
    "System.State",
    "System.Reason",
    "System.WorkItemType",
    "System.TeamProject",
    "System.AreaPath",
    "System.IterationPath",
    "System.AreaId",
    "System.IterationId",
    "System.NodeName",
    "System.AssignedTo",
    "System.CreatedBy",
    "System.CreatedDate",
    "System.ChangedBy",
    "System.ChangedDate",
    "System.AuthorizedAs",
    "System.AuthorizedDate",
    "System.RevisedDate",
    "System.Rev",
    "System.Watermark",
    "System.Description",
    "System.History",
    "System.Tags",
    "System.CommentCount",
    "System.Parent",
    "System.BoardColumn",
    "System.BoardColumnDone",
    "System.RelatedLinkCount",
    "System.ExternalLinkCount",
    "System.HyperLinkCount",
    "System.AttachedFileCount",
  ),
];

const LIFECYCLE_FIELDS = plain(
  "Microsoft.VSTS.Common.StateChangeDate",
  "Microsoft.VSTS.Common.ActivatedDate",
  "Microsoft.VSTS.Common.ActivatedBy",
  "Microsoft.VSTS.Common.ResolvedDate",
  "Microsoft.VSTS.Common.ResolvedBy",
  "Microsoft.VSTS.Common.ClosedDate",
  "Microsoft.VSTS.Common.ClosedBy",
);

function type(
  referenceSuffix: string,
  name: string,
  color: string,
  icon: string,
  states: StateDefinition[],
  fields: TypeFieldDefinition[],
  description = "",
): WorkItemTypeDefinition {
  return {
    referenceName: `Microsoft.VSTS.WorkItemTypes.${referenceSuffix}`,
    name,
    description,
    color,
    icon,
    states,
    fields: [...COMMON_FIELDS, ...LIFECYCLE_FIELDS, ...fields],
  };
}

const TEST_COLOR = "004B50";
const TEST_TYPES: WorkItemTypeDefinition[] = [
  type(
    "TestCase",
    "Test Case",
    TEST_COLOR,
    "icon_test_case",
    [state("Design", "Proposed", GREY), state("Ready", "InProgress", BLUE), CLOSED],
    [
      PRIORITY,
      AUTOMATION_STATUS,
      ...plain(
        "Microsoft.VSTS.TCM.Steps",
        "Microsoft.VSTS.TCM.Parameters",
        "Microsoft.VSTS.TCM.LocalDataSource",
        "Microsoft.VSTS.TCM.AutomatedTestName",
        "Microsoft.VSTS.TCM.AutomatedTestStorage",
        "Microsoft.VSTS.TCM.AutomatedTestType",
      ),
    ],
    "Server-side data for a set of steps to be tested.",
  ),
  type("TestPlan", "Test Plan", TEST_COLOR, "icon_test_plan", [ACTIVE, state("Inactive", "Completed", GREEN)], plain("Microsoft.VSTS.Scheduling.StartDate", "Microsoft.VSTS.Scheduling.FinishDate")),
  type(
    "TestSuite",
    "Test Suite",
    TEST_COLOR,
    "icon_test_suite",
    [state("In Planning", "Proposed", GREY), state("In Progress", "InProgress", BLUE), state("Completed", "Completed", GREEN)],
    plain("Microsoft.VSTS.TCM.TestSuiteType", "Microsoft.VSTS.TCM.TestSuiteTypeId", "Microsoft.VSTS.TCM.QueryText"),
  ),
  type("SharedStep", "Shared Steps", TEST_COLOR, "icon_test_step", [ACTIVE, CLOSED], [PRIORITY, ...plain("Microsoft.VSTS.TCM.Steps", "Microsoft.VSTS.TCM.Parameters")]),
  type("SharedParameter", "Shared Parameter", TEST_COLOR, "icon_test_parameter", [ACTIVE, CLOSED], plain("Microsoft.VSTS.TCM.Parameters.Shared")),
];

const TEST_CATEGORIES: CategoryDefinition[] = [
  { referenceName: "Microsoft.TestCaseCategory", name: "Test Case Category", types: ["Test Case"] },
  { referenceName: "Microsoft.TestPlanCategory", name: "Test Plan Category", types: ["Test Plan"] },
  { referenceName: "Microsoft.TestSuiteCategory", name: "Test Suite Category", types: ["Test Suite"] },
  { referenceName: "Microsoft.SharedStepCategory", name: "Shared Step Category", types: ["Shared Steps"] },
  { referenceName: "Microsoft.SharedParameterCategory", name: "Shared Parameter Category", types: ["Shared Parameter"] },
  { referenceName: "Microsoft.HiddenCategory", name: "Hidden Types Category", types: ["Test Plan", "Test Suite", "Shared Parameter"] },
];

const PORTFOLIO_FIELDS = [
  PRIORITY,
  VALUE_AREA,
  RISK,
  ...plain(
    "Microsoft.VSTS.Common.BusinessValue",
    "Microsoft.VSTS.Common.TimeCriticality",
    "Microsoft.VSTS.Scheduling.Effort",
    "Microsoft.VSTS.Scheduling.StartDate",
    "Microsoft.VSTS.Scheduling.TargetDate",
    "Microsoft.VSTS.Common.StackRank",
  ),
];
const TASK_WORK = plain("Microsoft.VSTS.Scheduling.RemainingWork", "Microsoft.VSTS.Scheduling.OriginalEstimate", "Microsoft.VSTS.Scheduling.CompletedWork");
const BUG_DETAIL = plain("Microsoft.VSTS.TCM.ReproSteps", "Microsoft.VSTS.TCM.SystemInfo", "Microsoft.VSTS.Build.FoundIn", "Microsoft.VSTS.Build.IntegrationBuild");

const AGILE: SystemProcessDefinition = {
  id: AGILE_PROCESS_ID,
  name: "Agile",
  referenceName: "Agile",
  description: "This template is flexible and will work great for most teams using Agile planning methods, including those practicing Scrum.",
  isDefault: true,
  types: [
    type("Epic", "Epic", "FF7B00", "icon_crown", [NEW, ACTIVE, RESOLVED, CLOSED, REMOVED], PORTFOLIO_FIELDS),
    type("Feature", "Feature", "773B93", "icon_trophy", [NEW, ACTIVE, RESOLVED, CLOSED, REMOVED], PORTFOLIO_FIELDS),
    type(
      "UserStory",
      "User Story",
      "009CCC",
      "icon_book",
      [NEW, ACTIVE, RESOLVED, CLOSED, REMOVED],
      [
        PRIORITY,
        VALUE_AREA,
        RISK,
        ...plain("Microsoft.VSTS.Common.AcceptanceCriteria", "Microsoft.VSTS.Scheduling.StoryPoints", "Microsoft.VSTS.Common.StackRank", "Microsoft.VSTS.Common.ResolvedReason"),
      ],
      "Tracks an activity the user will be able to perform with the product",
    ),
    type("Task", "Task", "F2CB1D", "icon_clipboard", [NEW, ACTIVE, CLOSED, REMOVED], [PRIORITY, ACTIVITY, ...TASK_WORK, ...plain("Microsoft.VSTS.Common.StackRank")]),
    type(
      "Bug",
      "Bug",
      "CC293D",
      "icon_insect",
      [NEW, ACTIVE, RESOLVED, CLOSED],
      [PRIORITY, SEVERITY, ACTIVITY, ...BUG_DETAIL, ...TASK_WORK, ...plain("Microsoft.VSTS.Scheduling.StoryPoints", "Microsoft.VSTS.Common.StackRank", "Microsoft.VSTS.Common.ResolvedReason")],
      "Describes a divergence between required and actual behavior, and tracks the work done to correct the defect and verify the correction.",
    ),
    type("Issue", "Issue", "B4009E", "icon_traffic_cone", [ACTIVE, CLOSED], [PRIORITY, ...plain("Microsoft.VSTS.Scheduling.DueDate", "Microsoft.VSTS.Common.StackRank")]),
    ...TEST_TYPES,
  ],
  categories: [
    { referenceName: "Microsoft.EpicCategory", name: "Epic Category", types: ["Epic"] },
    { referenceName: "Microsoft.FeatureCategory", name: "Feature Category", types: ["Feature"] },
    { referenceName: "Microsoft.RequirementCategory", name: "Requirement Category", types: ["User Story"] },
    { referenceName: "Microsoft.TaskCategory", name: "Task Category", types: ["Task"] },
    { referenceName: "Microsoft.BugCategory", name: "Bug Category", types: ["Bug"] },
    ...TEST_CATEGORIES,
  ],
};

const SCRUM_NEW = state("New", "Proposed", GREY);
const APPROVED = state("Approved", "Proposed", GREY);
const COMMITTED = state("Committed", "InProgress", BLUE);
const DONE = state("Done", "Completed", GREEN);
const SCRUM: SystemProcessDefinition = {
  id: SCRUM_PROCESS_ID,
  name: "Scrum",
  referenceName: "Scrum",
  description: "This process is for teams who follow the Scrum framework.",
  isDefault: false,
  types: [
    type("Epic", "Epic", "FF7B00", "icon_crown", [SCRUM_NEW, state("In Progress", "InProgress", BLUE), DONE, REMOVED], PORTFOLIO_FIELDS),
    type("Feature", "Feature", "773B93", "icon_trophy", [SCRUM_NEW, state("In Progress", "InProgress", BLUE), DONE, REMOVED], PORTFOLIO_FIELDS),
    type(
      "ProductBacklogItem",
      "Product Backlog Item",
      "009CCC",
      "icon_list",
      [SCRUM_NEW, APPROVED, COMMITTED, DONE, REMOVED],
      [PRIORITY_NO_DEFAULT, VALUE_AREA, ...plain("Microsoft.VSTS.Common.AcceptanceCriteria", "Microsoft.VSTS.Scheduling.Effort", "Microsoft.VSTS.Common.BusinessValue", "Microsoft.VSTS.Common.BacklogPriority")],
    ),
    type("Task", "Task", "F2CB1D", "icon_clipboard", [state("To Do", "Proposed", GREY), state("In Progress", "InProgress", BLUE), DONE, REMOVED], [ACTIVITY, ...TASK_WORK, ...plain("Microsoft.VSTS.Common.BacklogPriority")]),
    type(
      "Bug",
      "Bug",
      "CC293D",
      "icon_insect",
      [SCRUM_NEW, APPROVED, COMMITTED, DONE, REMOVED],
      [PRIORITY, SEVERITY, ...BUG_DETAIL, ...plain("Microsoft.VSTS.Common.AcceptanceCriteria", "Microsoft.VSTS.Scheduling.Effort", "Microsoft.VSTS.Common.BacklogPriority")],
    ),
    type("Impediment", "Impediment", "B4009E", "icon_traffic_cone", [state("Open", "InProgress", BLUE), state("Closed", "Completed", GREEN)], [PRIORITY, ...plain("Microsoft.VSTS.Common.BacklogPriority")]),
    ...TEST_TYPES,
  ],
  categories: [
    { referenceName: "Microsoft.EpicCategory", name: "Epic Category", types: ["Epic"] },
    { referenceName: "Microsoft.FeatureCategory", name: "Feature Category", types: ["Feature"] },
    { referenceName: "Microsoft.RequirementCategory", name: "Requirement Category", types: ["Product Backlog Item"] },
    { referenceName: "Microsoft.TaskCategory", name: "Task Category", types: ["Task"] },
    { referenceName: "Microsoft.BugCategory", name: "Bug Category", types: ["Bug"] },
    ...TEST_CATEGORIES,
  ],
};

const PROPOSED = state("Proposed", "Proposed", GREY);
const CMMI: SystemProcessDefinition = {
  id: CMMI_PROCESS_ID,
  name: "CMMI",
  referenceName: "CMMI",
  description: "This template is for more formal projects requiring a framework for process improvement and an auditable record of decisions.",
  isDefault: false,
  types: [
    type("Epic", "Epic", "FF7B00", "icon_crown", [PROPOSED, ACTIVE, RESOLVED, CLOSED, REMOVED], PORTFOLIO_FIELDS),
    type("Feature", "Feature", "773B93", "icon_trophy", [PROPOSED, ACTIVE, RESOLVED, CLOSED, REMOVED], PORTFOLIO_FIELDS),
    type(
      "Requirement",
      "Requirement",
      "009CCC",
      "icon_book",
      [PROPOSED, ACTIVE, RESOLVED, CLOSED],
      [
        PRIORITY,
        VALUE_AREA,
        RISK,
        { field: "Microsoft.VSTS.CMMI.RequirementType", allowedValues: ["Business Objective", "Feature", "Functional", "Interface", "Operational", "Quality of Service", "Safety", "Scenario", "Security"], defaultValue: "Functional" },
        ...plain("Microsoft.VSTS.Common.AcceptanceCriteria", "Microsoft.VSTS.Scheduling.Size", "Microsoft.VSTS.Common.Triage", "Microsoft.VSTS.CMMI.Committed"),
      ],
    ),
    type("Task", "Task", "F2CB1D", "icon_clipboard", [PROPOSED, ACTIVE, RESOLVED, CLOSED], [PRIORITY, ...TASK_WORK, ...plain("Microsoft.VSTS.Common.Triage")]),
    type("Bug", "Bug", "CC293D", "icon_insect", [PROPOSED, ACTIVE, RESOLVED, CLOSED], [PRIORITY, SEVERITY, ...BUG_DETAIL, ...plain("Microsoft.VSTS.Common.Triage", "Microsoft.VSTS.CMMI.ProposedFix")]),
    type("ChangeRequest", "Change Request", "4F9FF0", "icon_review", [PROPOSED, ACTIVE, RESOLVED, CLOSED], [PRIORITY, ...plain("Microsoft.VSTS.CMMI.Justification")]),
    type("Issue", "Issue", "B4009E", "icon_traffic_cone", [PROPOSED, ACTIVE, RESOLVED, CLOSED], [PRIORITY, ...plain("Microsoft.VSTS.Scheduling.TargetDate")]),
    type("Review", "Review", "4F9FF0", "icon_review", [ACTIVE, CLOSED], []),
    type("Risk", "Risk", "B4009E", "icon_traffic_cone", [PROPOSED, ACTIVE, CLOSED], [PRIORITY, ...plain("Microsoft.VSTS.CMMI.Probability")]),
    ...TEST_TYPES,
  ],
  categories: [
    { referenceName: "Microsoft.EpicCategory", name: "Epic Category", types: ["Epic"] },
    { referenceName: "Microsoft.FeatureCategory", name: "Feature Category", types: ["Feature"] },
    { referenceName: "Microsoft.RequirementCategory", name: "Requirement Category", types: ["Requirement"] },
    { referenceName: "Microsoft.TaskCategory", name: "Task Category", types: ["Task"] },
    { referenceName: "Microsoft.BugCategory", name: "Bug Category", types: ["Bug"] },
    { referenceName: "Microsoft.ChangeRequestCategory", name: "Change Request Category", types: ["Change Request"] },
    ...TEST_CATEGORIES,
  ],
};

const TO_DO = state("To Do", "Proposed", GREY);
const DOING = state("Doing", "InProgress", BLUE);
const BASIC: SystemProcessDefinition = {
  id: BASIC_PROCESS_ID,
  name: "Basic",
  referenceName: "Basic",
  description: "This template is the simplest model that uses Issues, Tasks and Epics to track work.",
  isDefault: false,
  types: [
    type("Epic", "Epic", "FF7B00", "icon_crown", [TO_DO, DOING, DONE], [PRIORITY, ...plain("Microsoft.VSTS.Scheduling.Effort", "Microsoft.VSTS.Scheduling.StartDate", "Microsoft.VSTS.Scheduling.TargetDate")]),
    type("Issue", "Issue", "339947", "icon_clipboard", [TO_DO, DOING, DONE], [PRIORITY, ...plain("Microsoft.VSTS.Scheduling.Effort")]),
    type("Task", "Task", "F2CB1D", "icon_check_box", [TO_DO, DOING, DONE], [PRIORITY, ...plain("Microsoft.VSTS.Scheduling.RemainingWork", "Microsoft.VSTS.Common.Activity")]),
    ...TEST_TYPES,
  ],
  categories: [
    { referenceName: "Microsoft.EpicCategory", name: "Epic Category", types: ["Epic"] },
    { referenceName: "Microsoft.RequirementCategory", name: "Requirement Category", types: ["Issue"] },
    { referenceName: "Microsoft.TaskCategory", name: "Task Category", types: ["Task"] },
    ...TEST_CATEGORIES,
  ],
};

export const SYSTEM_PROCESSES: readonly SystemProcessDefinition[] = [AGILE, SCRUM, CMMI, BASIC];

/** A custom work item type as ADO creates it in an inherited process: the common fields and New/Active/Closed. */
export function customTypeDefinition(referenceName: string, name: string, description: string, color: string, icon: string): WorkItemTypeDefinition {
  return { referenceName, name, description, color, icon, states: [NEW, ACTIVE, CLOSED], fields: [...COMMON_FIELDS, ...LIFECYCLE_FIELDS, PRIORITY] };
}

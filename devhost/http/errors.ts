// Errors shaped as Azure DevOps returns them (a serialised WrappedException). Status codes, type keys
// and message texts follow the exception maps and resource strings of Azure DevOps Server 2022
// (WorkItemTrackingApiController, ExtensionDataController, TfsApiController); see devhost/README.md.

export interface AdoErrorBody {
  $id: "1";
  innerException: null;
  message: string;
  typeName: string;
  typeKey: string;
  errorCode: number;
  eventId: number;
  customProperties?: Record<string, unknown>;
}

export class AdoError extends Error {
  constructor(
    readonly status: number,
    readonly typeKey: string,
    message: string,
    readonly options: { namespace?: string; errorCode?: number; customProperties?: Record<string, unknown>; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.name = typeKey;
  }

  toBody(): AdoErrorBody {
    const namespace = this.options.namespace ?? "Microsoft.VisualStudio.Services.WebApi";
    const body: AdoErrorBody = {
      $id: "1",
      innerException: null,
      message: this.message,
      typeName: `${namespace}.${this.typeKey}, ${namespace}`,
      typeKey: this.typeKey,
      errorCode: this.options.errorCode ?? 0,
      eventId: 3000,
    };
    if (this.options.customProperties) body.customProperties = this.options.customProperties;
    return body;
  }
}

const WIT = "Microsoft.TeamFoundation.WorkItemTracking.Server";
const CORE = "Microsoft.TeamFoundation.Core.WebApi";
const EXTMGMT = "Microsoft.VisualStudio.Services.ExtensionManagement.WebApi";
const PROCESS = "Microsoft.Azure.Boards.ProcessTemplates";
const TCM = "Microsoft.TeamFoundation.TestManagement.WebApi";
/** Error code ADO attaches to field rule failures. */
const FIELD_RULE_ERROR_CODE = 600171;

export const Errors = {
  // --- platform ---
  unauthorized: () =>
    new AdoError(401, "UnauthorizedRequestException", "TF400813: The user '' is not authorized to access this resource.", {
      namespace: "Microsoft.TeamFoundation.Framework.Server",
      headers: { "WWW-Authenticate": 'Bearer authorization_uri=/_devhost/token, Basic realm="devhost"' },
    }),
  versionNotSpecified: (method: string) =>
    new AdoError(
      400,
      "VssVersionNotSpecifiedException",
      `No api-version was supplied for the "${method}" request. The version must be supplied either as part of the Accept header (e.g. "application/json; api-version=1.0") or as a query parameter (e.g. '?api-version=1.0').`,
    ),
  versionOutOfRange: (version: string, max: string) =>
    new AdoError(
      400,
      "VssVersionOutOfRangeException",
      `The requested REST API version of ${version} is out of range for this server. The latest REST API version this server supports is ${max}.`,
    ),
  invalidVersion: (version: string) =>
    new AdoError(400, "VssInvalidApiResourceVersionException", `Invalid api version string: "${version}". Api version string must be in the format: {Major}.{Minor}[-preview[.{ResourceVersion}]].`),
  resourceNotFound: (path: string) =>
    new AdoError(404, "VssResourceNotFoundException", `API resource location ${path} is not registered on this host.`),
  badRequest: (message: string, typeKey = "ArgumentException", namespace = "System") =>
    new AdoError(400, typeKey, message, { namespace }),
  requestBodyInvalid: (detail: string) =>
    new AdoError(400, "VssRequestContentTypeNotSupportedException", `The request body could not be read as JSON: ${detail}`),
  organizationNotFound: (name: string) =>
    new AdoError(404, "OrganizationNotFoundException", `The organization '${name}' is not served by this host.`),

  // --- core ---
  projectNotFound: (nameOrId: string) =>
    new AdoError(
      404,
      "ProjectDoesNotExistWithNameException",
      `TF200016: The following project does not exist: ${nameOrId}. Verify that the name of the project is correct and that the project exists on the specified Azure DevOps Server.`,
      { namespace: CORE },
    ),
  projectRequired: () =>
    new AdoError(404, "ProjectDoesNotExistException", "This resource is project-scoped: call it as {organization}/{project}/_apis/...", { namespace: CORE }),
  teamNotFound: (name: string) =>
    new AdoError(404, "TeamNotFoundException", `The team with id or name ${name} does not exist.`, { namespace: CORE }),

  // --- work items ---
  workItemNotFound: (id: number | string) =>
    new AdoError(404, "WorkItemUnauthorizedAccessException", `TF401232: Work item ${id} does not exist, or you do not have permissions to read it.`, {
      namespace: WIT,
    }),
  workItemRevisionNotFound: (id: number, rev: number) =>
    new AdoError(404, "WorkItemIdRevisionNotFoundException", `TF401232: Work item ${id} revision ${rev} does not exist.`, { namespace: WIT }),
  workItemPageSizeExceeded: (requested: number, limit: number) =>
    new AdoError(400, "WorkItemPageSizeExceededException", `VS403474: You requested ${requested} work items which exceeds the limit of ${limit}`, {
      namespace: WIT,
    }),
  workItemTypeNotFound: (project: string, type: string) =>
    new AdoError(404, "WorkItemTypeNotFoundException", `VS402323: Work item type ${type} does not exist in project ${project} or you do not have permission to access it.`, {
      namespace: WIT,
    }),
  categoryNotFound: (project: string, category: string) =>
    new AdoError(404, "WorkItemTypeCategoryNotFoundException", `VS402325: Work item type category ${category} does not exist in project ${project} or you do not have access to it.`, { namespace: WIT }),
  fieldNotFound: (field: string) =>
    new AdoError(400, "WorkItemTrackingFieldDefinitionNotFoundException", `TF51535: Cannot find field ${field}.`, { namespace: WIT }),
  fieldNotFoundForRead: (field: string) =>
    new AdoError(404, "WorkItemTrackingFieldDefinitionNotFoundException", `TF51535: Cannot find field ${field}.`, { namespace: WIT }),
  fieldInvalid: (field: string, status: string) =>
    new AdoError(400, "WorkItemFieldInvalidException", `TF401326: Invalid field status '${status}' for field '${field}'.`, {
      namespace: WIT,
      errorCode: FIELD_RULE_ERROR_CODE,
      customProperties: { ReferenceName: field },
    }),
  ruleValidation: (fieldReferenceName: string, fieldName: string, flags: string[], value?: unknown) => {
    const message = flags.includes("InvalidListValue")
      ? `The field '${fieldName}' contains the value '${String(value)}' that is not in the list of supported values`
      : `TF401320: Rule Error for field ${fieldName}. Error code: ${flags.join(", ")}.`;
    return new AdoError(400, "RuleValidationException", message, {
      namespace: WIT,
      errorCode: FIELD_RULE_ERROR_CODE,
      customProperties: { FieldReferenceName: fieldReferenceName, FieldStatusFlags: flags.join(", "), ErrorMessage: message },
    });
  },
  patchOperationFailed: (message: string) =>
    new AdoError(400, "PatchOperationFailedException", message, { namespace: "Microsoft.VisualStudio.Services.WebApi.Patch" }),
  testOperationFailed: (path: string, actual: unknown, expected: unknown) =>
    new AdoError(
      412,
      "TestPatchOperationFailedException",
      `VS403351: Test Operation for path ${path} failed, value ${display(actual)} was not equal to test value ${display(expected)}.`,
      { namespace: "Microsoft.VisualStudio.Services.WebApi.Patch" },
    ),
  relationExists: () =>
    new AdoError(400, "RelationAlreadyExistsException", "Relation already exists.", { namespace: WIT }),
  extraParent: (parentId: number, childId: number) =>
    new AdoError(400, "WorkItemLinkAddExtraParentException", `TF201036: You cannot add a Child link between work items ${parentId} and ${childId} because a work item can have only one Parent link.`, {
      namespace: WIT,
    }),
  linkTargetNotFound: (id: number | string) =>
    new AdoError(404, "WorkItemLinkEndUnauthorizedAccessException", `TF401232: Work item ${id} does not exist, or you do not have permissions to read it.`, {
      namespace: WIT,
    }),
  conflictingParameters: (message: string) => new AdoError(400, "ConflictingParametersException", message, { namespace: WIT }),

  // --- queries ---
  wiqlSyntax: (message: string) => new AdoError(400, "SyntaxException", message, { namespace: "Microsoft.TeamFoundation.WorkItemTracking.Client.Wiql" }),
  queryResultSizeLimitExceeded: (limit: number) =>
    new AdoError(
      400,
      "WorkItemTrackingQueryResultSizeLimitExceededException",
      `VS402337: The number of work items returned exceeds the size limit of ${limit}. Change the query to return fewer items.`,
      { namespace: WIT },
    ),

  // --- processes ---
  processPermission: (userName: string) =>
    new AdoError(
      403,
      "ProcessPermissionException",
      `VS402356: You do not have the permissions required to perform the attempted operation on this process. ${userName} needs the 'Edit process' permission (Project Collection Administrators).`,
      { namespace: PROCESS, errorCode: 402356 },
    ),
  systemProcessReadOnly: () =>
    new AdoError(400, "InvalidOperationException", "VS402804: You cannot customize a system process. To begin customizing, you must first create an inherited process.", {
      namespace: "System",
    }),
  processNotFound: (id: string) => new AdoError(404, "ProcessNotFoundByTypeIdException", `VS402362: No process template with type ${id} was found.`, { namespace: WIT }),
  processMustInheritFromSystem: () =>
    new AdoError(
      400,
      "ArgumentException",
      "VS402372: Inherited processes must inherit from a system process: Agile, Scrum, or CMMI. Choose one of these processes and try again.",
      { namespace: "System" },
    ),
  processNameExists: (name: string) => new AdoError(400, "ProcessNameConflictException", `VS402358: There is an existing process template with name ${name}.`, { namespace: PROCESS }),
  processWorkItemTypeNotFound: (witRef: string, processName: string) =>
    new AdoError(404, "ProcessWorkItemTypeDoesNotExistException", `VS402805: Cannot find work item type with reference name '${witRef}' in process named '${processName}'.`, { namespace: WIT }),
  processWorkItemTypeFieldNotFound: (field: string, witRef: string) =>
    new AdoError(404, "ProcessWorkItemTypeFieldDoesNotExistException", `VS402645: The field ${field} does not exists in work item type ${witRef}`, { namespace: WIT }),
  workItemTypeNameExists: () => new AdoError(400, "WorkItemTypeNameAlreadyExistsException", "VS402343: Work item type name already exists", { namespace: WIT }),
  fieldAlreadyExists: () =>
    new AdoError(400, "ProcessFieldAlreadyExistsException", "VS402811: Field name or reference name you specified is already in use, choose a different name.", { namespace: WIT }),
  picklistNotFound: (id: string) => new AdoError(404, "WorkItemPickListNotFoundException", `VS402849: Could not find picklist with ID ${id}.`, { namespace: WIT }),
  pageNotFound: (id: string, witRef: string) => new AdoError(400, "FormLayoutPageDoesNotExistException", `VS402815: The page '${id}' does not exists in work item type ${witRef}`, { namespace: WIT }),
  sectionNotFound: (id: string, witRef: string) => new AdoError(400, "FormLayoutSectionDoesNotExistException", `VS402816: The section id ${id} does not exists in work item type ${witRef}`, { namespace: WIT }),
  groupNotFound: (id: string, witRef: string) => new AdoError(404, "FormLayoutGroupDoesNotExistException", `VS402646: The group '${id}' does not exist in work item type ${witRef}`, { namespace: WIT }),
  groupExists: (label: string, page: string) => new AdoError(400, "FormLayoutGroupAlreadyExistsException", `VS403113: A group with label '${label}' already exists in page '${page}'.`, { namespace: WIT }),
  controlExists: (id: string, group: string) =>
    new AdoError(400, "FormLayoutControlAlreadyExistInGroupException", `VS403111: The control ${id} already exists in group '${group}'.`, { namespace: WIT }),

  // --- test management (messages as the test service words them: "Test plan 52397 not found.") ---
  testObjectNotFound: (message: string) => new AdoError(404, "TestObjectNotFoundException", message, { namespace: TCM }),
  testPlanNotFound: (id: number | string) => new AdoError(404, "TestObjectNotFoundException", `Test plan ${id} not found.`, { namespace: TCM }),
  testSuiteNotFound: (id: number | string) => new AdoError(404, "TestObjectNotFoundException", `Test suite ${id} not found.`, { namespace: TCM }),
  testSuiteNotInPlan: (suiteId: number | string, planId: number | string) =>
    new AdoError(404, "TestObjectNotFoundException", `Test suite ${suiteId} does not exist in test plan ${planId}.`, { namespace: TCM }),
  testRunNotFound: (id: number | string) => new AdoError(404, "TestObjectNotFoundException", `Test run ${id} not found.`, { namespace: TCM }),
  testResultNotFound: (runId: number, id: number | string) =>
    new AdoError(404, "TestObjectNotFoundException", `Test result ${id} not found in test run ${runId}.`, { namespace: TCM }),
  testPointNotFound: (id: number | string, suiteId?: number) =>
    new AdoError(404, "TestObjectNotFoundException", suiteId === undefined ? `Test point ${id} not found.` : `Test point ${id} not found in test suite ${suiteId}.`, { namespace: TCM }),
  invalidTestProperty: (message: string) => new AdoError(400, "InvalidPropertyException", message, { namespace: TCM }),
  testArgument: (message: string) => new AdoError(400, "ArgumentException", message, { namespace: "System" }),

  // --- extension data ---
  documentNotFound: (id: string, collection: string, scopeType: string, scopeValue: string) =>
    new AdoError(404, "DocumentDoesNotExistException", `TF1590005: Document with id ${id} does not exist in collection ${collection} for ${scopeType} = ${scopeValue}`, {
      namespace: EXTMGMT,
    }),
  documentExists: (id: string, collection: string, scopeType: string, scopeValue: string) =>
    new AdoError(400, "DocumentExistsException", `TF1590004: Document with id ${id} already exists in collection ${collection} for ${scopeType} = ${scopeValue}`, {
      namespace: EXTMGMT,
    }),
  documentVersionMismatch: (id: string, collection: string, scopeType: string, scopeValue: string) =>
    new AdoError(
      400,
      "InvalidDocumentVersionException",
      `TF1590007: Document version with id ${id} in collection ${collection} for ${scopeType} = ${scopeValue} does not match current value`,
      { namespace: EXTMGMT },
    ),
};

function display(value: unknown): string {
  if (value === undefined || value === null) return "";
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

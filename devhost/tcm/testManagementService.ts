// Test management as Azure DevOps does it: plans and suites are also work items (same ids), adding a
// test case to a suite makes one point per configuration, and a result with an outcome sets its
// point's outcome, last result and history. Callers run every write in one transaction, so an
// error anywhere in a request leaves the store unchanged.
import type { RequestContext } from "../http/context";
import { Errors } from "../http/errors";
import { identityValue, User } from "../store/identities";
import type { Project } from "../store/projects";
import {
  SuiteTestCaseRecord,
  TestPlanRecord,
  TestPointRecord,
  TestResultRecord,
  TestRunRecord,
  TestSuiteRecord,
} from "../store/testPlans";
import type { FieldValue } from "../store/workItems";
import { WorkItemService } from "../wit/workItemService";
import { parseOutcome, parseResultState, parseRunState, parseSuiteType, pointStateFor, SUITE_TYPE_WORK_ITEM } from "./enums";

const TESTED_BY = "Microsoft.VSTS.Common.TestedBy-Forward";
const DAY = 86_400_000;
/** The configuration every new Azure DevOps project has, made when a project needs one. */
const DEFAULT_CONFIGURATION = { name: "Windows 10", description: "Default operating system for testing", values: [{ name: "Operating System", value: "Windows 10" }] };

type Body = Record<string, unknown>;

export class TestManagementService {
  private readonly now = new Date().toISOString();

  constructor(private readonly ctx: RequestContext) {}

  private get store() {
    return this.ctx.store.testPlans;
  }

  // --- lookups ---

  requirePlan(project: Project, raw: string | number | undefined): TestPlanRecord {
    const id = parseId(raw, "plan id");
    const plan = this.store.plan(id);
    if (!plan || plan.projectId !== project.id) throw Errors.testPlanNotFound(id);
    return plan;
  }

  requireSuite(plan: TestPlanRecord, raw: string | number | undefined): TestSuiteRecord {
    const id = parseId(raw, "suite id");
    const suite = this.store.suite(id);
    if (!suite) throw Errors.testSuiteNotFound(id);
    if (suite.planId !== plan.id) throw Errors.testSuiteNotInPlan(id, plan.id);
    return suite;
  }

  requireRun(project: Project, raw: string | number | undefined): TestRunRecord {
    const id = parseId(raw, "run id");
    const run = this.store.run(id);
    if (!run || run.projectId !== project.id) throw Errors.testRunNotFound(id);
    return run;
  }

  // --- plans and suites ---

  createPlan(project: Project, body: unknown): TestPlanRecord {
    const b = objectBody(body, "test plan");
    const name = requiredText(b.name, "name");
    const owner = b.owner === undefined || b.owner === null ? this.ctx.user : this.resolveUser(b.owner, "owner");
    const startDate = b.startDate === undefined || b.startDate === null ? this.now : parseDate(b.startDate, "startDate");
    const endDate = b.endDate === undefined || b.endDate === null ? new Date(Date.parse(startDate) + 7 * DAY).toISOString() : parseDate(b.endDate, "endDate");
    if (endDate < startDate) throw Errors.invalidTestProperty("The end date of a test plan must not be before its start date.");
    const state = b.state === undefined || b.state === null ? "Active" : requiredText(b.state, "state");
    if (!["active", "inactive"].includes(state.toLowerCase())) throw Errors.invalidTestProperty(`The state '${state}' is not valid for a test plan. Valid values are: Active, Inactive.`);
    const areaPath = optionalText(b.areaPath) ?? project.name;
    const iteration = optionalText(b.iteration) ?? project.name;
    const description = optionalText(b.description) ?? "";

    const item = this.createWorkItem(project, "Microsoft.TestPlanCategory", {
      "System.Title": name,
      "System.State": state.toLowerCase() === "active" ? "Active" : "Inactive",
      "System.AreaPath": areaPath,
      "System.IterationPath": iteration,
      "System.AssignedTo": identityValue(owner),
      "System.Description": description,
      "Microsoft.VSTS.Scheduling.StartDate": startDate,
      "Microsoft.VSTS.Scheduling.FinishDate": endDate,
    });
    const plan: TestPlanRecord = {
      id: item.id,
      projectId: project.id,
      name,
      description,
      areaPath: String(item.fields["System.AreaPath"]),
      iteration: String(item.fields["System.IterationPath"]),
      state: String(item.fields["System.State"]),
      startDate,
      endDate,
      ownerId: owner.id,
      revision: 1,
      createdDate: this.now,
      updatedDate: this.now,
      updatedById: this.ctx.user.id,
    };
    this.store.insertPlan(plan);
    const root = this.insertSuite(project, plan, { name, suiteType: "staticTestSuite", order: 0, inheritDefaultConfigurations: true, defaultConfigurationIds: [], defaultTesterIds: [] });
    this.store.setRootSuite(plan.id, root.id);
    return { ...plan, rootSuiteId: root.id };
  }

  createSuite(project: Project, plan: TestPlanRecord, body: unknown): TestSuiteRecord {
    const b = objectBody(body, "test suite");
    if (b.suiteType === undefined || b.suiteType === null) throw Errors.testArgument("The suite type (suiteType) is required: staticTestSuite, requirementTestSuite or dynamicTestSuite.");
    const suiteType = parseSuiteType(b.suiteType);
    const parentId = (b.parentSuite as Body | undefined)?.id;
    if (parentId === undefined || parentId === null) throw Errors.testArgument("The parent suite (parentSuite.id) is required.");
    const parent = this.requireSuite(plan, parentId as string | number);
    if (parent.suiteType !== "staticTestSuite") throw Errors.invalidTestProperty(`Test suite ${parent.id} is not a static suite: suites can only be created under static suites.`);

    let name = optionalText(b.name);
    let requirementId: number | undefined;
    let queryString: string | undefined;
    if (suiteType === "requirementTestSuite") {
      requirementId = parseId(b.requirementId as string | number | undefined, "requirementId");
      const requirement = this.ctx.store.workItems.get(requirementId);
      if (!requirement) throw Errors.workItemNotFound(requirementId);
      if (!this.isOfCategory(project, requirement.fields["System.WorkItemType"], "Microsoft.RequirementCategory")) {
        throw Errors.invalidTestProperty(`Work item ${requirementId} is a ${String(requirement.fields["System.WorkItemType"])}: a requirement-based suite needs a work item of the Requirement category.`);
      }
      name ??= `${requirementId} : ${String(requirement.fields["System.Title"] ?? "")}`;
    } else if (suiteType === "dynamicTestSuite") {
      queryString = requiredText(b.queryString, "queryString");
    }
    if (!name) throw Errors.testArgument("The suite name (name) is required.");

    const configurations = Array.isArray(b.defaultConfigurations) ? b.defaultConfigurations.map((c) => this.requireConfiguration(project, (c as Body)?.id)) : [];
    const testers = Array.isArray(b.defaultTesters) ? b.defaultTesters.map((t) => this.resolveUser(t, "default tester").id) : [];
    const inherit = typeof b.inheritDefaultConfigurations === "boolean" ? b.inheritDefaultConfigurations : configurations.length === 0;
    const suite = this.insertSuite(project, plan, {
      name,
      suiteType,
      parentSuiteId: parent.id,
      requirementId,
      queryString,
      order: this.store.nextSiblingOrder(plan.id, parent.id),
      inheritDefaultConfigurations: inherit,
      defaultConfigurationIds: configurations,
      defaultTesterIds: testers,
    });
    this.store.touchSuite(parent.id, this.now, this.ctx.user.id);
    if (suiteType === "requirementTestSuite") {
      const linked = this.ctx.store.workItems
        .relations(requirementId!)
        .filter((r) => r.rel.toLowerCase() === TESTED_BY.toLowerCase() && r.targetId !== undefined)
        .map((r) => r.targetId!);
      const testCases = [...this.ctx.store.workItems.getMany(linked).values()].filter((item) => this.isOfCategory(project, item.fields["System.WorkItemType"], "Microsoft.TestCaseCategory"));
      for (const item of testCases.sort((a, b) => a.id - b.id)) this.placeTestCase(project, suite, item.id, []);
    }
    if (suiteType === "dynamicTestSuite") this.populate(project, suite);
    return this.store.suite(suite.id)!;
  }

  /** Adds test cases by work item id, each with a point per configuration (the suite's defaults when none are given). */
  addTestCases(project: Project, suite: TestSuiteRecord, body: unknown): SuiteTestCaseRecord[] {
    if (!Array.isArray(body) || body.length === 0) throw Errors.testArgument("The body must be a list of test cases to add: [{ workItem: { id }, pointAssignments: [{ configurationId }] }].");
    if (suite.suiteType === "dynamicTestSuite") throw Errors.invalidTestProperty(`Test suite ${suite.id} is query-based: its test cases come from its query and cannot be added by hand.`);
    const added: SuiteTestCaseRecord[] = [];
    for (const entry of body as Body[]) {
      const id = parseId((entry?.workItem as Body | undefined)?.id as string | number | undefined, "workItem.id");
      const item = this.ctx.store.workItems.get(id);
      if (!item) throw Errors.workItemNotFound(id);
      if (!this.isOfCategory(project, item.fields["System.WorkItemType"], "Microsoft.TestCaseCategory")) {
        throw Errors.invalidTestProperty(`Work item ${id} is a ${String(item.fields["System.WorkItemType"])}, not a test case: only work items of the Test Case category can be added to a test suite.`);
      }
      const assignments = Array.isArray(entry.pointAssignments)
        ? (entry.pointAssignments as Body[]).map((a) => ({
            configurationId: this.requireConfiguration(project, a?.configurationId ?? (a?.configuration as Body | undefined)?.id),
            testerId: a?.tester ? this.resolveUser(a.tester, "tester").id : undefined,
          }))
        : [];
      added.push(this.placeTestCase(project, suite, id, assignments));
      if (suite.suiteType === "requirementTestSuite" && suite.requirementId !== undefined && !this.ctx.store.workItems.findLink(suite.requirementId, TESTED_BY, id)) {
        new WorkItemService(this.ctx).update(suite.requirementId, [{ op: "add", path: "/relations/-", value: { rel: TESTED_BY, url: this.ctx.urls.workItem(id) } }]);
      }
    }
    this.store.touchSuite(suite.id, this.now, this.ctx.user.id);
    return added;
  }

  /** A query-based suite holds the test cases its query returns now. */
  populate(project: Project, suite: TestSuiteRecord): void {
    if (suite.suiteType !== "dynamicTestSuite" || !suite.queryString) return;
    const result = this.ctx.wiql.run(this.ctx.store, suite.queryString, { user: this.ctx.user, projectName: project.name });
    const items = this.ctx.store.workItems.getMany(result.workItemIds ?? (result.workItemLinks ?? []).map((l) => l.targetId));
    const wanted = new Set([...items.values()].filter((item) => this.isOfCategory(project, item.fields["System.WorkItemType"], "Microsoft.TestCaseCategory")).map((item) => item.id));
    const current = new Set(this.store.suiteTestCases(suite.id).map((entry) => entry.testCaseId));
    for (const id of current) if (!wanted.has(id)) this.store.removeSuiteTestCase(suite.id, id);
    for (const id of [...wanted].sort((a, b) => a - b)) if (!current.has(id)) this.placeTestCase(project, suite, id, []);
    this.store.touchSuite(suite.id, this.now, this.ctx.user.id, true);
  }

  // --- points ---

  /** Tester, reset to active, or outcome (recorded as a result of a run made for it, as ADO does). */
  updatePoints(project: Project, plan: TestPlanRecord, suite: TestSuiteRecord, body: unknown): TestPointRecord[] {
    if (!Array.isArray(body) || body.length === 0) throw Errors.testArgument("The body must be a list of point updates: [{ id, results: { outcome }, isActive, tester }].");
    const updates = (body as Body[]).map((entry) => {
      const id = parseId(entry?.id as string | number | undefined, "id");
      const point = this.store.point(id);
      if (!point || point.suiteId !== suite.id) throw Errors.testPointNotFound(id, suite.id);
      const rawOutcome = (entry.results as Body | undefined)?.outcome;
      const outcome = rawOutcome === undefined || rawOutcome === null ? undefined : parseOutcome(rawOutcome);
      const tester = entry.tester === undefined || entry.tester === null ? undefined : this.resolveUser(entry.tester, "tester");
      return { point, outcome, tester, reset: entry.isActive === true };
    });
    let run: TestRunRecord | undefined;
    const updated: TestPointRecord[] = [];
    for (const update of updates) {
      let point = this.store.point(update.point.id)!;
      if (update.tester) {
        point = { ...point, testerId: update.tester.id, revision: point.revision + 1, lastUpdatedDate: this.now, lastUpdatedById: this.ctx.user.id };
        this.store.updatePoint(point);
      }
      if (update.reset || update.outcome === "None") {
        point = this.resetPoint(point);
      } else if (update.outcome !== undefined && update.outcome !== "Unspecified") {
        run ??= this.store.insertRun({
          projectId: project.id,
          name: `${suite.name} (outcome set)`,
          planId: plan.id,
          state: "Completed",
          isAutomated: false,
          ownerId: this.ctx.user.id,
          iteration: plan.iteration,
          comment: "",
          errorMessage: "",
          createdDate: this.now,
          startedDate: this.now,
          completedDate: this.now,
          lastUpdatedDate: this.now,
          lastUpdatedById: this.ctx.user.id,
          revision: 1,
        });
        const result = this.newResult(run, point, { outcome: update.outcome, state: "Completed", runById: this.ctx.user.id, completedDate: this.now, startedDate: this.now });
        this.store.insertResult(result);
        this.applyResultToPoint(result);
        point = this.store.point(point.id)!;
      }
      updated.push(point);
    }
    return updated;
  }

  // --- runs and results ---

  createRun(project: Project, body: unknown): TestRunRecord {
    const b = objectBody(body, "test run");
    const name = requiredText(b.name, "name");
    const planId = (b.plan as Body | undefined)?.id;
    const plan = planId === undefined || planId === null ? undefined : this.requirePlan(project, planId as string | number);
    const pointIds = b.pointIds === undefined || b.pointIds === null ? [] : requiredIdList(b.pointIds, "pointIds");
    if (pointIds.length > 0 && !plan) throw Errors.testArgument("A run of test points needs the test plan they belong to (plan.id).");
    const points = [...new Set(pointIds)].map((id) => this.pointOfPlan(id, plan!));
    const state = b.state === undefined || b.state === null ? "NotStarted" : parseRunState(b.state);
    const owner = b.owner ? this.resolveUser(b.owner, "owner") : this.ctx.user;
    const started = b.startDate ?? b.startedDate;
    const startedDate = started ? parseDate(started, "startDate") : state === "NotStarted" ? undefined : this.now;
    const completedDate = state === "Completed" || state === "Aborted" ? (b.completeDate ? parseDate(b.completeDate, "completeDate") : this.now) : undefined;
    const run = this.store.insertRun({
      projectId: project.id,
      name,
      planId: plan?.id,
      state,
      isAutomated: b.automated === true || b.isAutomated === true,
      ownerId: owner.id,
      iteration: optionalText(b.iteration) ?? plan?.iteration,
      comment: optionalText(b.comment) ?? "",
      errorMessage: optionalText(b.errorMessage) ?? "",
      createdDate: this.now,
      startedDate,
      completedDate,
      lastUpdatedDate: this.now,
      lastUpdatedById: this.ctx.user.id,
      revision: 1,
    });
    for (const point of points) this.store.insertResult(this.newResult(run, point, { outcome: "Unspecified", state: "Pending" }));
    return run;
  }

  /** Name, comment, state; completing an already completed run changes nothing. */
  updateRun(run: TestRunRecord, body: unknown): TestRunRecord {
    const b = objectBody(body, "test run update");
    const next: TestRunRecord = { ...run };
    if (b.name !== undefined && b.name !== null) next.name = requiredText(b.name, "name");
    if (b.comment !== undefined && b.comment !== null) next.comment = String(b.comment);
    if (b.errorMessage !== undefined && b.errorMessage !== null) next.errorMessage = String(b.errorMessage);
    if (b.startedDate !== undefined && b.startedDate !== null) next.startedDate = parseDate(b.startedDate, "startedDate");
    if (b.state !== undefined && b.state !== null) {
      const state = parseRunState(b.state);
      if (state !== run.state) {
        next.state = state;
        if (state === "InProgress") next.startedDate ??= this.now;
        if (state === "Completed" || state === "Aborted") {
          next.completedDate = b.completedDate ? parseDate(b.completedDate, "completedDate") : this.now;
          next.startedDate ??= next.completedDate;
        }
      }
    }
    const changed = (Object.keys(next) as (keyof TestRunRecord)[]).some((key) => next[key] !== run[key]);
    if (!changed) return run;
    next.revision = run.revision + 1;
    next.lastUpdatedDate = this.now;
    next.lastUpdatedById = this.ctx.user.id;
    this.store.updateRun(next);
    return next;
  }

  addResults(run: TestRunRecord, body: unknown): TestResultRecord[] {
    if (!Array.isArray(body) || body.length === 0) throw Errors.testArgument("The body must be a list of results: [{ testPoint: { id }, outcome, state }].");
    let current = run;
    const added: TestResultRecord[] = [];
    let nextId = this.store.nextResultId(run.id);
    for (const entry of body as Body[]) {
      const pointId = (entry?.testPoint as Body | undefined)?.id;
      if (pointId === undefined || pointId === null) throw Errors.testArgument("Each result needs the test point it records (testPoint.id).");
      if (current.planId === undefined) {
        const point = this.store.point(parseId(pointId as string | number, "testPoint.id"));
        if (!point || point.projectId !== run.projectId) throw Errors.testPointNotFound(String(pointId));
        current = { ...current, planId: point.planId };
        this.store.updateRun(current);
      }
      const point = this.pointOfPlan(parseId(pointId as string | number, "testPoint.id"), this.store.plan(current.planId!)!);
      const fields = this.resultFields(entry, undefined);
      const result = this.newResult(current, point, fields, nextId++);
      this.store.insertResult(result);
      this.applyResultToPoint(result);
      added.push(result);
    }
    if (current.state === "NotStarted") this.store.updateRun({ ...current, state: "InProgress", startedDate: current.startedDate ?? this.now, lastUpdatedDate: this.now, revision: current.revision + 1 });
    return added;
  }

  updateResults(run: TestRunRecord, body: unknown): TestResultRecord[] {
    if (!Array.isArray(body) || body.length === 0) throw Errors.testArgument("The body must be a list of result updates: [{ id, outcome, state }].");
    const updated: TestResultRecord[] = [];
    for (const entry of body as Body[]) {
      const id = parseId(entry?.id as string | number | undefined, "id");
      const existing = this.store.result(run.id, id);
      if (!existing) throw Errors.testResultNotFound(run.id, id);
      const result: TestResultRecord = { ...existing, ...this.resultFields(entry, existing), revision: existing.revision + 1, lastUpdatedDate: this.now, lastUpdatedById: this.ctx.user.id };
      this.store.updateResult(result);
      this.applyResultToPoint(result);
      updated.push(result);
    }
    return updated;
  }

  // --- internals ---

  private createWorkItem(project: Project, category: string, fields: Record<string, FieldValue | undefined>) {
    const typeName = this.ctx.store.processes.categories(project.processId).find((c) => c.referenceName === category)?.types[0];
    if (!typeName) throw Errors.workItemTypeNotFound(project.name, category);
    const operations = Object.entries(fields)
      .filter(([, value]) => value !== undefined && value !== "")
      .map(([field, value]) => ({ op: "add", path: `/fields/${field}`, value }));
    return new WorkItemService(this.ctx).create(project, typeName, operations, { bypassRules: false });
  }

  private insertSuite(
    project: Project,
    plan: TestPlanRecord,
    suite: Pick<TestSuiteRecord, "name" | "suiteType" | "order" | "inheritDefaultConfigurations" | "defaultConfigurationIds" | "defaultTesterIds"> &
      Partial<Pick<TestSuiteRecord, "parentSuiteId" | "requirementId" | "queryString">>,
  ): TestSuiteRecord {
    const kind = SUITE_TYPE_WORK_ITEM[suite.suiteType];
    const item = this.createWorkItem(project, "Microsoft.TestSuiteCategory", {
      "System.Title": suite.name,
      "System.State": "In Progress",
      "System.AreaPath": plan.areaPath,
      "System.IterationPath": plan.iteration,
      "Microsoft.VSTS.TCM.TestSuiteType": kind.name,
      "Microsoft.VSTS.TCM.TestSuiteTypeId": kind.id,
      "Microsoft.VSTS.TCM.QueryText": suite.queryString,
    });
    const record: TestSuiteRecord = {
      ...suite,
      id: item.id,
      planId: plan.id,
      state: "In Progress",
      revision: 1,
      lastUpdatedDate: this.now,
      lastUpdatedById: this.ctx.user.id,
      lastPopulatedDate: suite.suiteType === "dynamicTestSuite" ? this.now : undefined,
    };
    this.store.insertSuite(record);
    return record;
  }

  /** Puts a test case in a suite (if it is not there) and makes its missing points. */
  private placeTestCase(project: Project, suite: TestSuiteRecord, testCaseId: number, assignments: { configurationId: number; testerId?: string }[]): SuiteTestCaseRecord {
    const existing = this.store.suiteTestCases(suite.id).find((entry) => entry.testCaseId === testCaseId);
    const entry = existing ?? this.store.addSuiteTestCase({ suiteId: suite.id, testCaseId, addedDate: this.now });
    const defaultTester = this.effectiveTesters(suite)[0];
    const wanted = assignments.length > 0 ? assignments : this.effectiveConfigurations(project, suite).map((configurationId) => ({ configurationId, testerId: undefined }));
    const have = new Set(this.store.pointsOfSuites([suite.id], { testCaseIds: [testCaseId] }).map((p) => p.configurationId));
    for (const assignment of wanted) {
      if (have.has(assignment.configurationId)) continue;
      have.add(assignment.configurationId);
      this.store.insertPoint({
        projectId: project.id,
        planId: suite.planId,
        suiteId: suite.id,
        testCaseId,
        configurationId: assignment.configurationId,
        testerId: assignment.testerId ?? defaultTester,
        outcome: "None",
        state: "Ready",
        comment: "",
        revision: 1,
        createdDate: this.now,
        lastUpdatedDate: this.now,
        lastUpdatedById: this.ctx.user.id,
      });
    }
    return entry;
  }

  /** The suite's default configurations, inherited up the tree; the project's defaults at the top. */
  private effectiveConfigurations(project: Project, suite: TestSuiteRecord): number[] {
    for (let s: TestSuiteRecord | undefined = suite; s; s = s.parentSuiteId === undefined ? undefined : this.store.suite(s.parentSuiteId)) {
      if (s.defaultConfigurationIds.length > 0 && (!s.inheritDefaultConfigurations || s.parentSuiteId === undefined)) return s.defaultConfigurationIds;
      if (!s.inheritDefaultConfigurations) break;
    }
    const defaults = this.store.configurations(project.id).filter((c) => c.isDefault && c.state === "Active");
    if (defaults.length > 0) return defaults.map((c) => c.id);
    return [this.store.insertConfiguration({ projectId: project.id, ...DEFAULT_CONFIGURATION, isDefault: true, state: "Active" }).id];
  }

  private effectiveTesters(suite: TestSuiteRecord): string[] {
    for (let s: TestSuiteRecord | undefined = suite; s; s = s.parentSuiteId === undefined ? undefined : this.store.suite(s.parentSuiteId)) {
      if (s.defaultTesterIds.length > 0) return s.defaultTesterIds;
    }
    return [];
  }

  private requireConfiguration(project: Project, raw: unknown): number {
    const id = parseId(raw as string | number | undefined, "configuration id");
    const configuration = this.store.configuration(id);
    if (!configuration || configuration.projectId !== project.id) throw Errors.testObjectNotFound(`Test configuration ${id} not found.`);
    return id;
  }

  private pointOfPlan(id: number, plan: TestPlanRecord): TestPointRecord {
    const point = this.store.point(id);
    if (!point || point.projectId !== plan.projectId) throw Errors.testPointNotFound(id);
    if (point.planId !== plan.id) throw Errors.invalidTestProperty(`Test point ${id} belongs to test plan ${point.planId}, not to test plan ${plan.id} of the run.`);
    return point;
  }

  private resetPoint(point: TestPointRecord): TestPointRecord {
    const reset: TestPointRecord = {
      ...point,
      outcome: "None",
      state: "Ready",
      lastRunId: undefined,
      lastResultId: undefined,
      lastResultState: undefined,
      lastResultCompletedDate: undefined,
      lastResultDurationMs: undefined,
      lastRunById: undefined,
      lastResetToActive: this.now,
      revision: point.revision + 1,
      lastUpdatedDate: this.now,
      lastUpdatedById: this.ctx.user.id,
    };
    this.store.updatePoint(reset);
    this.store.addHistory({ pointId: point.id, changedDate: this.now, outcome: "None", changedById: this.ctx.user.id });
    return reset;
  }

  /** A result with an outcome sets its point's outcome when it is the point's newest result. */
  private applyResultToPoint(result: TestResultRecord): void {
    if (result.pointId === undefined || result.outcome === "Unspecified") return;
    const point = this.store.point(result.pointId);
    if (!point) return;
    const isNewest = point.lastRunId === undefined || result.runId > point.lastRunId || (result.runId === point.lastRunId && result.id >= (point.lastResultId ?? 0));
    if (!isNewest) return;
    const when = result.completedDate ?? this.now;
    this.store.updatePoint({
      ...point,
      outcome: result.outcome,
      state: pointStateFor(result.outcome),
      lastRunId: result.runId,
      lastResultId: result.id,
      lastResultState: result.state,
      lastResultCompletedDate: result.completedDate,
      lastResultDurationMs: result.durationMs,
      lastRunById: result.runById,
      revision: point.revision + 1,
      lastUpdatedDate: this.now,
      lastUpdatedById: this.ctx.user.id,
    });
    this.store.addHistory({ pointId: point.id, changedDate: when, outcome: result.outcome, runId: result.runId, resultId: result.id, changedById: result.runById ?? this.ctx.user.id });
  }

  private newResult(run: TestRunRecord, point: TestPointRecord, fields: Partial<TestResultRecord>, id = this.store.nextResultId(run.id)): TestResultRecord {
    const item = this.ctx.store.workItems.get(point.testCaseId);
    const priority = item?.fields["Microsoft.VSTS.Common.Priority"];
    return {
      runId: run.id,
      id,
      projectId: run.projectId,
      pointId: point.id,
      planId: point.planId,
      suiteId: point.suiteId,
      testCaseId: point.testCaseId,
      testCaseTitle: String(item?.fields["System.Title"] ?? ""),
      configurationId: point.configurationId,
      priority: typeof priority === "number" ? priority : undefined,
      outcome: "Unspecified",
      state: "Pending",
      durationMs: 0,
      errorMessage: "",
      comment: "",
      createdDate: this.now,
      lastUpdatedDate: this.now,
      lastUpdatedById: this.ctx.user.id,
      revision: 1,
      associatedBugIds: [],
      ...fields,
    };
  }

  /** The members of a result (new, or an update of existing) that the body sets. */
  private resultFields(entry: Body, existing: TestResultRecord | undefined): Partial<TestResultRecord> {
    const fields: Partial<TestResultRecord> = {};
    const given = (key: string) => entry[key] !== undefined && entry[key] !== null;
    if (given("outcome")) fields.outcome = parseOutcome(entry.outcome);
    if (given("state")) fields.state = parseResultState(entry.state);
    const outcome = fields.outcome ?? existing?.outcome ?? "Unspecified";
    if (!fields.state && fields.outcome !== undefined) fields.state = outcome === "Unspecified" || outcome === "InProgress" || outcome === "Paused" ? (existing?.state ?? "Pending") : "Completed";
    if (given("comment")) fields.comment = String(entry.comment);
    if (given("errorMessage")) fields.errorMessage = String(entry.errorMessage);
    if (given("runBy")) fields.runById = this.resolveUser(entry.runBy, "runBy").id;
    else if (!existing?.runById && fields.outcome !== undefined) fields.runById = this.ctx.user.id;
    if (given("startedDate")) fields.startedDate = parseDate(entry.startedDate, "startedDate");
    if (given("completedDate")) fields.completedDate = parseDate(entry.completedDate, "completedDate");
    const state = fields.state ?? existing?.state;
    if (state === "Completed" && !fields.completedDate && !existing?.completedDate) fields.completedDate = this.now;
    if (given("durationInMs")) {
      const duration = Number(entry.durationInMs);
      if (!Number.isFinite(duration) || duration < 0) throw Errors.invalidTestProperty(`The duration '${String(entry.durationInMs)}' is not valid: give milliseconds, 0 or more.`);
      fields.durationMs = Math.round(duration);
    } else if (fields.completedDate && (fields.startedDate ?? existing?.startedDate)) {
      fields.durationMs = Math.max(0, Date.parse(fields.completedDate) - Date.parse((fields.startedDate ?? existing?.startedDate)!));
    }
    if (fields.completedDate && !fields.startedDate && !existing?.startedDate) fields.startedDate = new Date(Date.parse(fields.completedDate) - (fields.durationMs ?? 0)).toISOString();
    if (given("associatedBugs")) {
      if (!Array.isArray(entry.associatedBugs)) throw Errors.invalidTestProperty("associatedBugs must be a list of work item references: [{ id }].");
      fields.associatedBugIds = [...new Set(entry.associatedBugs.map((bug) => parseId((bug as Body)?.id as string | number | undefined, "associatedBugs.id")))];
      for (const bugId of fields.associatedBugIds) if (!this.ctx.store.workItems.get(bugId)) throw Errors.workItemNotFound(bugId);
    }
    return fields;
  }

  private isOfCategory(project: Project, typeName: unknown, category: string): boolean {
    const types = this.ctx.store.processes.categories(project.processId).find((c) => c.referenceName === category)?.types ?? [];
    return types.some((t) => t.toLowerCase() === String(typeName ?? "").toLowerCase());
  }

  private resolveUser(raw: unknown, what: string): User {
    const reference = typeof raw === "string" ? { displayName: raw } : ((raw ?? {}) as Body);
    const keys = [reference.id, reference.uniqueName, reference.displayName].filter((k): k is string => typeof k === "string" && k !== "");
    for (const key of keys) {
      const user = this.ctx.store.identities.get(key) ?? this.ctx.store.identities.find(key);
      if (user) return user;
    }
    throw Errors.invalidTestProperty(`The ${what} '${keys[0] ?? JSON.stringify(raw)}' is not a known identity.`);
  }
}

export function parseId(raw: string | number | undefined | unknown, what: string): number {
  const text = typeof raw === "number" ? String(raw) : typeof raw === "string" ? raw.trim() : "";
  if (!/^\d+$/.test(text) || Number(text) <= 0 || !Number.isSafeInteger(Number(text))) throw Errors.testArgument(`The ${what} '${String(raw ?? "")}' is not valid: give a positive whole number.`);
  return Number(text);
}

function requiredIdList(raw: unknown, what: string): number[] {
  if (!Array.isArray(raw)) throw Errors.testArgument(`${what} must be a list of ids.`);
  return raw.map((id) => parseId(id, what));
}

function objectBody(body: unknown, what: string): Body {
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw Errors.testArgument(`The body must be a ${what} object.`);
  return body as Body;
}

function requiredText(raw: unknown, what: string): string {
  if (typeof raw !== "string" || raw.trim() === "") throw Errors.testArgument(`The ${what} is required.`);
  return raw.trim();
}

function optionalText(raw: unknown): string | undefined {
  return typeof raw === "string" && raw.trim() !== "" ? raw.trim() : undefined;
}

/** An ISO date, or the "/Date(ms)/" form msDateFormat clients send. */
function parseDate(raw: unknown, what: string): string {
  const ms = typeof raw === "string" ? /^\/?Date\((-?\d+)\)\/?$/.exec(raw.replace(/\\/g, "")) : null;
  const time = ms ? Number(ms[1]) : raw instanceof Date ? raw.getTime() : typeof raw === "string" ? Date.parse(raw) : NaN;
  if (Number.isNaN(time)) throw Errors.invalidTestProperty(`The ${what} '${String(raw)}' is not a valid date.`);
  return new Date(time).toISOString();
}

// Test plans, suites, test cases, points, configurations, runs and results in the shapes the REST API
// returns: azure-devops-extension-api/TestPlan (testplan area, enums as AdoEnum) and .../Test (test
// area, enums as PascalCase strings, ids in shallow references as strings). One renderer per
// request: it caches the plans, suites, configurations, people and work items it looks up.
import type { RequestContext } from "../http/context";
import { AdoEnum } from "../http/format";
import type {
  SuiteTestCaseRecord,
  TestConfigurationRecord,
  TestPlanRecord,
  TestPointRecord,
  TestResultRecord,
  TestRunRecord,
  TestSuiteRecord,
} from "../store/testPlans";
import type { Project } from "../store/projects";
import type { WorkItemRecord } from "../store/workItems";
import { findField, identityRef, renderFieldValue } from "../wit/render";
import { CONFIGURATION_STATE, outcomeEnum, pointStateEnum, resultStateEnum, suiteTypeEnum } from "./enums";

const WELL_FORMED = new AdoEnum("wellFormed", 1);
const PRIVATE = new AdoEnum("private", 0);
const date = (iso: string | undefined) => (iso === undefined ? undefined : new Date(iso));

export interface PointOptions {
  /** false: the smaller payload of includePointDetails=false. */
  details?: boolean;
  /** true: testCaseReference.assignedTo as a full IdentityRef. */
  identityRefs?: boolean;
}

export class TcmRenderer {
  private readonly people = new Map<string, unknown>();
  private readonly plans = new Map<number, TestPlanRecord | undefined>();
  private readonly suites = new Map<number, TestSuiteRecord | undefined>();
  private readonly configurations = new Map<number, TestConfigurationRecord | undefined>();
  private readonly workItems = new Map<number, WorkItemRecord | undefined>();
  private readonly runs = new Map<number, TestRunRecord | undefined>();
  private readonly projects = new Map<string, Project | undefined>();

  constructor(private readonly ctx: RequestContext) {}

  /** Reads the work items, plans, suites and configurations of many points at once. */
  preload(points: readonly Pick<TestPointRecord, "testCaseId" | "planId" | "suiteId" | "configurationId">[]): this {
    const store = this.ctx.store;
    const missing = <K, V>(cache: Map<K, V>, keys: K[]) => [...new Set(keys)].filter((key) => !cache.has(key));
    const items = store.workItems.getMany(missing(this.workItems, points.map((p) => p.testCaseId)));
    for (const point of points) if (!this.workItems.has(point.testCaseId)) this.workItems.set(point.testCaseId, items.get(point.testCaseId));
    const plans = store.testPlans.plansByIds(missing(this.plans, points.map((p) => p.planId)));
    for (const [id, plan] of plans) this.plans.set(id, plan);
    const suites = store.testPlans.suitesByIds(missing(this.suites, points.map((p) => p.suiteId)));
    for (const [id, suite] of suites) this.suites.set(id, suite);
    const configurations = store.testPlans.configurationsByIds(missing(this.configurations, points.map((p) => p.configurationId)));
    for (const [id, configuration] of configurations) this.configurations.set(id, configuration);
    return this;
  }

  person(userId: string | undefined): unknown {
    if (userId === undefined) return undefined;
    if (!this.people.has(userId)) {
      const user = this.ctx.store.identities.get(userId);
      this.people.set(userId, user ? identityRef(this.ctx, user.uniqueName) : { id: userId, displayName: userId });
    }
    return this.people.get(userId);
  }

  plan(id: number): TestPlanRecord | undefined {
    if (!this.plans.has(id)) this.plans.set(id, this.ctx.store.testPlans.plan(id));
    return this.plans.get(id);
  }

  suite(id: number): TestSuiteRecord | undefined {
    if (!this.suites.has(id)) this.suites.set(id, this.ctx.store.testPlans.suite(id));
    return this.suites.get(id);
  }

  configuration(id: number): TestConfigurationRecord | undefined {
    if (!this.configurations.has(id)) this.configurations.set(id, this.ctx.store.testPlans.configuration(id));
    return this.configurations.get(id);
  }

  workItem(id: number): WorkItemRecord | undefined {
    if (!this.workItems.has(id)) this.workItems.set(id, this.ctx.store.workItems.get(id));
    return this.workItems.get(id);
  }

  private testRun(id: number): TestRunRecord | undefined {
    if (!this.runs.has(id)) this.runs.set(id, this.ctx.store.testPlans.run(id));
    return this.runs.get(id);
  }

  private project(id: string): Project | undefined {
    if (!this.projects.has(id)) this.projects.set(id, this.ctx.store.projects.find(id));
    return this.projects.get(id);
  }

  private projectName(id: string): string | undefined {
    return this.project(id)?.name;
  }

  title(workItemId: number): string {
    return String(this.workItem(workItemId)?.fields["System.Title"] ?? "");
  }

  // --- testplan area ---

  projectReference(projectId: string) {
    const project = this.project(projectId);
    return { id: projectId, name: project?.name, state: WELL_FORMED, visibility: PRIVATE, lastUpdateTime: date(project?.lastUpdateTime) };
  }

  planReference(id: number) {
    return { id, name: this.plan(id)?.name ?? "" };
  }

  suiteReference(id: number) {
    return { id, name: this.suite(id)?.name ?? "" };
  }

  configurationReference(id: number) {
    return { id, name: this.configuration(id)?.name ?? "" };
  }

  testPlan(plan: TestPlanRecord) {
    const self = this.ctx.urls.api(`testplan/Plans/${plan.id}`, plan.projectId);
    return {
      id: plan.id,
      name: plan.name,
      description: plan.description || undefined,
      areaPath: plan.areaPath,
      iteration: plan.iteration,
      owner: this.person(plan.ownerId),
      revision: plan.revision,
      state: plan.state,
      startDate: date(plan.startDate),
      endDate: date(plan.endDate),
      rootSuite: plan.rootSuiteId === undefined ? undefined : this.suiteReference(plan.rootSuiteId),
      previousBuildId: 0,
      project: this.projectReference(plan.projectId),
      updatedDate: date(plan.updatedDate),
      updatedBy: this.person(plan.updatedById),
      _links: {
        _self: { href: self },
        clientUrl: { href: `${this.ctx.urls.collection()}/${plan.projectId}/_testPlans/define?planId=${plan.id}` },
        rootSuite: plan.rootSuiteId === undefined ? undefined : { href: `${self}/Suites/${plan.rootSuiteId}` },
      },
    };
  }

  testSuite(suite: TestSuiteRecord, options: { children?: unknown[]; hasChildren: boolean; defaultTesters?: boolean }) {
    const plan = this.plan(suite.planId);
    const self = this.ctx.urls.api(`testplan/Plans/${suite.planId}/Suites/${suite.id}`, plan?.projectId);
    return {
      id: suite.id,
      name: suite.name,
      suiteType: suiteTypeEnum(suite.suiteType),
      plan: this.planReference(suite.planId),
      parentSuite: suite.parentSuiteId === undefined ? undefined : this.suiteReference(suite.parentSuiteId),
      requirementId: suite.suiteType === "requirementTestSuite" ? suite.requirementId : undefined,
      queryString: suite.suiteType === "dynamicTestSuite" ? suite.queryString : undefined,
      inheritDefaultConfigurations: suite.inheritDefaultConfigurations,
      defaultConfigurations: suite.defaultConfigurationIds.map((id) => this.configurationReference(id)),
      defaultTesters: options.defaultTesters ? suite.defaultTesterIds.map((id) => this.person(id)) : undefined,
      hasChildren: options.hasChildren,
      children: options.children,
      revision: suite.revision,
      lastUpdatedBy: this.person(suite.lastUpdatedById),
      lastUpdatedDate: date(suite.lastUpdatedDate),
      lastPopulatedDate: date(suite.lastPopulatedDate),
      project: plan ? this.projectReference(plan.projectId) : undefined,
      _links: {
        _self: { href: self },
        testCases: { href: `${self}/TestCase` },
        testPoints: { href: `${self}/TestPoint` },
        parent: suite.parentSuiteId === undefined ? undefined : { href: this.ctx.urls.api(`testplan/Plans/${suite.planId}/Suites/${suite.parentSuiteId}`, plan?.projectId) },
      },
    };
  }

  /** A test case as a suite holds it, with its points there (pointAssignments). */
  suiteTestCase(entry: SuiteTestCaseRecord, points: readonly TestPointRecord[], witFields: readonly string[] | undefined) {
    const suite = this.suite(entry.suiteId);
    const item = this.workItem(entry.testCaseId);
    return {
      testPlan: suite ? this.planReference(suite.planId) : undefined,
      testSuite: this.suiteReference(entry.suiteId),
      project: suite && this.plan(suite.planId) ? this.projectReference(this.plan(suite.planId)!.projectId) : undefined,
      order: entry.order,
      workItem: { id: entry.testCaseId, name: this.title(entry.testCaseId), workItemFields: this.fieldList(item, witFields) },
      pointAssignments: points.map((point) => ({
        id: point.id,
        configurationId: point.configurationId,
        configurationName: this.configuration(point.configurationId)?.name ?? "",
        tester: this.person(point.testerId),
      })),
    };
  }

  testPoint(point: TestPointRecord, options: PointOptions = {}) {
    const details = options.details !== false;
    const item = this.workItem(point.testCaseId);
    const assignedTo = item?.fields["System.AssignedTo"];
    const plan = this.plan(point.planId);
    const self = this.ctx.urls.api(`testplan/Plans/${point.planId}/Suites/${point.suiteId}/TestPoint/${point.id}`, plan?.projectId);
    const hasResult = point.lastRunId !== undefined;
    return {
      id: point.id,
      testCaseReference: {
        id: point.testCaseId,
        name: this.title(point.testCaseId),
        state: details ? item?.fields["System.State"] : undefined,
        assignedTo: typeof assignedTo === "string" ? (options.identityRefs ? identityRef(this.ctx, assignedTo) : { displayName: identityRef(this.ctx, assignedTo).displayName }) : undefined,
      },
      configuration: this.configurationReference(point.configurationId),
      tester: this.person(point.testerId),
      isActive: point.outcome === "None",
      isAutomated: false,
      comment: point.comment || undefined,
      lastResetToActive: details ? date(point.lastResetToActive) : undefined,
      lastUpdatedBy: details ? this.person(point.lastUpdatedById) : undefined,
      lastUpdatedDate: date(point.lastUpdatedDate),
      testPlan: this.planReference(point.planId),
      testSuite: this.suiteReference(point.suiteId),
      project: details && plan ? this.projectReference(plan.projectId) : undefined,
      results: {
        outcome: outcomeEnum(point.outcome),
        state: pointStateEnum(point.state),
        lastResultId: point.lastResultId ?? 0,
        lastTestRunId: point.lastRunId ?? 0,
        lastResultState: point.lastResultState ? resultStateEnum(point.lastResultState) : undefined,
        lastResultDetails:
          details && hasResult
            ? { dateCompleted: date(point.lastResultCompletedDate), duration: point.lastResultDurationMs ?? 0, runBy: this.person(point.lastRunById) }
            : undefined,
      },
      links: details ? { _self: { href: self }, testCases: { href: this.ctx.urls.api(`testplan/Plans/${point.planId}/Suites/${point.suiteId}/TestCase/${point.testCaseId}`, plan?.projectId) } } : undefined,
    };
  }

  testConfiguration(configuration: TestConfigurationRecord) {
    return {
      id: configuration.id,
      name: configuration.name,
      description: configuration.description,
      isDefault: configuration.isDefault,
      state: CONFIGURATION_STATE[configuration.state],
      values: configuration.values,
      project: this.projectReference(configuration.projectId),
    };
  }

  // --- test area ---

  private shallow(id: number | string, name?: string, url?: string) {
    return { id: String(id), name, url };
  }

  legacyPoint(point: TestPointRecord, witFields: readonly string[] | undefined) {
    const plan = this.plan(point.planId);
    const projectId = plan?.projectId;
    const hasResult = point.lastRunId !== undefined;
    return {
      id: point.id,
      url: this.ctx.urls.api(`test/Plans/${point.planId}/Suites/${point.suiteId}/Points/${point.id}`, projectId),
      assignedTo: this.person(point.testerId),
      automated: false,
      comment: point.comment || undefined,
      configuration: this.shallow(point.configurationId, this.configuration(point.configurationId)?.name),
      lastTestRun: hasResult ? this.shallow(point.lastRunId!) : undefined,
      lastResult: hasResult ? this.shallow(point.lastResultId!) : undefined,
      outcome: point.outcome,
      state: point.state,
      lastResultState: point.lastResultState,
      lastResultDetails: hasResult ? { dateCompleted: date(point.lastResultCompletedDate), duration: point.lastResultDurationMs ?? 0, runBy: this.person(point.lastRunById) } : undefined,
      lastResetToActive: date(point.lastResetToActive),
      lastUpdatedBy: this.person(point.lastUpdatedById),
      lastUpdatedDate: date(point.lastUpdatedDate),
      revision: point.revision,
      suite: this.shallow(point.suiteId, this.suite(point.suiteId)?.name),
      testPlan: this.shallow(point.planId, plan?.name, this.ctx.urls.api(`test/Plans/${point.planId}`, projectId)),
      testCase: this.shallow(point.testCaseId, this.title(point.testCaseId), this.ctx.urls.workItem(point.testCaseId)),
      workItemProperties: this.fieldList(this.workItem(point.testCaseId), witFields).map((field) => {
        const [key, value] = Object.entries(field)[0];
        return { workItem: { key, value } };
      }),
    };
  }

  run(run: TestRunRecord, details: boolean) {
    const stats = this.ctx.store.testPlans.runStatistics(run.id);
    const sum = (test: (s: (typeof stats)[number]) => boolean) => stats.filter(test).reduce((n, s) => n + s.count, 0);
    const plan = run.planId === undefined ? undefined : this.plan(run.planId);
    return {
      id: run.id,
      name: run.name,
      url: this.ctx.urls.api(`test/Runs/${run.id}`, run.projectId),
      isAutomated: run.isAutomated,
      iteration: run.iteration,
      owner: this.person(run.ownerId),
      project: this.shallow(run.projectId, this.projectName(run.projectId), this.ctx.urls.project(run.projectId)),
      plan: run.planId === undefined ? undefined : this.shallow(run.planId, plan?.name, this.ctx.urls.api(`test/Plans/${run.planId}`, run.projectId)),
      state: run.state,
      comment: run.comment || undefined,
      errorMessage: run.errorMessage || undefined,
      createdDate: date(run.createdDate),
      startedDate: date(run.startedDate),
      completedDate: date(run.completedDate),
      lastUpdatedDate: date(run.lastUpdatedDate),
      lastUpdatedBy: this.person(run.lastUpdatedById),
      postProcessState: "Complete",
      revision: run.revision,
      totalTests: sum(() => true),
      passedTests: sum((s) => s.outcome === "Passed"),
      notApplicableTests: sum((s) => s.outcome === "NotApplicable"),
      incompleteTests: sum((s) => s.state !== "Completed"),
      unanalyzedTests: sum((s) => ["Failed", "Error", "Timeout", "Aborted"].includes(s.outcome)),
      runStatistics: details ? stats.map((s) => ({ state: s.state, outcome: s.outcome, count: s.count })) : undefined,
      webAccessUrl: `${this.ctx.urls.collection()}/${run.projectId}/_TestManagement/Runs?_a=runCharts&runId=${run.id}`,
    };
  }

  result(result: TestResultRecord) {
    const run = this.testRun(result.runId);
    const projectId = result.projectId;
    return {
      id: result.id,
      project: this.shallow(projectId, this.projectName(projectId), this.ctx.urls.project(projectId)),
      testRun: this.shallow(result.runId, run?.name, this.ctx.urls.api(`test/Runs/${result.runId}`, projectId)),
      testCase: this.shallow(result.testCaseId, result.testCaseTitle),
      testCaseTitle: result.testCaseTitle,
      testPoint: result.pointId === undefined ? undefined : this.shallow(result.pointId, undefined, this.ctx.urls.api(`test/Plans/${result.planId}/Suites/${result.suiteId}/Points/${result.pointId}`, projectId)),
      testPlan: result.planId === undefined ? undefined : this.shallow(result.planId, this.plan(result.planId)?.name),
      testSuite: result.suiteId === undefined ? undefined : this.shallow(result.suiteId, this.suite(result.suiteId)?.name),
      configuration: result.configurationId === undefined ? undefined : this.shallow(result.configurationId, this.configuration(result.configurationId)?.name),
      priority: result.priority,
      outcome: result.outcome,
      state: result.state,
      runBy: this.person(result.runById),
      startedDate: date(result.startedDate),
      completedDate: date(result.completedDate),
      durationInMs: result.durationMs,
      errorMessage: result.errorMessage || undefined,
      comment: result.comment || undefined,
      associatedBugs: result.associatedBugIds.map((id) => this.shallow(id, undefined, this.ctx.urls.workItem(id))),
      createdDate: date(result.createdDate),
      lastUpdatedDate: date(result.lastUpdatedDate),
      lastUpdatedBy: this.person(result.lastUpdatedById),
      revision: result.revision,
      url: this.ctx.urls.api(`test/Runs/${result.runId}/Results/${result.id}`, projectId),
    };
  }

  /** [{ "System.State": "Ready" }, ...] for the requested fields the work item has. */
  private fieldList(item: WorkItemRecord | undefined, witFields: readonly string[] | undefined): Record<string, unknown>[] {
    if (!item || !witFields) return [];
    const list: Record<string, unknown>[] = [];
    for (const name of witFields) {
      const field = findField(this.ctx, name);
      const reference = field?.referenceName ?? name;
      const value = item.fields[reference];
      if (value !== undefined) list.push({ [reference]: renderFieldValue(this.ctx, field, value) });
    }
    return list;
  }
}

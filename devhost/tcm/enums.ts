// The test management enums as the REST API reads and writes them. Inputs may be names (any case,
// spaces ignored) or the enums' numbers; outputs are AdoEnums (camelCase names, or numbers with
// enumsAsNumbers) in the testplan area, and PascalCase strings in the older test area.
import { Errors } from "../http/errors";
import { AdoEnum } from "../http/format";
import {
  PointState,
  RESULT_STATES,
  ResultState,
  RUN_STATES,
  RunState,
  SUITE_TYPES,
  SuiteType,
  TEST_OUTCOMES,
  TestOutcome,
} from "../store/testPlans";

const compact = (text: string) => text.replace(/[\s_-]+/g, "").toLowerCase();
const camel = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);

/** A name from a list (matched loosely) or its enum number; anything else is a 400 naming the valid values. */
function parseEnum<T extends string>(raw: unknown, names: readonly T[], numbers: (name: T) => number, what: string): T {
  if (typeof raw === "number" || (typeof raw === "string" && /^\d+$/.test(raw.trim()))) {
    const match = names.find((name) => numbers(name) === Number(raw));
    if (match) return match;
  } else if (typeof raw === "string") {
    const match = names.find((name) => compact(name) === compact(raw));
    if (match) return match;
  }
  throw Errors.invalidTestProperty(`The ${what} '${String(raw)}' is not valid. Valid values are: ${names.join(", ")}.`);
}

/** TestOutcome (Test) and Outcome (TestPlan) share their numbers: the index in TEST_OUTCOMES. */
export function parseOutcome(raw: unknown): TestOutcome {
  return parseEnum(raw, TEST_OUTCOMES, (name) => TEST_OUTCOMES.indexOf(name), "outcome");
}

export function outcomeEnum(outcome: TestOutcome): AdoEnum {
  return new AdoEnum(camel(outcome), TEST_OUTCOMES.indexOf(outcome));
}

/** What a point's state becomes with an outcome. */
export function pointStateFor(outcome: TestOutcome): PointState {
  switch (outcome) {
    case "Passed":
    case "NotApplicable":
      return "Completed";
    case "Blocked":
      return "NotReady";
    case "InProgress":
    case "Paused":
      return "InProgress";
    default:
      return "Ready";
  }
}

const POINT_STATE_NUMBERS: Record<PointState, number> = { Ready: 1, Completed: 2, NotReady: 3, InProgress: 4 };
export function pointStateEnum(state: PointState): AdoEnum {
  return new AdoEnum(camel(state), POINT_STATE_NUMBERS[state]);
}

const RESULT_STATE_NUMBERS: Record<ResultState, number> = { Pending: 1, Queued: 2, InProgress: 3, Paused: 4, Completed: 5 };
export function parseResultState(raw: unknown): ResultState {
  return parseEnum(raw, RESULT_STATES, (name) => RESULT_STATE_NUMBERS[name], "result state");
}
export function resultStateEnum(state: ResultState): AdoEnum {
  return new AdoEnum(camel(state), RESULT_STATE_NUMBERS[state]);
}

const RUN_STATE_NUMBERS: Record<RunState, number> = { NotStarted: 1, InProgress: 2, Completed: 3, Aborted: 4, Waiting: 5, NeedsInvestigation: 6 };
export function parseRunState(raw: unknown): RunState {
  return parseEnum(raw, RUN_STATES, (name) => RUN_STATE_NUMBERS[name], "run state");
}

const SUITE_TYPE_NUMBERS: Record<SuiteType, number> = { dynamicTestSuite: 1, staticTestSuite: 2, requirementTestSuite: 3 };
export function parseSuiteType(raw: unknown): SuiteType {
  return parseEnum(raw, SUITE_TYPES, (name) => SUITE_TYPE_NUMBERS[name], "suite type");
}
export function suiteTypeEnum(type: SuiteType): AdoEnum {
  return new AdoEnum(type, SUITE_TYPE_NUMBERS[type]);
}

/** The Test Suite work item's type field and the older test API's suiteType. */
export const SUITE_TYPE_WORK_ITEM: Record<SuiteType, { name: string; id: number; legacy: string }> = {
  staticTestSuite: { name: "Static", id: 2, legacy: "StaticTestSuite" },
  dynamicTestSuite: { name: "Query Based", id: 1, legacy: "DynamicTestSuite" },
  requirementTestSuite: { name: "Requirement Based", id: 3, legacy: "RequirementTestSuite" },
};

export const CONFIGURATION_STATE = { Active: new AdoEnum("active", 1), Inactive: new AdoEnum("inactive", 2) } as const;

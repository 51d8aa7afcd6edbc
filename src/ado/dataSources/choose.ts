// One data source per connection: Analytics while it answers, REST from the first time Analytics
// turns out to be missing (404, as on an Azure DevOps Server without it), denied (401, 403) or out
// of reach (network). The call that found out is answered by REST, so the caller never sees the
// switch, and no probe request is spent while Analytics works. Other failures (a 400 is a bug in a
// query; 429 and 5xx were already retried by the transport) reach the caller.

import type { AdoConnection } from "../clients";
import { AdoError, describeFailure } from "../errors";
import { analyticsDataSource, AnalyticsSourceOptions } from "./analytics";
import { restDataSource, RestSourceOptions } from "./rest";
import type { DataSourceKind, ProgrammeDataSource } from "./types";

export interface ChosenDataSource extends ProgrammeDataSource {
  /** Why REST is used, once Analytics failed; undefined while Analytics is used. */
  readonly fallbackReason?: string;
}

const UNAVAILABLE_STATUSES = new Set([401, 403, 404, 410]);

/** Whether a failure means Analytics cannot be used here (rather than that one query went wrong). */
export function isAnalyticsUnavailable(error: unknown): boolean {
  if (error instanceof AdoError && error.kind === "network") return true;
  const { status } = describeFailure(error);
  return status !== undefined && UNAVAILABLE_STATUSES.has(status);
}

function reasonOf(error: unknown): string {
  const { status, message } = describeFailure(error);
  if (status === 404) return `Analytics is not available on this server (404)${message ? `: ${message}` : ""}`;
  if (status === 401 || status === 403) return `Analytics refused access (${status})${message ? `: ${message}` : ""}`;
  return `Analytics could not be reached${message ? `: ${message}` : ""}`;
}

type Method = Exclude<keyof ProgrammeDataSource, "kind">;
// A record, so that a method added to the interface cannot be forgotten here.
const METHOD_NAMES: Readonly<Record<Method, true>> = {
  countWorkItems: true,
  countTestPoints: true,
  countWorkOffPlans: true,
  requirementCoverage: true,
  requiredTestEvidence: true,
  requirements: true,
  testCases: true,
  defects: true,
  testPoints: true,
  dailyOutcomes: true,
};
const METHODS = Object.keys(METHOD_NAMES) as Method[];

const chosen = new WeakMap<AdoConnection, ChosenDataSource>();

export interface ChooseOptions extends AnalyticsSourceOptions, RestSourceOptions {
  /** Skip Analytics altogether (for example a setting of the hub). */
  preferRest?: boolean;
}

/** The data source for a connection: one per connection, so every reader shares the fallback decision. */
export function chooseDataSource(connection: AdoConnection, options: ChooseOptions = {}): ChosenDataSource {
  const existing = chosen.get(connection);
  if (existing) return existing;
  const rest = restDataSource(connection, { trendRunBudget: options.trendRunBudget });
  const analytics = options.preferRest ? undefined : analyticsDataSource(connection, options);
  let fallbackReason: string | undefined = options.preferRest ? "REST was asked for" : undefined;
  let current: ProgrammeDataSource = analytics ?? rest;

  const source = {
    get kind(): DataSourceKind {
      return current.kind;
    },
    get fallbackReason() {
      return fallbackReason;
    },
  } as ChosenDataSource;
  for (const method of METHODS) {
    (source as unknown as Record<Method, (...args: unknown[]) => Promise<unknown>>)[method] = async (...args: unknown[]) => {
      const used = current;
      const call = (target: ProgrammeDataSource) => (target[method] as (...a: unknown[]) => Promise<unknown>)(...args);
      if (used === rest) return call(rest);
      try {
        return await call(used);
      } catch (error) {
        if (!isAnalyticsUnavailable(error)) throw error;
        if (current !== rest) {
          fallbackReason = reasonOf(error);
          current = rest;
        }
        return call(rest);
      }
    };
  }
  chosen.set(connection, source);
  return source;
}

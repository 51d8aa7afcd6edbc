import * as React from "react";
import "azure-devops-ui/Core/override.css";
import { Header, TitleSize } from "azure-devops-ui/Header";
import { MessageCard, MessageCardSeverity } from "azure-devops-ui/MessageCard";
import { Page } from "azure-devops-ui/Page";
import { Tab, TabBar, TabSize } from "azure-devops-ui/Tabs";
import { failureMessage } from "../../../ado/errors";
import type { DailyTrend } from "../../../ado/dataSources/types";
import { Loading } from "../../../ui/LoadStatus";
import "../../../ui/mhhs.css";
import { DefectsPivot } from "./DefectsPivot";
import { EnvironmentsPivot } from "./EnvironmentsPivot";
import { FilterBar, FilterOption } from "./FilterBar";
import { addressNamesFilters, describeFilters, filtersOf, HubFilters, HubState, initialState, Pivot, PIVOTS, sameState, toQuery } from "./filters";
import { allSettled, DataPart, emptyData, loadParts, partsSummary, ProgrammeData } from "./loadProgramme";
import { LoadProgress, MissingParts, NeedsData } from "./LoadProgress";
import { OverviewPivot, TrendState } from "./OverviewPivot";
import { ParticipantsPivot } from "./ParticipantsPivot";
import "./programme.css";
import type { ProgrammeHubServices } from "./programmeServices";
import { TraceabilityPivot } from "./TraceabilityPivot";
import { configurationOf, cyclesOf, defectsView, environmentsView, extractView, overviewView, participantsView, rttmView, trendView, trendWindow } from "./views";

/** The parts each pivot waits for; it cannot show figures without the essential ones. */
const NEEDS: Readonly<Record<Pivot, { essential: DataPart[]; optional: DataPart[] }>> = {
  overview: { essential: ["points", "defects"], optional: ["configuration", "requirements", "testCases"] },
  traceability: { essential: ["requirements", "testCases", "points"], optional: ["configuration", "defects"] },
  defects: { essential: ["defects"], optional: ["configuration", "points", "testCases", "requirements"] },
  participants: { essential: ["configuration", "points", "testCases"], optional: ["defects"] },
  environments: { essential: ["configuration"], optional: [] },
};

const PIVOT_WHAT: Readonly<Record<Pivot, string>> = {
  overview: "Stage progress, defects and exit criteria",
  traceability: "The traceability matrix",
  defects: "The defect figures",
  participants: "Participants' qualification",
  environments: "The environments plan",
};

/** How long filter changes settle before they are remembered for the user. */
const REMEMBER_AFTER_MS = 600;

function useProgrammeData(services: ProgrammeHubServices): { data: ProgrammeData; requests: number; retry(part: DataPart): void } {
  const [data, setData] = React.useState<ProgrammeData>(emptyData);
  const [requests, setRequests] = React.useState(0);
  const latest = React.useRef(data);
  const mounted = React.useRef(true);
  const update = React.useCallback((next: ProgrammeData) => {
    latest.current = next;
    if (mounted.current) setData(next);
  }, []);
  React.useEffect(() => {
    mounted.current = true;
    void loadParts(services, emptyData(), ["configuration", "requirements", "testCases", "defects", "points"], update);
    return () => {
      mounted.current = false;
    };
  }, [services, update]);
  const loading = !allSettled(data);
  React.useEffect(() => {
    if (!loading) {
      setRequests(services.requestsAnswered());
      return undefined;
    }
    const timer = setInterval(() => setRequests(services.requestsAnswered()), 300);
    return () => clearInterval(timer);
  }, [loading, services]);
  const retry = React.useCallback((part: DataPart) => void loadParts(services, latest.current, [part], update), [services, update]);
  return { data, requests, retry };
}

function useHubState(services: ProgrammeHubServices, given?: HubState): { state?: HubState; setState(s: HubState): void; notice?: string } {
  const [state, setStateValue] = React.useState<HubState | undefined>(given);
  const [notice, setNotice] = React.useState<string | undefined>();
  const written = React.useRef<HubState | undefined>(given);
  React.useEffect(() => {
    if (given) return;
    let current = true;
    const remembered = services.loadRemembered().catch((error: unknown) => {
      setNotice(`Your last filters could not be read (${failureMessage(error)}).`);
      return undefined;
    });
    const query = services.readQuery().catch(() => ({}) as Record<string, string>);
    void Promise.all([query, remembered]).then(([q, r]) => {
      if (!current) return;
      const initial = initialState(q, r);
      written.current = initial;
      setStateValue(initial);
      // Remembered filters go into the address, so a reload or a copied link shows the same view;
      // an address that names the filters already says it and is left as it came.
      if (!addressNamesFilters(q)) services.writeQuery(toQuery(initial)).catch(() => undefined);
      // A view opened from a link is the one the user last looked at: remember it too.
      else if (!r || !sameState(initialState({}, r), initial)) services.saveRemembered(initial).catch(() => undefined);
    });
    return () => {
      current = false;
    };
  }, [services, given]);

  React.useEffect(() => {
    if (!state || (written.current && sameState(written.current, state))) return undefined;
    written.current = state;
    services.writeQuery(toQuery(state)).catch((error: unknown) => setNotice(`The address could not be updated (${failureMessage(error)}).`));
    const timer = setTimeout(() => {
      services.saveRemembered(state).catch((error: unknown) => setNotice(`Your filters could not be remembered (${failureMessage(error)}).`));
    }, REMEMBER_AFTER_MS);
    return () => clearTimeout(timer);
  }, [services, state]);
  return { state, setState: setStateValue, notice };
}

function useTrend(services: ProgrammeHubServices, data: ProgrammeData, filters: HubFilters, asOf: string, active: boolean): { trend: TrendState; retry(): void } {
  const window = React.useMemo(() => trendWindow(asOf), [asOf]);
  const key = JSON.stringify([filters.stage, filters.cycle, filters.role, filters.participant]);
  const cache = React.useRef(new Map<string, { daily?: DailyTrend; error?: string }>());
  const [version, setVersion] = React.useState(0);
  React.useEffect(() => {
    if (!active || cache.current.has(key)) return undefined;
    let current = true;
    services.source
      .dailyOutcomes({ from: window.from, to: window.to, filter: filters })
      .then(
        (daily) => cache.current.set(key, { daily }),
        (error: unknown) => cache.current.set(key, { error: failureMessage(error) }),
      )
      .then(() => current && setVersion((v) => v + 1));
    return () => {
      current = false;
    };
    // The filters are read through `key`; `version` asks again after a retry.
  }, [services, key, window, active, version]);
  const entry = cache.current.get(key);
  const trend = React.useMemo((): TrendState => {
    if (!entry || data.status.defects.state === "loading") return { state: "loading" };
    const result = trendView(data, entry.daily, filters, window);
    return entry.error ? { state: "failed", trend: result, message: entry.error } : { state: "loaded", trend: result };
    // Recomputed when the entry for these filters arrives or the defects change.
  }, [entry, data.defects, data.status.defects.state, key, window]);
  const retry = React.useCallback(() => {
    cache.current.delete(key);
    setVersion((v) => v + 1);
  }, [key]);
  return { trend, retry };
}

/** The MHHS Programme hub: stage progress, traceability, defects, participants and environments. */
export function ProgrammeHub(props: { services: ProgrammeHubServices; initialState?: HubState }): JSX.Element {
  const { services } = props;
  const { data, requests, retry } = useProgrammeData(services);
  const { state, setState, notice } = useHubState(services, props.initialState);
  const asOf = React.useMemo(() => services.today(), [services]);
  const filters = React.useMemo(() => (state ? filtersOf(state) : {}), [state]);
  const pivot: Pivot = state?.pivot ?? "overview";
  const config = configurationOf(data);
  const scope = describeFilters(filters);
  // The trend is asked for once the figures are in, so on a slow source it never holds them up.
  const { trend, retry: retryTrend } = useTrend(services, data, filters, asOf, Boolean(state) && pivot === "overview" && allSettled(data, ["points", "defects"]));
  const needs = NEEDS[pivot];
  const ready = allSettled(data, [...needs.essential, ...needs.optional]);
  const essentialFailed = needs.essential.some((p) => data.status[p].state === "failed");

  const options = React.useMemo(() => {
    const stages: FilterOption[] = config.catalogues.stages.map((s) => ({ id: s.code, text: `${s.code} — ${s.name}` }));
    const roles: FilterOption[] = config.catalogues.roles.map((r) => ({ id: r.code, text: `${r.code} — ${r.name}` }));
    const participants: FilterOption[] = config.participants
      .slice()
      .sort((a, b) => (a.mpid < b.mpid ? -1 : 1))
      .map((p) => ({ id: p.mpid, text: `${p.mpid} — ${p.organisation}` }));
    return { stages, roles, participants };
  }, [config]);
  const cycles = React.useMemo<FilterOption[]>(() => cyclesOf(data.points, filters.stage).map((c) => ({ id: c, text: c })), [data.points, filters.stage]);

  // The pivot's figures, computed only when its data or the filters change (not when the trend arrives).
  const view = React.useMemo(() => {
    if (!state || !ready || essentialFailed) return undefined;
    switch (pivot) {
      case "overview":
        return { pivot, reports: overviewView(data, filters, asOf) } as const;
      case "traceability":
        return { pivot, rttm: rttmView(data, filters) } as const;
      case "defects":
        return { pivot, report: defectsView(data, filters, asOf), extract: extractView(data, filters) } as const;
      case "participants":
        return { pivot, qualification: participantsView(data, filters, asOf, state.path) } as const;
      case "environments":
        return { pivot, environments: environmentsView(data, filters, asOf) } as const;
    }
  }, [state, ready, essentialFailed, pivot, data, filters, asOf, state?.path]);

  const open = React.useCallback((id: number) => void services.openWorkItem(id), [services]);
  let content: React.ReactNode = null;
  if (view?.pivot === "overview") content = <OverviewPivot reports={view.reports} trend={trend} scope={scope} onRetryTrend={retryTrend} />;
  else if (view?.pivot === "traceability") {
    content = <TraceabilityPivot view={view.rttm} filters={filters} scope={scope} today={asOf} onOpen={open} defectsMissing={data.status.defects.state === "failed"} />;
  } else if (view?.pivot === "defects") {
    content = <DefectsPivot report={view.report} extract={view.extract} scope={scope} today={asOf} onOpen={open} testsMissing={data.status.points.state === "failed"} />;
  } else if (view?.pivot === "participants") {
    content = <ParticipantsPivot view={view.qualification} scope={scope} today={asOf} onOpen={open} path={state?.path} onPathChange={(path) => state && setState({ ...state, path })} />;
  }
  else if (view?.pivot === "environments") content = <EnvironmentsPivot view={view.environments} limits={config.limits} />;

  const fallback = services.fallbackReason();
  const description = `Project ${services.projectName} · as of ${asOf} · ${
    fallback ? `read through the REST API (${fallback})` : services.source.kind === "analytics" ? "read through Analytics" : "read through the REST API"
  }`;

  return (
    <Page className="mhhs-programme flex-grow">
      <Header title="MHHS Programme" titleSize={TitleSize.Large} description={description} />
      {state ? (
        <FilterBar
          filters={filters}
          stages={options.stages}
          cycles={cycles}
          roles={options.roles}
          participants={options.participants}
          onChange={(f) => setState({ ...f, pivot, ...(state.path ? { path: state.path } : {}) })}
        />
      ) : null}
      <TabBar selectedTabId={pivot} onSelectedTabChanged={(id) => state && setState({ ...state, pivot: id as Pivot })} tabSize={TabSize.Tall} ariaLabel="Programme views">
        {PIVOTS.map((p) => (
          <Tab key={p.id} id={p.id} name={p.name} />
        ))}
      </TabBar>
      <div className="mhhs-programme-body" role="tabpanel" aria-label={PIVOTS.find((p) => p.id === pivot)?.name} data-loaded={ready ? "true" : "false"} data-parts={partsSummary(data)}>
        {notice ? <p className="mhhs-muted">{notice}</p> : null}
        {!allSettled(data) ? <LoadProgress data={data} requests={requests} /> : null}
        <MissingParts data={data} onRetry={retry} />
        {config.problems.length > 0 ? (
          <MessageCard className="mhhs-message" severity={MessageCardSeverity.Warning}>
            {`The programme configuration has problems; defaults are used where it cannot be read: ${config.problems.slice(0, 3).join(" ")}${config.problems.length > 3 ? ` (and ${config.problems.length - 3} more)` : ""}`}
          </MessageCard>
        ) : null}
        {!state ? <Loading label="Reading your filters…" /> : null}
        {state && ready && essentialFailed ? <NeedsData parts={needs.essential} data={data} what={PIVOT_WHAT[pivot]} /> : null}
        {content}
      </div>
    </Page>
  );
}


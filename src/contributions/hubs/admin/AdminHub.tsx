import * as React from "react";
import "azure-devops-ui/Core/override.css";
import { Header, TitleSize } from "azure-devops-ui/Header";
import { Page } from "azure-devops-ui/Page";
import { Tab, TabBar, TabSize } from "azure-devops-ui/Tabs";
import { PICKLIST_OVERRIDES } from "../../../ado/configStore";
import { failureMessage } from "../../../ado/errors";
import { Catalogues, resolveCatalogues } from "../../../domain/catalogues";
import { LoadFailure, Loading } from "../../../ui/LoadStatus";
import "../../../ui/mhhs.css";
import "./admin.css";
import type { AdminServices } from "./adminServices";
import { EnvironmentsTab } from "./EnvironmentsTab";
import { ExitCriteriaTab } from "./ExitCriteriaTab";
import { ParticipantsTab } from "./ParticipantsTab";
import { PicklistsTab } from "./PicklistsTab";
import { PlanStagesTab } from "./PlanStagesTab";
import { ProcessSetupTab } from "./ProcessSetupTab";
import { QualificationRequirementsTab } from "./QualificationRequirementsTab";
import { RequirementImportTab } from "./RequirementImportTab";
import { SlaTargetsTab } from "./SlaTargetsTab";

export const ADMIN_TABS = [
  { id: "process", name: "Process set-up" },
  { id: "participants", name: "Participants" },
  { id: "environments", name: "Environments" },
  { id: "exit-criteria", name: "Exit criteria" },
  { id: "qualification", name: "Qualification requirements" },
  { id: "plans", name: "Test plans → stages" },
  { id: "sla", name: "SLA targets" },
  { id: "picklists", name: "Picklists" },
  { id: "requirements", name: "Requirement import" },
] as const;

export type AdminTabId = (typeof ADMIN_TABS)[number]["id"];

export interface TabProps {
  services: AdminServices;
  catalogues: Catalogues;
}

type CatalogueState = { status: "loading" } | { status: "loaded"; catalogues: Catalogues; problems: string[] } | { status: "failed"; error: string };

/** The project admin hub: process set-up and the programme configuration, one tab each. */
export function AdminHub(props: { services: AdminServices; initialTab?: AdminTabId }): JSX.Element {
  const { services } = props;
  const [tab, setTab] = React.useState<AdminTabId>(props.initialTab ?? "process");
  const [catalogues, setCatalogues] = React.useState<CatalogueState>({ status: "loading" });
  const [attempt, setAttempt] = React.useState(0);

  React.useEffect(() => {
    let current = true;
    services.loadConfig(PICKLIST_OVERRIDES, resolveCatalogues()).then(
      (overrides) => {
        if (!current) return;
        const problems = overrides.problems.map((p) => p.message);
        setCatalogues({ status: "loaded", catalogues: resolveCatalogues(problems.length === 0 ? overrides.data : {}), problems });
      },
      (error: unknown) => current && setCatalogues({ status: "failed", error: failureMessage(error) }),
    );
    return () => {
      current = false;
    };
  }, [services, attempt]);

  const reloadCatalogues = React.useCallback(() => setAttempt((n) => n + 1), []);

  let body: React.ReactNode;
  if (catalogues.status === "loading") body = <Loading label="Loading the programme's picklists…" />;
  else if (catalogues.status === "failed") body = <LoadFailure message={`The programme's picklists could not be loaded: ${catalogues.error}`} onRetry={reloadCatalogues} />;
  else {
    const shared: TabProps = { services, catalogues: catalogues.catalogues };
    body = (
      <div className="mhhs-admin-tab" role="tabpanel" aria-label={ADMIN_TABS.find((t) => t.id === tab)?.name}>
        {tab === "process" ? <ProcessSetupTab {...shared} /> : null}
        {tab === "participants" ? <ParticipantsTab {...shared} /> : null}
        {tab === "environments" ? <EnvironmentsTab {...shared} /> : null}
        {tab === "exit-criteria" ? <ExitCriteriaTab {...shared} /> : null}
        {tab === "qualification" ? <QualificationRequirementsTab {...shared} /> : null}
        {tab === "plans" ? <PlanStagesTab {...shared} /> : null}
        {tab === "sla" ? <SlaTargetsTab {...shared} /> : null}
        {tab === "picklists" ? <PicklistsTab {...shared} onSaved={reloadCatalogues} /> : null}
        {tab === "requirements" ? <RequirementImportTab {...shared} /> : null}
      </div>
    );
  }

  return (
    <Page className="mhhs-admin flex-grow">
      <Header
        title="MHHS set-up"
        titleSize={TitleSize.Large}
        description={`Project ${services.projectName}: get the process ready for the MHHS fields and forms, and keep the programme's configuration.`}
      />
      <TabBar selectedTabId={tab} onSelectedTabChanged={(id) => setTab(id as AdminTabId)} tabSize={TabSize.Tall} ariaLabel="MHHS set-up sections">
        {ADMIN_TABS.map((t) => (
          <Tab key={t.id} id={t.id} name={t.name} />
        ))}
      </TabBar>
      {body}
    </Page>
  );
}

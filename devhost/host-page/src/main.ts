import { clear, el } from "./dom";
import { ContributionFrame } from "./frame";
import { FormPage } from "./formPage";
import { loadExtension, LoadedExtension, ManifestContribution } from "./manifest";
import { buildServices, ShellNavigation } from "./services";
import { HostContext, HostSession } from "./session";
import { ThemeName } from "./theme";
import { ChannelRouter } from "./xdm";
import { DashboardPage } from "./dashboardPage";

const HUB_GROUPS: Record<string, { label: string; target: string }> = {
  boards: { label: "Boards", target: "ms.vss-work-web.work-hub-group" },
  testplans: { label: "Test Plans", target: "ms.vss-test-web.test-hub-group" },
  settings: { label: "Project settings", target: "ms.vss-web.project-admin-hub-group" },
};

interface ActivePage {
  dispose(): void;
  themeChanged?(variables: Record<string, string>): void;
}

class Shell {
  private active?: ActivePage;
  private readonly hashListeners = new Set<(hash: string) => void>();
  readonly router = new ChannelRouter(window);

  constructor(private readonly session: HostSession, private readonly extension: LoadedExtension, private readonly main: HTMLElement, private readonly toasts: HTMLElement) {
    window.addEventListener("hashchange", () => void this.route());
    session.onThemeChanged(() => this.active?.themeChanged?.(session.themeVariables()));
  }

  readonly navigation: ShellNavigation = {
    openWorkItem: (id) => {
      location.hash = `#/workitems/${id}`;
    },
    openNewWorkItem: (type, values) => {
      sessionStorage.setItem("devhost:newValues", JSON.stringify(values ?? {}));
      location.hash = `#/workitems/new/${encodeURIComponent(type)}`;
    },
    queryParams: () => Object.fromEntries(new URLSearchParams(location.hash.split("?")[1] ?? "")),
    setQueryParams: (params) => {
      const [path, query] = location.hash.split("?");
      const search = new URLSearchParams(query ?? "");
      for (const [key, value] of Object.entries(params)) {
        if (value === "" || value === null || value === undefined) search.delete(key);
        else search.set(key, value);
      }
      const next = `${path}${search.toString() ? `?${search}` : ""}`;
      history.replaceState(null, "", next);
    },
    hash: () => location.hash.replace(/^#/, ""),
    setHash: (hash, replace) => {
      if (replace) history.replaceState(null, "", `#${hash}`);
      else location.hash = hash;
    },
    onHashChanged: (callback) => {
      this.hashListeners.add(callback);
    },
    navigate: (url) => {
      // Azure DevOps hub addresses (…/{project}/_apps/hub/{contributionId}?…) open the hub here.
      const hub = /\/_apps\/hub\/([^?#]+)(\?[^#]*)?/.exec(url);
      if (hub) location.hash = `#/hub/${hub[1].split(".").pop()}${hub[2] ?? ""}`;
      else location.href = url;
    },
    setDocumentTitle: (title) => {
      document.title = `${title} - devhost`;
    },
    toast: (message) => this.toast(message),
    banner: (message, level) => this.banner(message, level),
    messageDialog: (message, options) => this.messageDialog(message, options),
    openContributionDialog: (contributionId, options, kind) => this.contributionDialog(contributionId, options, kind),
  };

  toast(message: string): void {
    const toast = el("div", { className: "toast", role: "status" }, message);
    this.toasts.appendChild(toast);
    window.setTimeout(() => toast.remove(), 6000);
  }

  banner(message: string, level: number): void {
    const area = document.getElementById("banner") as HTMLElement;
    clear(area);
    if (level >= 0 && message) area.appendChild(el("div", { className: `banner level-${level}`, role: "status" }, message));
  }

  messageDialog(message: string, options: { title?: string; showCancel?: boolean; okText?: string; cancelText?: string; onClose?: (result: boolean) => void }): void {
    const dialog = el("dialog", { className: "message-dialog" });
    const close = (result: boolean) => {
      dialog.close();
      dialog.remove();
      options.onClose?.(result);
    };
    dialog.appendChild(el("h2", {}, options.title ?? "Message"));
    dialog.appendChild(el("p", {}, message));
    dialog.appendChild(
      el("div", { className: "toolbar" },
        el("button", { className: "primary", onclick: () => close(true) }, options.okText ?? "OK"),
        options.showCancel ? el("button", { onclick: () => close(false) }, options.cancelText ?? "Cancel") : null),
    );
    document.body.appendChild(dialog);
    dialog.showModal();
  }

  contributionDialog(contributionId: string, options: { title?: string; configuration?: unknown; onClose?: (result: unknown) => void }, kind: "dialog" | "panel"): void {
    const contribution = this.extension.find(contributionId);
    if (!contribution) {
      this.toast(`No contribution ${contributionId} in the extension.`);
      return;
    }
    const dialog = el("dialog", { className: kind === "panel" ? "panel-dialog" : "custom-dialog" });
    const body = el("div", { className: "dialog-body" });
    const opened: { frame?: ContributionFrame } = {};
    const close = (result?: unknown) => {
      opened.frame?.dispose();
      dialog.close();
      dialog.remove();
      options.onClose?.(result);
    };
    dialog.appendChild(el("div", { className: "dialog-header" }, el("h2", {}, options.title ?? String(contribution.properties.name ?? contribution.id)), el("button", { "aria-label": "Close", onclick: () => close(undefined) }, "×")));
    dialog.appendChild(body);
    document.body.appendChild(dialog);
    dialog.showModal();
    const configuration = Object.assign({}, options.configuration ?? {}, { panel: { close }, dialog: { close } });
    opened.frame = new ContributionFrame(this.router, {
      extension: this.extension,
      contribution,
      container: body,
      session: this.session,
      initialConfig: configuration as Record<string, unknown>,
      services: buildServices({ session: this.session, navigation: this.navigation, frameId: contribution.id }),
    });
  }

  async route(): Promise<void> {
    const hash = location.hash.replace(/^#\/?/, "");
    this.hashListeners.forEach((listener) => listener(hash));
    const [path] = hash.split("?");
    const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
    this.active?.dispose();
    this.active = undefined;
    clear(this.main);
    document.querySelectorAll("nav a").forEach((a) => a.classList.toggle("selected", (a as HTMLAnchorElement).hash.slice(2).split("/")[0] === (parts[0] ?? "")));
    if (parts[0] === "workitems" && parts[1] === "new" && parts[2]) {
      const values = JSON.parse(sessionStorage.getItem("devhost:newValues") ?? "{}");
      sessionStorage.removeItem("devhost:newValues");
      const page = new FormPage({ root: this.main, session: this.session, extension: this.extension, router: this.router, navigation: this.navigation, newType: parts[2], initialValues: values });
      this.active = page;
      await page.render();
    } else if (parts[0] === "workitems" && parts[1]) {
      const page = new FormPage({ root: this.main, session: this.session, extension: this.extension, router: this.router, navigation: this.navigation, workItemId: Number(parts[1]) });
      this.active = page;
      await page.render();
    } else if (parts[0] === "hub" && parts[1]) {
      this.renderHub(parts[1]);
    } else if (parts[0] === "dashboards") {
      const page = new DashboardPage({ root: this.main, session: this.session, extension: this.extension, router: this.router, navigation: this.navigation });
      this.active = page;
      await page.render();
    } else if (parts[0] === "boards") {
      await this.renderBoards();
    } else if (parts[0] && HUB_GROUPS[parts[0]]) {
      this.renderHubGroup(parts[0]);
    } else {
      this.renderHome();
    }
  }

  private renderHome(): void {
    this.main.appendChild(el("h1", {}, this.session.project.name));
    this.main.appendChild(el("p", {}, `Local Azure DevOps host for ${this.extension.manifest.name} ${this.extension.manifest.version}: Boards, Test Plans, Dashboards and Project settings with the extension's contributions.`));
  }

  private async renderBoards(): Promise<void> {
    const query = new URLSearchParams(location.hash.split("?")[1] ?? "");
    const type = query.get("type") ?? "";
    this.main.appendChild(el("h1", {}, "Work items"));
    this.main.appendChild(
      el("div", { className: "toolbar" },
        ...["Bug", "Test Case", "User Story"].map((t) => el("button", { onclick: () => this.navigation.openNewWorkItem(t) }, `New ${t}`)),
        ...["", "Bug", "Test Case", "User Story"].map((t) => el("a", { className: t === type ? "chip selected" : "chip", href: `#/boards${t ? `?type=${encodeURIComponent(t)}` : ""}` }, t || "All"))),
    );
    const status = el("div", { className: "page-status" }, "Loading…");
    this.main.appendChild(status);
    const where = type ? ` AND [System.WorkItemType] = '${type.replace(/'/g, "''")}'` : "";
    try {
      const result = await this.session.rest<{ workItems: Array<{ id: number }> }>(this.session.projectPath("_apis/wit/wiql?$top=100"), {
        method: "POST",
        body: { query: `SELECT [System.Id] FROM WorkItems WHERE [System.TeamProject] = @project${where} ORDER BY [System.ChangedDate] DESC` },
      });
      const ids = result.workItems.map((w) => w.id);
      status.remove();
      if (ids.length === 0) {
        this.main.appendChild(el("p", { className: "muted" }, "No work items."));
        return;
      }
      const batch = await this.session.rest<{ value: Array<{ id: number; fields: Record<string, unknown> }> } | Array<{ id: number; fields: Record<string, unknown> }>>("_apis/wit/workitemsbatch", {
        method: "POST",
        body: { ids, fields: ["System.Id", "System.WorkItemType", "System.Title", "System.State", "Microsoft.VSTS.Common.Severity"] },
      });
      const items = Array.isArray(batch) ? batch : batch.value;
      const table = el("table", { className: "grid" }, el("thead", {}, el("tr", {}, ...["ID", "Type", "Title", "State", "Severity"].map((h) => el("th", {}, h)))));
      const body = el("tbody");
      for (const item of items) {
        body.appendChild(
          el("tr", {},
            el("td", {}, el("a", { href: `#/workitems/${item.id}` }, String(item.id))),
            el("td", {}, String(item.fields["System.WorkItemType"] ?? "")),
            el("td", {}, el("a", { href: `#/workitems/${item.id}` }, String(item.fields["System.Title"] ?? ""))),
            el("td", {}, String(item.fields["System.State"] ?? "")),
            el("td", {}, String(item.fields["Microsoft.VSTS.Common.Severity"] ?? ""))),
        );
      }
      table.appendChild(body);
      this.main.appendChild(table);
    } catch (error) {
      status.textContent = `Could not load work items: ${(error as Error).message}`;
      status.className = "message error";
    }
  }

  private renderHubGroup(group: string): void {
    const { label, target } = HUB_GROUPS[group];
    const hubs = this.extension.byType("ms.vss-web.hub").filter((hub) => hub.targets.some((t) => t.endsWith(target)));
    this.main.appendChild(el("h1", {}, label));
    if (hubs.length === 0) {
      this.main.appendChild(el("p", { className: "muted" }, "The extension contributes no hub here."));
      return;
    }
    this.main.appendChild(el("ul", { className: "hub-list" }, ...hubs.map((hub) => el("li", {}, el("a", { href: `#/hub/${encodeURIComponent(hub.id)}` }, String(hub.properties.name ?? hub.id))))));
  }

  private renderHub(contributionId: string): void {
    const contribution: ManifestContribution | undefined = this.extension.find(contributionId);
    if (!contribution) {
      this.main.appendChild(el("div", { className: "message error", role: "alert" }, `No hub ${contributionId} in the extension.`));
      return;
    }
    const container = el("div", { className: "hub-frame" });
    this.main.appendChild(container);
    const frame = new ContributionFrame(this.router, {
      extension: this.extension,
      contribution,
      container,
      session: this.session,
      initialConfig: {},
      services: buildServices({ session: this.session, navigation: this.navigation, frameId: contribution.id, pageRoute: { id: contribution.id, routeValues: { project: this.session.project.name } } }),
      onEvent: (event, detail) => {
        if (event === "loadFailed") container.appendChild(el("div", { className: "message error", role: "alert" }, `The hub failed to load: ${String(detail)}`));
      },
    });
    this.active = { dispose: () => frame.dispose(), themeChanged: (variables) => void frame.dispatchTheme(variables) };
  }
}

async function start(): Promise<void> {
  const main = document.getElementById("main") as HTMLElement;
  try {
    // ?user=<id> signs the page in as another seeded user (e.g. a tester without admin rights);
    // ?project=<name> opens another project of the organization.
    const params = new URLSearchParams(location.search);
    const contextQuery = new URLSearchParams();
    for (const key of ["user", "project"]) {
      const value = params.get(key);
      if (value) contextQuery.set(key, value);
    }
    const query = contextQuery.toString();
    const contextResponse = await fetch(`/_devhost/context${query ? `?${query}` : ""}`);
    if (!contextResponse.ok) throw new Error(`host context: ${contextResponse.status} ${await contextResponse.text()}`);
    const context = (await contextResponse.json()) as HostContext;
    const theme = (params.get("theme") ?? localStorage.getItem("devhost:theme") ?? "light") as ThemeName;
    const session = new HostSession(context, theme === "dark" ? "dark" : "light");
    const extension = await loadExtension("/vss-extension.json", `${location.origin}/`);
    document.getElementById("project-name")!.textContent = context.project.name;
    const userName = document.getElementById("user-name");
    if (userName) userName.textContent = context.user.displayName;
    const themeButton = document.getElementById("theme-toggle") as HTMLButtonElement;
    themeButton.addEventListener("click", () => {
      const next: ThemeName = session.theme === "dark" ? "light" : "dark";
      localStorage.setItem("devhost:theme", next);
      session.setTheme(next);
    });
    const shell = new Shell(session, extension, main, document.getElementById("toasts") as HTMLElement);
    (window as unknown as { devhost: unknown }).devhost = { session, extension, shell };
    await shell.route();
  } catch (error) {
    clear(main);
    main.appendChild(el("div", { className: "message error", role: "alert" }, `The host page could not start: ${(error as Error).message}`));
  }
}

void start();

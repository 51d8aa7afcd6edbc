import { clear, el } from "./dom";
import { ContributionFrame } from "./frame";
import type { LoadedExtension, ManifestContribution } from "./manifest";
import type { HostSession } from "./session";
import { buildServices, ShellNavigation } from "./services";
import type { ChannelRouter } from "./xdm";

const WIDGET = "ms.vss-dashboards-web.widget";
const WIDGET_CONFIGURATION = "ms.vss-dashboards-web.widget-configuration";
const CONFIGURATION_CHANGE = "ms.vss-dashboards-web.configurationChange";
const CELL = 160;
const GAP = 10;
const DASHBOARD_DOCUMENT = "_apis/ExtensionManagement/InstalledExtensions/devhost/dashboards/Data/Scopes/Default/Current/Collections/dashboards/Documents";

interface Size {
  rowSpan: number;
  columnSpan: number;
}

interface PlacedWidget {
  id: string;
  contributionId: string;
  name: string;
  size: Size;
  customSettings: { data: string | null; version: { major: number; minor: number; patch: number } };
}

interface DashboardDocument {
  id: string;
  __etag?: number;
  widgets: PlacedWidget[];
}

interface WidgetObject {
  preload?: (settings: unknown) => Promise<unknown>;
  load?: (settings: unknown) => Promise<unknown>;
  reload?: (settings: unknown) => Promise<unknown>;
  onSave?: () => Promise<{ isValid: boolean; customSettings?: PlacedWidget["customSettings"] }>;
}

export interface DashboardPageOptions {
  root: HTMLElement;
  session: HostSession;
  extension: LoadedExtension;
  router: ChannelRouter;
  navigation: ShellNavigation;
}

function settingsOf(widget: PlacedWidget) {
  return { name: widget.name, size: widget.size, customSettings: widget.customSettings, lightbox: undefined };
}

function pixels(size: Size) {
  return { width: size.columnSpan * CELL + (size.columnSpan - 1) * GAP, height: size.rowSpan * CELL + (size.rowSpan - 1) * GAP };
}

/** A dashboard of the extension's widgets: add, configure with live preview, resize, remove; saved on the server. */
export class DashboardPage {
  private document: DashboardDocument = { id: "default", widgets: [] };
  private readonly frames = new Map<string, ContributionFrame>();
  private configurationFrames: ContributionFrame[] = [];

  constructor(private readonly options: DashboardPageOptions) {}

  private widgets(): ManifestContribution[] {
    return this.options.extension.byType(WIDGET);
  }

  private async loadDocument(): Promise<void> {
    try {
      this.document = await this.options.session.rest<DashboardDocument>(`${DASHBOARD_DOCUMENT}/default`);
    } catch (error) {
      if ((error as { status?: number }).status !== 404) throw error;
      this.document = { id: "default", widgets: [] };
    }
  }

  private async persist(): Promise<void> {
    // Widgets on screen hold references into this.document, so only the etag is taken back.
    const saved = await this.options.session.rest<DashboardDocument>(DASHBOARD_DOCUMENT, { method: "PUT", body: { ...this.document, __etag: -1 } });
    this.document.__etag = saved.__etag;
  }

  async render(): Promise<void> {
    const { root } = this.options;
    clear(root);
    root.appendChild(el("h1", {}, "Dashboard"));
    const catalog = this.widgets();
    const picker = el("select", { id: "widget-catalog", "aria-label": "Widget to add" }, ...catalog.map((w) => el("option", { value: w.id }, String(w.properties.name ?? w.id))));
    root.appendChild(
      el("div", { className: "toolbar" },
        catalog.length ? picker : el("span", { className: "muted" }, "The extension contributes no widgets."),
        catalog.length ? el("button", { id: "widget-add", onclick: () => void this.add(picker.value) }, "Add widget") : null),
    );
    const grid = el("div", { className: "dashboard-grid", id: "dashboard-grid" });
    root.appendChild(grid);
    try {
      await this.loadDocument();
    } catch (error) {
      root.appendChild(el("div", { className: "message error", role: "alert" }, `The dashboard could not be loaded: ${(error as Error).message}`));
      return;
    }
    this.renderGrid(grid);
  }

  private renderGrid(grid: HTMLElement): void {
    this.frames.forEach((frame) => frame.dispose());
    this.frames.clear();
    clear(grid);
    for (const widget of this.document.widgets) grid.appendChild(this.renderWidget(widget));
    this.renderEmptyState();
  }

  private renderEmptyState(): void {
    const grid = document.getElementById("dashboard-grid");
    const empty = document.getElementById("dashboard-empty");
    if (this.document.widgets.length === 0 && !empty) grid?.insertAdjacentElement("afterend", el("p", { className: "muted", id: "dashboard-empty" }, "No widgets on this dashboard yet: pick one above and add it."));
    if (this.document.widgets.length > 0) empty?.remove();
  }

  private renderWidget(widget: PlacedWidget): HTMLElement {
    const contribution = this.options.extension.find(widget.contributionId);
    const { width, height } = pixels(widget.size);
    const cell = el("div", { className: "widget-cell", "data-widget-id": widget.id, style: `width:${width}px;height:${height}px` });
    const sizes: Size[] = (contribution?.properties.supportedSizes as Size[] | undefined) ?? [widget.size];
    const sizePicker = el("select", { "aria-label": "Widget size", className: "widget-size" }, ...sizes.map((s) => el("option", { value: `${s.columnSpan}x${s.rowSpan}` }, `${s.columnSpan}×${s.rowSpan}`)));
    sizePicker.value = `${widget.size.columnSpan}x${widget.size.rowSpan}`;
    sizePicker.addEventListener("change", () => {
      const [columnSpan, rowSpan] = sizePicker.value.split("x").map(Number);
      void this.resize(widget, { columnSpan, rowSpan });
    });
    const menu = el("div", { className: "widget-menu" },
      el("button", { className: "widget-configure", onclick: () => void this.configure(widget) }, "Configure"),
      sizePicker,
      el("button", { className: "widget-remove", onclick: () => void this.remove(widget) }, "Remove"));
    cell.appendChild(menu);
    if (!contribution) {
      cell.appendChild(el("div", { className: "message error", role: "alert" }, `Widget ${widget.contributionId} is no longer in the extension.`));
      return cell;
    }
    const frame = new ContributionFrame(this.options.router, {
      extension: this.options.extension,
      contribution,
      container: cell,
      session: this.options.session,
      height: height - 28,
      fixedHeight: true,
      initialConfig: {},
      services: buildServices({ session: this.options.session, navigation: this.options.navigation, frameId: widget.id }),
    });
    frame.iframe.style.width = `${width}px`;
    this.frames.set(widget.id, frame);
    void this.callWidget(frame, widget, "load");
    return cell;
  }

  private async callWidget(frame: ContributionFrame, widget: PlacedWidget, method: "load" | "reload"): Promise<void> {
    try {
      const instance = await frame.getRegisteredObject<WidgetObject>();
      if (method === "load") {
        await instance.preload?.(settingsOf(widget));
        await instance.load?.(settingsOf(widget));
      } else {
        await (instance.reload ?? instance.load)?.(settingsOf(widget));
      }
    } catch (error) {
      frame.iframe.insertAdjacentElement("afterend", el("div", { className: "message error", role: "alert" }, `Widget failed: ${(error as Error).message}`));
    }
  }

  private async add(contributionId: string): Promise<void> {
    const contribution = this.options.extension.find(contributionId);
    if (!contribution) return;
    const sizes = (contribution.properties.supportedSizes as Size[] | undefined) ?? [{ rowSpan: 1, columnSpan: 2 }];
    const widget: PlacedWidget = {
      id: `w${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`,
      contributionId: contribution.id,
      name: String(contribution.properties.name ?? contribution.id),
      size: sizes[0],
      customSettings: { data: null, version: { major: 1, minor: 0, patch: 0 } },
    };
    this.document.widgets.push(widget);
    await this.persist();
    document.getElementById("dashboard-grid")?.appendChild(this.renderWidget(widget));
    this.renderEmptyState();
  }

  private async remove(widget: PlacedWidget): Promise<void> {
    this.document.widgets = this.document.widgets.filter((w) => w.id !== widget.id);
    await this.persist();
    this.frames.get(widget.id)?.dispose();
    this.frames.delete(widget.id);
    document.querySelector(`[data-widget-id="${widget.id}"]`)?.remove();
    this.renderEmptyState();
  }

  private async resize(widget: PlacedWidget, size: Size): Promise<void> {
    widget.size = size;
    await this.persist();
    const old = document.querySelector(`[data-widget-id="${widget.id}"]`);
    this.frames.get(widget.id)?.dispose();
    old?.replaceWith(this.renderWidget(widget));
  }

  /** The widget's configuration frame beside a live preview; Save persists, Cancel restores. */
  private async configure(widget: PlacedWidget): Promise<void> {
    const contribution = this.options.extension.find(widget.contributionId);
    const configurationContribution = contribution?.targets
      .map((target) => this.options.extension.find(target))
      .find((c): c is ManifestContribution => Boolean(c && c.type === WIDGET_CONFIGURATION));
    if (!contribution || !configurationContribution) {
      this.options.navigation.toast("This widget has nothing to configure.");
      return;
    }
    const draft: PlacedWidget = JSON.parse(JSON.stringify(widget));
    const dialog = el("dialog", { className: "widget-configuration", "aria-label": "Configure widget" });
    const configurationBox = el("div", { className: "configuration-frame" });
    const previewBox = el("div", { className: "preview-frame", "aria-label": "Preview" });
    const status = el("div", { className: "configuration-status", role: "status" });
    const close = () => {
      this.configurationFrames.forEach((f) => f.dispose());
      this.configurationFrames = [];
      dialog.close();
      dialog.remove();
    };
    dialog.appendChild(el("h2", {}, `Configure ${widget.name}`));
    dialog.appendChild(el("div", { className: "configuration-columns" }, configurationBox, previewBox));
    dialog.appendChild(status);
    const saveButton = el("button", { className: "primary", id: "configuration-save" }, "Save");
    dialog.appendChild(el("div", { className: "toolbar" }, saveButton, el("button", { id: "configuration-cancel", onclick: close }, "Cancel")));
    document.body.appendChild(dialog);
    dialog.showModal();

    const { width, height } = pixels(draft.size);
    const preview = new ContributionFrame(this.options.router, {
      extension: this.options.extension,
      contribution,
      container: previewBox,
      session: this.options.session,
      height,
      fixedHeight: true,
      services: buildServices({ session: this.options.session, navigation: this.options.navigation, frameId: `${widget.id}-preview` }),
    });
    preview.iframe.style.width = `${width}px`;
    const configuration = new ContributionFrame(this.options.router, {
      extension: this.options.extension,
      contribution: configurationContribution,
      container: configurationBox,
      session: this.options.session,
      services: buildServices({ session: this.options.session, navigation: this.options.navigation, frameId: `${widget.id}-configuration` }),
    });
    this.configurationFrames = [preview, configuration];
    void this.callWidget(preview, draft, "load");
    const widgetConfigurationContext = {
      notify: async (event: string, args: { data?: unknown }) => {
        if (event !== CONFIGURATION_CHANGE) return;
        const data = args?.data as PlacedWidget["customSettings"] | string | undefined;
        draft.customSettings = typeof data === "string" || data === null || data === undefined ? { ...draft.customSettings, data: (data as string) ?? null } : data;
        status.textContent = "Previewing unsaved changes";
        await this.callWidget(preview, draft, "reload");
      },
    };
    try {
      const instance = await configuration.getRegisteredObject<{ load?: (settings: unknown, context: unknown) => Promise<unknown> } & WidgetObject>();
      await instance.load?.(settingsOf(draft), widgetConfigurationContext);
      saveButton.addEventListener("click", async () => {
        const result = await instance.onSave?.();
        if (result && result.isValid === false) {
          status.textContent = "The configuration is not valid yet.";
          return;
        }
        widget.customSettings = result?.customSettings ?? draft.customSettings;
        await this.persist();
        close();
        await this.resize(widget, widget.size);
      });
    } catch (error) {
      status.textContent = `The configuration failed to load: ${(error as Error).message}`;
    }
  }

  dispose(): void {
    this.frames.forEach((frame) => frame.dispose());
    this.configurationFrames.forEach((frame) => frame.dispose());
  }

  themeChanged(variables: Record<string, string>): void {
    this.frames.forEach((frame) => void frame.dispatchTheme(variables));
  }
}

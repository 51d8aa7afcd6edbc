import { clear, el } from "./dom";
import { ContributionFrame } from "./frame";
import type { ChannelRouter } from "./xdm";
import type { LoadedExtension, ManifestContribution } from "./manifest";
import type { HostSession } from "./session";
import { buildServices, ShellNavigation } from "./services";
import { FormNotification, WorkItemSession } from "./workItemSession";

const FORM_TARGET = "ms.vss-work-web.work-item-form";
const STANDARD_FIELDS: Array<{ field: string; label: string; kind: "text" | "textarea" | "select"; options?: string[]; onlyFor?: string[] }> = [
  { field: "System.Title", label: "Title", kind: "text" },
  { field: "System.State", label: "State", kind: "select", options: ["New", "Active", "Resolved", "Closed", "Design", "Ready", "Removed"] },
  { field: "System.AssignedTo", label: "Assigned To", kind: "text" },
  { field: "Microsoft.VSTS.Common.Severity", label: "Severity", kind: "select", options: ["", "1 - Critical", "2 - High", "3 - Medium", "4 - Low"], onlyFor: ["Bug"] },
  { field: "Microsoft.VSTS.Common.Priority", label: "Priority", kind: "select", options: ["", "1", "2", "3", "4"] },
  { field: "System.Description", label: "Description", kind: "textarea" },
];

interface LayoutEntry {
  id: string;
  label?: string;
  visible?: boolean;
  isContribution?: boolean;
  contribution: { contributionId: string; inputs?: Record<string, unknown>; height?: number };
}

export interface FormPageOptions {
  root: HTMLElement;
  session: HostSession;
  extension: LoadedExtension;
  router: ChannelRouter;
  navigation: ShellNavigation;
  workItemId?: number;
  newType?: string;
  initialValues?: Record<string, unknown>;
}

export class FormPage {
  private readonly frames: ContributionFrame[] = [];
  private readonly frameIds: string[] = [];
  private workItem?: WorkItemSession;
  private readonly inputs = new Map<string, HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>();

  constructor(private readonly options: FormPageOptions) {}

  async render(): Promise<void> {
    const { root, session, workItemId, newType } = this.options;
    clear(root);
    root.appendChild(el("div", { className: "page-status" }, "Loading work item…"));
    let type = newType ?? "";
    if (workItemId) {
      try {
        const item = await session.rest<{ fields: Record<string, unknown> }>(session.projectPath(`_apis/wit/workitems/${workItemId}?fields=System.WorkItemType`));
        type = String(item.fields["System.WorkItemType"]);
      } catch (error) {
        clear(root);
        root.appendChild(el("div", { className: "message error", role: "alert" }, `Work item ${workItemId} could not be opened: ${(error as Error).message}`));
        return;
      }
    }
    const workItem = new WorkItemSession(session, type, workItemId);
    this.workItem = workItem;
    await workItem.load();
    if (this.options.initialValues) workItem.setValues(this.options.initialValues);

    clear(root);
    const title = el("h1", { className: "form-title" });
    const messages = el("div", { className: "form-messages", "aria-live": "polite" });
    const saveButton = el("button", { className: "primary", id: "form-save", onclick: () => void this.save(messages) }, "Save");
    const toolbar = el(
      "div",
      { className: "toolbar" },
      saveButton,
      el("button", { id: "form-refresh", onclick: () => void workItem.refresh().catch((e) => this.showMessage(messages, (e as Error).message, "error")) }, "Refresh"),
      el("button", { id: "form-reset", onclick: () => workItem.reset() }, "Undo changes"),
    );
    const standard = el("section", { className: "form-standard", "aria-label": "Standard fields" });
    const contributed = el("section", { className: "form-contributed", "aria-label": "Extension groups" });
    const links = el("section", { className: "form-links", "aria-label": "Links" });
    root.appendChild(el("div", { className: "form-page", "data-work-item-id": String(workItem.id || "new") }, title, toolbar, messages, el("div", { className: "form-columns" }, standard, contributed), links));

    const renderTitle = () => {
      title.textContent = `${type} ${workItem.id ? workItem.id : "(new)"}: ${String(workItem.value("System.Title") ?? "")}${workItem.isDirty() ? " *" : ""}`;
    };
    this.renderStandardFields(standard, workItem, type);
    this.renderLinks(links, workItem);
    renderTitle();

    workItem.onChange((kind, detail) => {
      renderTitle();
      if (kind === "fields") this.syncInputs(workItem, Object.keys(detail as Record<string, unknown>));
      if (kind === "saved" || kind === "refreshed" || kind === "reset") {
        this.syncInputs(workItem, Array.from(this.inputs.keys()));
        this.renderLinks(links, workItem);
      }
      if (kind === "relations") this.renderLinks(links, workItem);
      if (kind === "errors" || kind === "saveFailed" || kind === "saved") this.renderMessages(messages, workItem);
      saveButton.toggleAttribute("aria-disabled", workItem.blockingErrors().length > 0);
    });

    await this.renderContributions(contributed, workItem, type);
  }

  private renderStandardFields(container: HTMLElement, workItem: WorkItemSession, type: string): void {
    for (const spec of STANDARD_FIELDS) {
      if (spec.onlyFor && !spec.onlyFor.includes(type)) continue;
      const id = `field-${spec.field.replace(/\W/g, "-")}`;
      const current = displayValue(workItem.value(spec.field));
      let input: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;
      if (spec.kind === "select") {
        const options = spec.options ?? [];
        if (current && !options.includes(current)) options.push(current);
        input = el("select", { id, "data-field": spec.field }, ...options.map((o) => el("option", { value: o }, o || "(none)")));
        input.value = current;
      } else if (spec.kind === "textarea") {
        input = el("textarea", { id, rows: 4, "data-field": spec.field });
        input.value = current;
      } else {
        input = el("input", { id, type: "text", "data-field": spec.field, value: current });
      }
      input.disabled = workItem.readOnly;
      input.addEventListener(spec.kind === "select" ? "change" : "input", () => {
        const raw = input.value;
        workItem.setValues({ [spec.field]: spec.field === "Microsoft.VSTS.Common.Priority" && raw ? Number(raw) : raw });
      });
      this.inputs.set(spec.field, input);
      container.appendChild(el("label", { className: "field", for: id }, el("span", {}, spec.label), input));
    }
  }

  private syncInputs(workItem: WorkItemSession, fields: string[]): void {
    for (const field of fields) {
      const input = this.inputs.get(field);
      if (input && document.activeElement !== input) input.value = displayValue(workItem.value(field));
    }
  }

  private renderLinks(container: HTMLElement, workItem: WorkItemSession): void {
    clear(container);
    container.appendChild(el("h2", {}, "Links"));
    const relations = workItem.relations();
    if (relations.length === 0) {
      container.appendChild(el("p", { className: "muted" }, "No links."));
      return;
    }
    container.appendChild(
      el(
        "ul",
        {},
        ...relations.map((relation) => {
          const id = /workItems\/(\d+)$/i.exec(relation.url)?.[1];
          return el("li", {}, `${relation.rel} → `, id ? el("a", { href: `#/workitems/${id}` }, `#${id}`) : relation.url);
        }),
      ),
    );
  }

  private renderMessages(container: HTMLElement, workItem: WorkItemSession): void {
    clear(container);
    for (const error of workItem.blockingErrors()) this.showMessage(container, error, "error", "blocking-error");
    if (workItem.lastSaveError) this.showMessage(container, workItem.lastSaveError, "error", "save-error");
  }

  private showMessage(container: HTMLElement, text: string, level: "error" | "info", kind = "message"): void {
    container.appendChild(el("div", { className: `message ${level}`, role: "alert", "data-kind": kind }, text));
  }

  private async save(messages: HTMLElement): Promise<void> {
    if (!this.workItem) return;
    const wasNew = this.workItem.isNew;
    try {
      await this.workItem.save();
      clear(messages);
      this.showMessage(messages, `Saved work item ${this.workItem.id}.`, "info", "saved");
      if (wasNew) history.replaceState(null, "", `#/workitems/${this.workItem.id}`);
    } catch {
      this.renderMessages(messages, this.workItem);
    }
  }

  /**
   * Places the extension's form contributions as Azure DevOps does: groups and controls where the
   * type's layout puts them (hidden ones left out); a group the layout does not mention at all is
   * shown, as on a process nobody has customised; observers run without a visible frame.
   */
  private async renderContributions(container: HTMLElement, workItem: WorkItemSession, type: string): Promise<void> {
    const { extension } = this.options;
    const layout = await this.layoutContributions(type);
    const mentioned = new Set(layout.map((entry) => extension.fullId(entry.contribution.contributionId)));
    const unplacedGroups = extension
      .byTarget(FORM_TARGET)
      .filter((c) => c.type === "ms.vss-work-web.work-item-form-group" || c.type === "ms.vss-work-web.work-item-form-page")
      .filter((c) => !mentioned.has(extension.fullId(c)))
      .map((contribution) => ({ contribution, label: String(contribution.properties.name ?? contribution.id), inputs: {}, height: contribution.properties.height }));
    const placed = layout
      .filter((entry) => entry.visible !== false)
      .map((entry) => ({ contribution: extension.find(entry.contribution.contributionId), label: entry.label, inputs: entry.contribution.inputs, height: entry.contribution.height }))
      .filter((entry): entry is { contribution: ManifestContribution; label: string | undefined; inputs: Record<string, unknown> | undefined; height: number | undefined } => Boolean(entry.contribution));
    for (const entry of [...placed, ...unplacedGroups]) {
      const label = entry.label ?? String(entry.contribution.properties.name ?? entry.contribution.id);
      const box = el("div", { className: "form-group", "data-contribution-box": entry.contribution.id }, el("h2", {}, label));
      container.appendChild(box);
      const initialConfig = entry.contribution.type === "ms.vss-work-web.work-item-form-control" ? { witInputs: entry.inputs ?? {} } : {};
      this.mountFrame(box, entry.contribution, workItem, initialConfig, typeof entry.height === "number" ? entry.height : undefined);
    }
    for (const observer of extension.byType("ms.vss-work-web.work-item-notifications")) {
      const hidden = el("div", { className: "observer" });
      container.appendChild(hidden);
      this.mountFrame(hidden, observer, workItem, {}, 0);
    }
  }

  /** Contributed groups and controls on the type's form layout in the project's process. */
  private async layoutContributions(type: string): Promise<LayoutEntry[]> {
    const { session } = this.options;
    try {
      const properties = await session.rest<Array<{ name: string; value: string }> | { value: Array<{ name: string; value: string }> }>(`_apis/projects/${encodeURIComponent(session.project.id)}/properties`, { apiVersion: "7.1-preview.1" });
      const list = Array.isArray(properties) ? properties : properties.value;
      const processId = list.find((p) => p.name === "System.ProcessTemplateType")?.value;
      if (!processId) return [];
      const types = await session.rest<Array<{ name: string; referenceName: string }> | { value: Array<{ name: string; referenceName: string }> }>(`_apis/work/processes/${processId}/workitemtypes`);
      const witRef = (Array.isArray(types) ? types : types.value).find((t) => t.name === type)?.referenceName;
      if (!witRef) return [];
      const layout = await session.rest<{ pages: Array<{ sections: Array<{ groups: Array<LayoutEntry & { controls: LayoutEntry[] }> }> }> }>(`_apis/work/processes/${processId}/workItemTypes/${encodeURIComponent(witRef)}/layout`);
      const entries: LayoutEntry[] = [];
      for (const page of layout.pages ?? []) for (const section of page.sections ?? []) for (const group of section.groups ?? []) {
        if (group.isContribution && group.contribution?.contributionId) entries.push(group);
        for (const control of group.controls ?? []) if (control.isContribution && control.contribution?.contributionId) entries.push(control);
      }
      return entries;
    } catch {
      return [];
    }
  }

  private mountFrame(box: HTMLElement, contribution: ManifestContribution, workItem: WorkItemSession, initialConfig: Record<string, unknown>, height?: number): void {
    const { session, extension, router, navigation } = this.options;
    const frameId = `${contribution.id}#${this.frames.length}`;
    const frame = new ContributionFrame(router, {
      extension,
      contribution,
      container: box,
      session,
      initialConfig,
      height,
      services: buildServices({ session, navigation, workItem, frameId }),
    });
    this.frames.push(frame);
    this.frameIds.push(frameId);
    frame
      .getRegisteredObject()
      .then((listener) => {
        workItem.addListener({
          frameId,
          notify: (method: FormNotification, args: unknown) => {
            const callback = listener[method];
            if (typeof callback === "function") void callback(args);
          },
        });
        const onLoaded = listener.onLoaded;
        if (typeof onLoaded === "function") void onLoaded(workItem.loadedArgs());
      })
      .catch((error: Error) => {
        box.appendChild(el("div", { className: "message error", role: "alert" }, `${contribution.id}: ${error.message}`));
      });
  }

  dispose(): void {
    if (this.workItem) {
      this.workItem.notifyAll("onUnloaded", { id: this.workItem.id });
      for (const frameId of this.frameIds) this.workItem.removeListener(frameId);
    }
    this.frames.forEach((frame) => frame.dispose());
  }

  themeChanged(variables: Record<string, string>): void {
    this.frames.forEach((frame) => void frame.dispatchTheme(variables));
  }
}

function displayValue(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "object" && value !== null && "displayName" in value) return String((value as { displayName: unknown }).displayName);
  return String(value);
}

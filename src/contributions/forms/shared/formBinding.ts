// Keeps a group of work item fields, what the user typed into them and the form's save-blocking
// error in step, following the form's notifications. No React here: the hook in
// useFormBinding.ts subscribes to it.
//
// Rules that protect typed input:
// - A value the form refuses stays on screen, marked as not saved, and blocks saving (so a save
//   never silently drops it) until it is written again or the user takes the form's value.
// - A change made elsewhere on the form replaces the shown value, unless the user's text here had
//   not reached the form: then both are kept and the user chooses.
// - Echoes of our own writes (the host reports them as field changes) never undo later typing.

import type { FormEvent, FormEvents } from "../../../ado/formEvents";
import type { WorkItemForm } from "../../../ado/workItemForm";
import type { FieldProblem } from "../../../ui/FieldProblems";
import { failureMessage } from "../../../ado/errors";

export interface BoundField {
  /** Reference name, e.g. Custom.MhhsTestStage. */
  name: string;
  /** As shown next to the control and in the save-blocking message. */
  label: string;
}

export type FieldValues = Readonly<Record<string, string>>;
export type ProblemsByField = Readonly<Record<string, readonly FieldProblem[]>>;
export type Validator = (values: FieldValues) => ProblemsByField;

/** A link of the work item, as the form service returns it. */
export interface LinkedRelation {
  rel: string;
  url: string;
  attributes?: Record<string, unknown>;
}

export type NoticeKind = "readFailed" | "writeFailed" | "conflict" | "linksFailed" | "errorNotSent";

export interface FieldNotice {
  kind: NoticeKind;
  /** The field it is about; absent for the links and the form's error. */
  field?: string;
  message: string;
}

export interface FormBindingState {
  status: "loading" | "ready";
  /** 0 (or absent) until a new work item is saved. */
  workItemId?: number;
  isNew: boolean;
  readOnly: boolean;
  values: FieldValues;
  problems: ProblemsByField;
  /** Fields whose shown text the form does not hold (refused, failed or in conflict). */
  unsynced: Readonly<Record<string, true>>;
  /** Fields that could not be read, with the reason: their controls are disabled. */
  unreadable: Readonly<Record<string, string>>;
  notices: readonly FieldNotice[];
  relations: readonly LinkedRelation[];
  /** The message the form is given to block saving; undefined when the group is valid. */
  blockingMessage?: string;
}

export interface FormBindingOptions {
  /** Fields the group edits, in the order their problems are reported. */
  fields: readonly BoundField[];
  /** Fields read for display only (severity, state, dates); one missing from the work item type reads as "". */
  watched?: readonly string[];
  /** Also read the work item's links. */
  relations?: boolean;
  validate?: Validator;
}

const RECENT_WRITES_KEPT = 20;
// Adding or removing a link changes these counters, which is how the form reports it.
const LINK_COUNT_FIELDS = /LinkCount$/i;

export function fieldText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "" : value.toISOString();
  return String(value);
}

function reasonOf(error: unknown): string {
  return failureMessage(error);
}

function without<T>(record: Readonly<Record<string, T>>, key: string): Record<string, T> {
  const copy = { ...record };
  delete copy[key];
  return copy;
}

function describeProblem(label: string, problem: FieldProblem): string {
  return problem.token ? `${label}: ${problem.token}: ${problem.reason}` : `${label}: ${problem.reason}`;
}

/** One message for the whole group: the first problem, and how many more there are. */
export function summariseProblems(fields: readonly BoundField[], problems: ProblemsByField): string | undefined {
  let first: string | undefined;
  let count = 0;
  for (const field of fields) {
    for (const problem of problems[field.name] ?? []) {
      first ??= describeProblem(field.label, problem);
      count++;
    }
  }
  if (first === undefined) return undefined;
  return count > 1 ? `${first} (and ${count - 1} more)` : first;
}

export class FormBinding {
  private state: FormBindingState = {
    status: "loading",
    isNew: false,
    readOnly: false,
    values: {},
    problems: {},
    unsynced: {},
    unreadable: {},
    notices: [],
    relations: [],
  };
  private readonly listeners = new Set<() => void>();
  /** What the form holds, as far as we know. */
  private formValues: Record<string, string> = {};
  private recentWrites: Record<string, string[]> = {};
  private writeCounts: Record<string, number> = {};
  /** The blocking message last given to the form: null after clearError, undefined before either. */
  private sentError: string | null | undefined = undefined;
  private loadGeneration = 0;
  private validate: Validator;
  private readonly editable: Set<string>;

  constructor(
    private readonly form: WorkItemForm,
    private readonly events: FormEvents,
    private readonly options: FormBindingOptions,
  ) {
    this.validate = options.validate ?? (() => ({}));
    this.editable = new Set(options.fields.map((field) => field.name));
  }

  getState(): FormBindingState {
    return this.state;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Follows the form's notifications and reads the fields; returns the function that stops it. */
  start(): () => void {
    const generation = this.loadGeneration;
    const unsubscribe = this.events.subscribe((event) => this.onEvent(event));
    // A replayed "loaded" has started a read already.
    if (this.loadGeneration === generation) void this.load();
    return () => {
      unsubscribe();
      this.loadGeneration++;
    };
  }

  setValidator(validate: Validator): void {
    this.validate = validate;
    this.update({});
  }

  /** The user typed or picked a value: shown at once, written through to the form. */
  set(name: string, text: string): void {
    this.writeCounts[name] = (this.writeCounts[name] ?? 0) + 1;
    this.recentWrites[name] = [...(this.recentWrites[name] ?? []), text].slice(-RECENT_WRITES_KEPT);
    this.update({
      values: { ...this.state.values, [name]: text },
      notices: this.state.notices.filter((notice) => notice.field !== name),
    });
    const settle = (problem: string | undefined) => {
      // A later keystroke has its own write in flight; that one decides.
      if (this.state.values[name] !== text) return;
      if (problem === undefined) {
        this.formValues[name] = text;
        this.update({ unsynced: without(this.state.unsynced, name) });
      } else {
        this.update({
          unsynced: { ...this.state.unsynced, [name]: true },
          notices: [...this.state.notices.filter((n) => n.field !== name), { kind: "writeFailed", field: name, message: problem }],
        });
      }
    };
    this.form.setFieldValue(name, text).then(
      (accepted) => settle(accepted ? undefined : `The form did not accept the new value of ${name}; your text is kept here.`),
      (error) => settle(`Could not update ${name}: ${reasonOf(error)}; your text is kept here.`),
    );
  }

  /** Writes the shown text again (after a refusal or a conflict). */
  retry(name: string): void {
    this.set(name, this.state.values[name] ?? "");
  }

  /** Drops the shown text for the value the form holds. */
  takeFormValue(name: string): void {
    this.update({
      values: { ...this.state.values, [name]: this.formValues[name] ?? "" },
      unsynced: without(this.state.unsynced, name),
      notices: this.state.notices.filter((notice) => notice.field !== name),
    });
  }

  async reloadRelations(): Promise<void> {
    if (!this.options.relations) return;
    try {
      const relations = (await this.form.getWorkItemRelations()) ?? [];
      this.update({ relations, notices: this.state.notices.filter((n) => n.kind !== "linksFailed") });
    } catch (error) {
      this.update({
        notices: [...this.state.notices.filter((n) => n.kind !== "linksFailed"), { kind: "linksFailed", message: `Could not read the links: ${reasonOf(error)}` }],
      });
    }
  }

  private onEvent(event: FormEvent): void {
    switch (event.kind) {
      case "loaded":
        this.update({ workItemId: event.args.id, isNew: event.args.isNew, readOnly: event.args.isReadOnly });
        void this.load();
        break;
      case "fieldChanged":
        this.onFieldsChanged(event.args.changedFields ?? {});
        break;
      case "saved":
        this.update({ workItemId: event.args.id, isNew: false });
        void this.load();
        break;
      case "refreshed":
        void this.load();
        break;
      case "reset":
        // The user discarded the form's changes: text held back here goes with them.
        this.update({ unsynced: {}, notices: [] });
        void this.load();
        break;
      case "unloaded":
        this.loadGeneration++;
        this.formValues = {};
        this.recentWrites = {};
        this.sentError = undefined;
        this.update({ status: "loading", values: {}, unsynced: {}, unreadable: {}, notices: [], relations: [] });
        break;
    }
  }

  private onFieldsChanged(changed: Record<string, unknown>): void {
    const values = { ...this.state.values };
    let notices = this.state.notices;
    let unsynced = this.state.unsynced;
    let linksChanged = false;
    for (const [name, raw] of Object.entries(changed)) {
      if (LINK_COUNT_FIELDS.test(name)) linksChanged = true;
      if (!this.editable.has(name) && !(this.options.watched ?? []).includes(name)) continue;
      const text = fieldText(raw);
      this.formValues[name] = text;
      if (!this.editable.has(name)) {
        values[name] = text;
        continue;
      }
      const echoed = (this.recentWrites[name] ?? []).indexOf(text);
      if (echoed >= 0) {
        this.recentWrites[name] = this.recentWrites[name].slice(echoed + 1);
        continue;
      }
      if (unsynced[name] && values[name] !== text) {
        notices = [
          ...notices.filter((n) => n.field !== name),
          {
            kind: "conflict",
            field: name,
            message: `This field was changed elsewhere on the form to "${text}" while your text here had not reached the form. Keep yours or take the form's value.`,
          },
        ];
        continue;
      }
      values[name] = text;
      unsynced = without(unsynced, name);
      notices = notices.filter((n) => n.field !== name);
    }
    this.update({ values, notices, unsynced });
    if (linksChanged) void this.reloadRelations();
  }

  private async load(): Promise<void> {
    const generation = ++this.loadGeneration;
    const writesAtStart = { ...this.writeCounts };
    const names = [...this.options.fields.map((field) => field.name), ...(this.options.watched ?? [])];
    const reads = await Promise.all(
      names.map((name) =>
        this.form.getFieldValue(name).then(
          (value) => ({ name, text: fieldText(value), failure: undefined as string | undefined }),
          (error) => ({ name, text: "", failure: reasonOf(error) }),
        ),
      ),
    );
    if (generation !== this.loadGeneration) return;
    const values = { ...this.state.values };
    let unsynced = this.state.unsynced;
    const unreadable: Record<string, string> = {};
    const notices = this.state.notices.filter((notice) => notice.kind !== "readFailed");
    for (const { name, text, failure } of reads) {
      const editable = this.editable.has(name);
      if (failure !== undefined && editable) {
        unreadable[name] = failure;
        notices.push({ kind: "readFailed", field: name, message: `Could not read ${name}: ${failure}` });
      }
      this.formValues[name] = text;
      // Typed while the read was on its way: the read may predate the write.
      if ((this.writeCounts[name] ?? 0) !== (writesAtStart[name] ?? 0)) continue;
      if (unsynced[name]) {
        if (values[name] === text) unsynced = without(unsynced, name);
        continue;
      }
      values[name] = text;
    }
    this.update({ status: "ready", values, unsynced, unreadable, notices });
    await this.reloadRelations();
  }

  private update(change: Partial<FormBindingState>): void {
    const next = { ...this.state, ...change };
    next.problems = this.problemsOf(next);
    next.blockingMessage = summariseProblems(this.options.fields, this.blockingProblemsOf(next));
    this.state = next;
    this.listeners.forEach((listener) => listener());
    this.sendError();
  }

  private problemsOf(state: FormBindingState): ProblemsByField {
    if (state.status !== "ready") return {};
    const problems: Record<string, FieldProblem[]> = {};
    for (const [name, list] of Object.entries(this.validate(state.values))) {
      if (list.length > 0) problems[name] = list.slice();
    }
    return problems;
  }

  /** The problems plus text the form does not hold, which a save would drop. */
  private blockingProblemsOf(state: FormBindingState): ProblemsByField {
    const blocking: Record<string, FieldProblem[]> = {};
    for (const field of this.options.fields) {
      const list = [...(state.problems[field.name] ?? [])];
      if (state.unsynced[field.name]) list.push({ token: "", reason: "your text has not reached the form, so saving now would drop it" });
      if (list.length > 0) blocking[field.name] = list;
    }
    return blocking;
  }

  private sendError(): void {
    if (this.state.status !== "ready") return;
    const message = this.state.blockingMessage ?? null;
    if (message === this.sentError) return;
    this.sentError = message;
    const sent = message === null ? this.form.clearError() : this.form.setError(message);
    Promise.resolve(sent).catch((error) => {
      this.update({
        notices: [
          ...this.state.notices.filter((n) => n.kind !== "errorNotSent"),
          { kind: "errorNotSent", message: `Could not tell the form whether it may be saved: ${reasonOf(error)}` },
        ],
      });
    });
  }
}

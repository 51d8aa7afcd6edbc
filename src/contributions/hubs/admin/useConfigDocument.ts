// Editing one configuration document: load, a draft checked on every edit by the document's
// validator (which applies the domain's rules), save with its etag, and on a conflict a reload
// that keeps the editor's changes: someone else's saved version becomes the base and the
// editor's own changes are laid over it (domain/merge.ts). Nothing is saved without a click.

import * as React from "react";
import type { ConfigKind, LoadedConfig } from "../../../ado/configStore";
import { ConfigValidationError, ConflictError, failureMessage, ValidationProblem } from "../../../ado/errors";
import type { Catalogues } from "../../../domain/catalogues";
import { MergeConflict, mergeThreeWay } from "../../../domain/merge";
import type { AdminServices } from "./adminServices";

/** How entries of a document's lists are matched when merging: by MPID, code, plan id, role and path, or id. */
export function configEntryKey(_path: string, item: unknown): string | undefined {
  if (typeof item === "string" || typeof item === "number") return String(item).toUpperCase();
  if (item === null || typeof item !== "object") return undefined;
  const record = item as Record<string, unknown>;
  if (typeof record.mpid === "string") return `mpid:${record.mpid.trim().toUpperCase()}`;
  // A required-test rule: one per market role and path.
  if (typeof record.role === "string" && ("programmeTestCaseIds" in record || "testCaseIds" in record || "path" in record)) {
    return `rule:${record.role.trim().toUpperCase()}|${typeof record.path === "string" ? record.path : ""}`;
  }
  if (typeof record.planId === "number") return `plan:${record.planId}`;
  if (typeof record.participant === "string" && typeof record.environment === "string") {
    return typeof record.id === "string" && record.id
      ? `allocation:${record.id}`
      : `allocation:${[record.participant, record.environment, record.stage, record.from, record.to].map((v) => String(v ?? "").toUpperCase()).join("|")}`;
  }
  if (typeof record.code === "string") return `code:${record.code.trim().toUpperCase()}`;
  if (typeof record.id === "string") return `id:${record.id}`;
  return undefined;
}

export interface ConflictState<T> {
  message: string;
  /** What is stored now, when it could be read. */
  theirs?: LoadedConfig<T>;
}

export interface MergeNotice {
  by?: string;
  conflicts: MergeConflict[];
}

export type DocumentState<T> =
  | { status: "loading" }
  | { status: "failed"; error: string }
  | {
      status: "ready";
      base: LoadedConfig<T>;
      draft: T;
      saving: boolean;
      conflict?: ConflictState<T>;
      merged?: MergeNotice;
      saveError?: string;
      savedNotice?: string;
    };

export interface ConfigDocument<T> {
  state: DocumentState<T>;
  /** The draft's problems (validator paths such as participants[3].roles). */
  problems: ValidationProblem[];
  dirty: boolean;
  update(change: (draft: T) => T): void;
  /** Replaces the draft (an import's result). */
  replace(draft: T): void;
  save(): Promise<void>;
  revert(): void;
  /** After a conflict: their version becomes the base, the editor's changes stay in the draft. */
  keepMine(): Promise<void>;
  /** After a conflict: drop the editor's changes and show their version. */
  takeTheirs(): Promise<void>;
  reload(): void;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function timeOf(iso: string | undefined): string {
  if (!iso) return "";
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? "" : ` at ${date.toLocaleString()}`;
}

export function useConfigDocument<T>(kind: ConfigKind<T>, services: AdminServices, catalogues: Catalogues, onSaved?: (saved: LoadedConfig<T>) => void): ConfigDocument<T> {
  const [state, setState] = React.useState<DocumentState<T>>({ status: "loading" });
  const [attempt, setAttempt] = React.useState(0);
  const live = React.useRef(true);
  React.useEffect(
    () => () => {
      live.current = false;
    },
    [],
  );

  React.useEffect(() => {
    let current = true;
    setState({ status: "loading" });
    services.loadConfig(kind, catalogues).then(
      (loaded) => current && setState({ status: "ready", base: loaded, draft: loaded.data, saving: false }),
      (error: unknown) => current && setState({ status: "failed", error: failureMessage(error) }),
    );
    return () => {
      current = false;
    };
    // Not on catalogues: they change the validation only, and reloading would discard the draft.
  }, [kind, services, attempt]);

  const draft = state.status === "ready" ? state.draft : undefined;
  const problems = React.useMemo(() => (draft === undefined ? [] : kind.validate(draft, { catalogues })), [kind, draft, catalogues]);
  const dirty = state.status === "ready" && !same(state.draft, state.base.data);

  const update = React.useCallback((change: (draft: T) => T) => {
    setState((s) => (s.status === "ready" ? { ...s, draft: change(s.draft), savedNotice: undefined, saveError: undefined } : s));
  }, []);

  const replace = React.useCallback((next: T) => update(() => next), [update]);

  const save = async (): Promise<void> => {
    if (state.status !== "ready" || state.saving) return;
    const { base, draft: toSave } = state;
    setState({ ...state, saving: true, saveError: undefined, savedNotice: undefined });
    try {
      const saved = await services.saveConfig(kind, toSave, base.exists ? base.etag : undefined, catalogues);
      if (!live.current) return;
      // What was typed while the save was under way stays in the draft, over the saved version.
      setState((s) =>
        s.status === "ready" && !same(s.draft, toSave)
          ? { status: "ready", base: saved, draft: s.draft, saving: false, savedNotice: `Saved${timeOf(saved.savedAt)}; what you changed since is not saved yet.` }
          : { status: "ready", base: saved, draft: saved.data, saving: false, savedNotice: `Saved${timeOf(saved.savedAt)}.` },
      );
      onSaved?.(saved);
    } catch (error) {
      if (!live.current) return;
      if (error instanceof ConflictError) {
        setState((s) => (s.status === "ready" ? { ...s, saving: false, conflict: { message: error.message, theirs: error.current as LoadedConfig<T> | undefined } } : s));
      } else {
        const message = error instanceof ConfigValidationError ? error.message : `${kind.title} was not saved: ${failureMessage(error)}`;
        setState((s) => (s.status === "ready" ? { ...s, saving: false, saveError: message } : s));
      }
    }
  };

  const revert = () => setState((s) => (s.status === "ready" ? { ...s, draft: s.base.data, saveError: undefined, merged: undefined } : s));

  const theirVersion = async (conflict: ConflictState<T>): Promise<LoadedConfig<T>> => conflict.theirs ?? services.loadConfig(kind, catalogues);

  const keepMine = async (): Promise<void> => {
    if (state.status !== "ready" || !state.conflict) return;
    try {
      const theirs = await theirVersion(state.conflict);
      if (!live.current) return;
      // Merged with the draft as it is now: what was typed while their version was read is kept.
      setState((s) => {
        if (s.status !== "ready") return s;
        const result = mergeThreeWay(s.base.data, s.draft, theirs.data, configEntryKey);
        return { status: "ready", base: theirs, draft: result.merged, saving: false, merged: { by: theirs.savedBy, conflicts: result.conflicts } };
      });
    } catch (error) {
      if (live.current) setState((s) => (s.status === "ready" ? { ...s, saveError: `The saved version could not be read: ${failureMessage(error)}` } : s));
    }
  };

  const takeTheirs = async (): Promise<void> => {
    if (state.status !== "ready" || !state.conflict) return;
    try {
      const theirs = await theirVersion(state.conflict);
      if (live.current) setState({ status: "ready", base: theirs, draft: theirs.data, saving: false });
    } catch (error) {
      if (live.current) setState((s) => (s.status === "ready" ? { ...s, saveError: `The saved version could not be read: ${failureMessage(error)}` } : s));
    }
  };

  const reload = React.useCallback(() => setAttempt((n) => n + 1), []);

  return { state, problems, dirty, update, replace, save, revert, keepMine, takeTheirs, reload };
}

/** The problems under a path prefix: "participants[3]" gives those of that entry and its fields. */
export function problemsUnder(problems: readonly ValidationProblem[], prefix: string): ValidationProblem[] {
  return problems.filter((p) => p.path === prefix || p.path.startsWith(`${prefix}.`) || p.path.startsWith(`${prefix}[`));
}

/** The messages of the problems at exactly one path ("retests", "stagesByPath.SIT"). */
export function messagesAt(problems: readonly ValidationProblem[], path: string): string[] {
  return problems.filter((p) => p.path === path).map((p) => p.message);
}

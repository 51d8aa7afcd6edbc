import * as React from "react";
import { Button } from "azure-devops-ui/Button";
import { MessageCard, MessageCardSeverity } from "azure-devops-ui/MessageCard";
import { LoadFailure, Loading } from "../../../ui/LoadStatus";
import { ProblemList } from "./controls";
import type { ConfigDocument } from "./useConfigDocument";

function describePath(path: string): string {
  return path.replace(/\[(\d+)\]/g, (_m, index: string) => ` row ${Number(index) + 1}`).replace(/\./g, " › ");
}

function when(iso: string | undefined): string {
  if (!iso) return "";
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? "" : ` on ${date.toLocaleString()}`;
}

/**
 * The frame of a configuration editor: loading and failure states, Save and Discard, who saved
 * last, the document's problems, and what to do after someone else saved first.
 */
export function DocumentFrame<T>(props: {
  title: string;
  description?: React.ReactNode;
  doc: ConfigDocument<T>;
  /** Buttons next to Save (export, import). */
  actions?: React.ReactNode;
  children: (draft: T) => React.ReactNode;
}): JSX.Element {
  const { doc } = props;
  const { state } = doc;
  if (state.status === "loading") return <Loading label={`Loading ${props.title.toLowerCase()}…`} />;
  if (state.status === "failed") return <LoadFailure message={`${props.title} could not be loaded: ${state.error}`} onRetry={doc.reload} />;
  const { base } = state;
  const readOnly = base.readOnly;
  const canSave = doc.dirty && doc.problems.length === 0 && !state.saving && !readOnly && !state.conflict;
  const status = state.saving
    ? "Saving…"
    : doc.dirty
      ? "Unsaved changes"
      : base.exists
        ? `Saved${base.savedBy ? ` by ${base.savedBy}` : ""}${when(base.savedAt)}`
        : "Not saved yet: the defaults are shown";
  return (
    <section className="mhhs-admin-section" aria-label={props.title}>
      <h2>{props.title}</h2>
      {props.description ? <p className="mhhs-admin-status">{props.description}</p> : null}
      <div className="mhhs-admin-toolbar flex-row">
        <Button primary text="Save" onClick={() => void doc.save()} disabled={!canSave} ariaLabel={`Save ${props.title.toLowerCase()}`} />
        <Button text="Discard changes" onClick={doc.revert} disabled={!doc.dirty || state.saving} />
        {props.actions}
        <span className="mhhs-admin-status" role="status" aria-live="polite">
          {status}
        </span>
      </div>
      {state.conflict ? (
        <MessageCard
          className="mhhs-message"
          severity={MessageCardSeverity.Warning}
          buttonProps={[
            { text: "Reload, keeping my changes", onClick: () => void doc.keepMine(), primary: true },
            { text: "Discard mine and show theirs", onClick: () => void doc.takeTheirs() },
          ]}
        >
          {state.conflict.message}
        </MessageCard>
      ) : null}
      {state.merged ? (
        <MessageCard className="mhhs-message" severity={MessageCardSeverity.Info}>
          {`Reloaded the version saved${state.merged.by ? ` by ${state.merged.by}` : ""}, with your changes on top. ${
            state.merged.conflicts.length === 0
              ? "None of your changes touched what they changed."
              : `You both changed ${state.merged.conflicts.map((c) => describePath(c.path)).join(", ")}: yours are kept.`
          } Check, then save.`}
        </MessageCard>
      ) : null}
      {state.saveError ? <LoadFailure message={state.saveError} /> : null}
      {state.savedNotice ? (
        <div className="mhhs-summary mhhs-ok" role="status">
          {state.savedNotice}
        </div>
      ) : null}
      {base.problems.length > 0 && !doc.dirty ? (
        <MessageCard className="mhhs-message" severity={MessageCardSeverity.Warning}>
          {`The stored version has problems: ${base.problems.map((p) => p.message).join("; ")}`}
        </MessageCard>
      ) : null}
      {doc.dirty ? (
        <ProblemList
          title={`${doc.problems.length} problem${doc.problems.length === 1 ? "" : "s"} to fix before saving:`}
          problems={doc.problems.map((p) => (p.path ? `${describePath(p.path)}: ${p.message}` : p.message))}
        />
      ) : null}
      {props.children(state.draft)}
    </section>
  );
}

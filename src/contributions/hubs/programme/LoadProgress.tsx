import * as React from "react";
import { Button } from "azure-devops-ui/Button";
import { MessageCard, MessageCardSeverity } from "azure-devops-ui/MessageCard";
import { Spinner, SpinnerSize } from "azure-devops-ui/Spinner";
import { DATA_PARTS, DataPart, PART_LABELS, ProgrammeData } from "./loadProgramme";

function count(n: number): string {
  return n.toLocaleString("en-GB");
}

/** Each part's state while the hub loads, with the requests answered so far: large loads visibly move. */
export function LoadProgress(props: { data: ProgrammeData; requests: number }): JSX.Element {
  const settled = DATA_PARTS.filter((p) => props.data.status[p].state !== "loading").length;
  return (
    <section className="mhhs-load-progress" aria-label="Loading the programme">
      <div className="flex-row flex-center mhhs-load-heading">
        <Spinner size={SpinnerSize.small} />
        <span role="status" aria-live="polite">
          Loading the programme: {settled} of {DATA_PARTS.length} parts, {count(props.requests)} requests answered…
        </span>
      </div>
      <progress className="mhhs-load-bar" max={DATA_PARTS.length} value={settled} aria-label="Parts loaded" />
      <ul className="mhhs-load-parts">
        {DATA_PARTS.map((part) => {
          const s = props.data.status[part];
          return (
            <li key={part} data-part={part} data-state={s.state}>
              <span className="mhhs-load-part">{PART_LABELS[part]}</span>{" "}
              {s.state === "loading" ? "loading…" : s.state === "loaded" ? `${part === "configuration" ? "read" : `${count(s.count)} read`} in ${(s.ms / 1000).toFixed(1)} s` : "failed"}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** What could not be loaded and what that leaves out, with a way to load each part again. */
export function MissingParts(props: { data: ProgrammeData; onRetry(part: DataPart): void }): JSX.Element | null {
  const failed = DATA_PARTS.filter((p) => props.data.status[p].state === "failed");
  if (failed.length === 0) return null;
  return (
    <MessageCard className="mhhs-missing" severity={MessageCardSeverity.Error}>
      <div>
        <strong>Some of the programme could not be loaded; figures that need it are left out and say so.</strong>
        <ul className="mhhs-missing-list">
          {failed.map((part) => {
            const s = props.data.status[part];
            return (
              <li key={part} data-missing={part}>
                {PART_LABELS[part]}: {s.state === "failed" ? s.message : ""}{" "}
                <Button text={`Load ${PART_LABELS[part].toLowerCase()} again`} subtle onClick={() => props.onRetry(part)} />
              </li>
            );
          })}
        </ul>
      </div>
    </MessageCard>
  );
}

/** A pivot's section that cannot be shown because a part it needs failed: says which, never blank. */
export function NeedsData(props: { parts: readonly DataPart[]; data: ProgrammeData; what: string }): JSX.Element | null {
  const failed = props.parts.filter((p) => props.data.status[p].state === "failed");
  if (failed.length === 0) return null;
  return (
    <MessageCard className="mhhs-message" severity={MessageCardSeverity.Warning}>
      {`${props.what} cannot be shown: ${failed.map((p) => PART_LABELS[p].toLowerCase()).join(" and ")} could not be loaded.`}
    </MessageCard>
  );
}

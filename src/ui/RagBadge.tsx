import * as React from "react";
import type { Rag } from "../domain/exitCriteria";
import "./mhhs.css";

/** A RAG status, or "noData" when there is nothing to judge (no figures, nothing configured). */
export type RagStatus = Rag | "noData";

export const RAG_LABELS: Readonly<Record<RagStatus, string>> = {
  green: "Green",
  amber: "Amber",
  red: "Red",
  noData: "No data",
};

export interface RagBadgeProps {
  rag: RagStatus;
  /** Replaces the word shown beside the dot (e.g. "On track"); the accessible name still starts with the RAG. */
  label?: string;
  /** Extra words for the accessible name and tooltip, e.g. the figure that decided it ("pass rate 92%"). */
  detail?: string;
  className?: string;
}

/**
 * A coloured dot with the RAG written beside it, so the status never rests on colour alone; the
 * colours come from the theme's status variables.
 */
export function RagBadge(props: RagBadgeProps): JSX.Element {
  const word = RAG_LABELS[props.rag];
  const shown = props.label ?? word;
  const name = [props.label && props.label !== word ? `${word}: ${props.label}` : word, props.detail].filter(Boolean).join(", ");
  return (
    <span className={`mhhs-rag mhhs-rag-${props.rag}${props.className ? ` ${props.className}` : ""}`} role="img" aria-label={name} title={name} data-rag={props.rag}>
      <span className="mhhs-rag-dot" aria-hidden="true" />
      <span aria-hidden="true">{shown}</span>
    </span>
  );
}

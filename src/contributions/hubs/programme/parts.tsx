// Small pieces the pivots share: figures with their labels, percentages, links that open a work
// item in the host's form, severity counts and sections.

import * as React from "react";
import { Link } from "azure-devops-ui/Link";
import type { SeverityCounts } from "../../../domain/defects";
import { SEVERITY_KEYS } from "../../../domain/defects";

export function percentText(value: number | null | undefined): string {
  return value === null || value === undefined ? "–" : `${Math.round(value * 10) / 10}%`;
}

export function numberText(value: number): string {
  return value.toLocaleString("en-GB");
}

/** A figure with its label; `name` marks it for tests and for reading back (data-figure). */
export function Figure(props: { label: string; value: React.ReactNode; name: string; tone?: "good" | "bad" | "warning" }): JSX.Element {
  return (
    <div className={`mhhs-figure${props.tone ? ` mhhs-figure-${props.tone}` : ""}`}>
      <div className="mhhs-figure-value" data-figure={props.name}>
        {props.value}
      </div>
      <div className="mhhs-figure-label">{props.label}</div>
    </div>
  );
}

export function Figures(props: { children: React.ReactNode; label: string }): JSX.Element {
  return (
    <div className="mhhs-figures flex-row" role="group" aria-label={props.label}>
      {props.children}
    </div>
  );
}

export function Section(props: { title: string; children: React.ReactNode; actions?: React.ReactNode; id?: string }): JSX.Element {
  const headingId = React.useMemo(() => `section-${Math.random().toString(36).slice(2, 9)}`, []);
  return (
    <section className="mhhs-section" aria-labelledby={headingId} data-section={props.id}>
      <div className="mhhs-section-heading flex-row flex-center">
        <h3 id={headingId}>{props.title}</h3>
        {props.actions ? <div className="mhhs-section-actions flex-row flex-center">{props.actions}</div> : null}
      </div>
      {props.children}
    </section>
  );
}

/** A work item id that opens the item in the host's work item form. */
export function WorkItemLink(props: { id: number; onOpen(id: number): void; label?: string }): JSX.Element {
  return (
    <Link
      href="#"
      className="mhhs-work-item-link"
      ariaLabel={props.label ?? `Open work item ${props.id}`}
      onClick={(event: React.SyntheticEvent) => {
        event.preventDefault();
        event.stopPropagation();
        props.onOpen(props.id);
      }}
    >
      {props.id}
    </Link>
  );
}

export const SEVERITY_SHORT: Readonly<Record<string, string>> = {
  "1 - Critical": "Critical",
  "2 - High": "High",
  "3 - Medium": "Medium",
  "4 - Low": "Low",
  Unknown: "Unknown",
};

/** "2 Critical, 1 High" or "none". */
export function severityText(counts: SeverityCounts): string {
  const parts = SEVERITY_KEYS.filter((k) => counts[k] > 0).map((k) => `${counts[k]} ${SEVERITY_SHORT[k]}`);
  return parts.length ? parts.join(", ") : "none";
}

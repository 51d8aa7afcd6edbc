import * as React from "react";
import type { Outcome } from "../domain/model";
import "./mhhs.css";

export const OUTCOME_LABELS: Readonly<Record<Outcome, string>> = {
  passed: "Passed",
  failed: "Failed",
  blocked: "Blocked",
  notApplicable: "Not applicable",
  notRun: "Not run",
};

const TONES: Readonly<Record<Outcome, string>> = {
  passed: "mhhs-tone-good",
  failed: "mhhs-tone-bad",
  blocked: "mhhs-tone-bad",
  notApplicable: "mhhs-tone-neutral",
  notRun: "mhhs-tone-neutral",
};

export function OutcomeText(props: { outcome: Outcome }): JSX.Element {
  return <span className={TONES[props.outcome]}>{OUTCOME_LABELS[props.outcome]}</span>;
}

/** The calendar day of an ISO date-time, or a dash. */
export function dayOf(isoDateTime: string | undefined): string {
  return isoDateTime ? isoDateTime.slice(0, 10) : "–";
}

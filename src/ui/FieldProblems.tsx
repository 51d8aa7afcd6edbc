import * as React from "react";
import "./mhhs.css";

export interface FieldProblem {
  token: string;
  reason: string;
}

/** The reasons a field's value is not accepted, announced to screen readers as they change. */
export function FieldProblems(props: { id: string; problems: readonly FieldProblem[] }): JSX.Element | null {
  if (props.problems.length === 0) return null;
  return (
    <ul className="mhhs-problems" id={props.id} role="alert" aria-live="polite">
      {props.problems.map((problem, index) => (
        <li key={`${index}-${problem.token}`}>
          {problem.token ? <span className="mhhs-token">{problem.token}</span> : null}
          {problem.token ? ": " : ""}
          {problem.reason}
        </li>
      ))}
    </ul>
  );
}

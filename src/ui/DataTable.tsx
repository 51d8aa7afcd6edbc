import * as React from "react";
import "./mhhs.css";

/** A compact, labelled table with column headers, for small read-only lists inside a form group. */
export function DataTable(props: { ariaLabel: string; columns: readonly string[]; children: React.ReactNode }): JSX.Element {
  return (
    <table className="mhhs-table" aria-label={props.ariaLabel}>
      <thead>
        <tr>
          {props.columns.map((column) => (
            <th key={column} scope="col">
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{props.children}</tbody>
    </table>
  );
}

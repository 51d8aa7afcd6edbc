import * as React from "react";
import { UNASSIGNED } from "../../../domain/groupKeys";
import type { DefectGridCell } from "../../../domain/countFigures";
import type { SeverityKey } from "../../../domain/defects";
import { count } from "../shared/format";
import { rowsThatFit } from "../shared/layout";
import type { WidgetDefinition, WidgetViewContext } from "../shared/Widget";
import { DefectFigures, loadDefects } from "./figures";

const SHORT: Readonly<Record<SeverityKey, string>> = { "1 - Critical": "Crit", "2 - High": "High", "3 - Medium": "Med", "4 - Low": "Low", Unknown: "Unkn" };
const LONG: Readonly<Record<SeverityKey, string>> = { "1 - Critical": "Critical", "2 - High": "High", "3 - Medium": "Medium", "4 - Low": "Low", Unknown: "Unknown" };
const ROW = 21;
const FOOTNOTE = 18;

/** A count with its SLA breaches marked by a sign and said in words, never by colour alone. */
function Cell(props: { cell: DefectGridCell; header?: boolean }): JSX.Element {
  const { open, breached } = props.cell;
  const content = (
    <>
      <span className={open === 0 ? "mhhs-zero" : undefined}>{count(open)}</span>
      {breached > 0 && (
        <>
          <span className="mhhs-breach" aria-hidden="true" title={`${breached} past SLA`}>
            ⚠{count(breached)}
          </span>
          <span className="mhhs-visually-hidden">, {count(breached)} past SLA</span>
        </>
      )}
    </>
  );
  return props.header ? <th scope="col">{content}</th> : <td>{content}</td>;
}

function sumCells(cells: readonly DefectGridCell[]): DefectGridCell {
  return cells.reduce((a, c) => ({ open: a.open + c.open, breached: a.breached + c.breached }), { open: 0, breached: 0 });
}

function GridTable(props: { figures: DefectFigures; context: WidgetViewContext }): JSX.Element {
  const { grid } = props.figures;
  const long = props.context.layout.bodyWidth >= 420;
  const fit = rowsThatFit(props.context.layout.bodyHeight - FOOTNOTE - 2 * ROW, ROW);
  let rows = grid.roles.map((role, i) => ({ role, cells: grid.cells[i], total: grid.rowTotals[i] }));
  if (rows.length > fit) {
    // The roles with most open defects keep their rows; the rest are added up in one, so the totals still hold.
    const kept = rows.slice().sort((a, b) => b.total.open - a.total.open || a.role.localeCompare(b.role)).slice(0, Math.max(1, fit - 1));
    const rest = rows.filter((r) => !kept.includes(r));
    rows = [
      ...rows.filter((r) => kept.includes(r)),
      { role: `Others (${rest.length})`, cells: grid.severities.map((_, column) => sumCells(rest.map((r) => r.cells[column]))), total: sumCells(rest.map((r) => r.total)) },
    ];
  }
  return (
    <div>
      <table className="mhhs-grid-table" aria-label={`Open${props.figures.exitBlockingOnly ? " exit-blocking" : ""} defects by market role and severity, with those past their SLA`}>
        <thead>
          <tr>
            <th scope="col">Role</th>
            {grid.severities.map((severity) => (
              <th key={severity} scope="col" title={severity}>
                <span aria-hidden="true">{long ? LONG[severity] : SHORT[severity]}</span>
                <span className="mhhs-visually-hidden">{severity}</span>
              </th>
            ))}
            <th scope="col">Total</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.role}>
              <th scope="row" title={row.role}>
                {row.role === UNASSIGNED ? "No role" : row.role}
              </th>
              {row.cells.map((cell, column) => (
                <Cell key={grid.severities[column]} cell={cell} />
              ))}
              <Cell cell={row.total} />
            </tr>
          ))}
          <tr>
            <th scope="row">Total</th>
            {grid.columnTotals.map((cell, column) => (
              <Cell key={grid.severities[column]} cell={cell} />
            ))}
            <Cell cell={grid.total} />
          </tr>
        </tbody>
      </table>
      <div className="mhhs-widget-footnote" style={{ height: FOOTNOTE, marginTop: 2 }}>
        <span aria-hidden="true">⚠n: </span>past the SLA target · <span data-figure="breached">{count(grid.total.breached)}</span> of{" "}
        <span data-figure="open">{count(grid.total.open)}</span> open
      </div>
    </div>
  );
}

function Headline(props: { figures: DefectFigures; context: WidgetViewContext }): JSX.Element {
  const { grid } = props.figures;
  const wide = props.context.layout.bodyWidth >= 280;
  return (
    <div>
      <div className="mhhs-headline">
        <div className="mhhs-headline-figure">
          <span className="mhhs-headline-value" data-figure="open">
            {count(grid.total.open)}
          </span>
          <span className="mhhs-headline-label">open{props.figures.exitBlockingOnly ? " exit-blocking" : ""}</span>
        </div>
        {wide && (
          <div className="mhhs-headline-figure">
            <span className={`mhhs-headline-value${grid.total.breached > 0 ? " mhhs-bad" : ""}`} data-figure="breached">
              {count(grid.total.breached)}
            </span>
            <span className="mhhs-headline-label">past SLA</span>
          </div>
        )}
      </div>
      {!wide && (
        <div className={`mhhs-widget-footnote${grid.total.breached > 0 ? " mhhs-bad" : ""}`}>
          <span data-figure="breached">{count(grid.total.breached)}</span> past SLA
        </div>
      )}
      <div className="mhhs-widget-footnote">
        {grid.severities
          .map((severity, column) => ({ severity, n: grid.columnTotals[column].open }))
          .filter((s) => s.n > 0)
          .map((s) => `${SHORT[s.severity]} ${count(s.n)}`)
          .join(" · ") || "No open defects"}
      </div>
    </div>
  );
}

export const defectsBySeverity: WidgetDefinition<DefectFigures> = {
  kind: "defects-by-severity",
  catalogueName: "MHHS defects by severity and role",
  title: (settings) => `${settings.stage ?? "Stage"} open ${settings.exitBlockingOnly ? "exit-blocking " : ""}defects`,
  pivot: "defects",
  load: loadDefects,
  render(figures, context) {
    if (context.layout.mode === "headline") return <Headline figures={figures} context={context} />;
    if (figures.grid.total.open === 0) {
      return <p className="mhhs-widget-footnote">No open {figures.exitBlockingOnly ? "exit-blocking " : ""}defects match these filters.</p>;
    }
    return <GridTable figures={figures} context={context} />;
  },
};

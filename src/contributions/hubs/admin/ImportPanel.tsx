import * as React from "react";
import { Button } from "azure-devops-ui/Button";
import { MessageCard, MessageCardSeverity } from "azure-devops-ui/MessageCard";
import { failureMessage } from "../../../ado/errors";
import type { RowProblem } from "../../../domain/importRows";
import { rowsWithProblems } from "../../../domain/importRows";
import { DataTable } from "../../../ui/DataTable";
import { Loading } from "../../../ui/LoadStatus";
import { readSpreadsheet, SPREADSHEET_ACCEPT, Workbook } from "../../../ui/spreadsheetImport";
import { Choice } from "./controls";

/** The per-row report of a dry run: row number as the file shows it, column and reason. */
export function RowReport(props: { problems: readonly RowProblem[]; label?: string }): JSX.Element | null {
  if (props.problems.length === 0) return null;
  const rows = rowsWithProblems(props.problems);
  return (
    <div className="mhhs-admin-list" data-report="rows">
      <p className="mhhs-bad" role="alert">
        {`${rows.length} row${rows.length === 1 ? "" : "s"} with problems (${props.problems.length} problem${props.problems.length === 1 ? "" : "s"}); ${
          rows.length === 1 ? "it is" : "they are"
        } left out.`}
      </p>
      <DataTable ariaLabel={props.label ?? "Rows with problems"} columns={["Row", "Column", "Reason"]}>
        {props.problems.map((problem, index) => (
          <tr key={`${problem.row}-${problem.column}-${index}`} data-row={problem.row}>
            <td>{problem.row}</td>
            <td>{problem.column || "(row)"}</td>
            <td>{problem.reason}</td>
          </tr>
        ))}
      </DataTable>
    </div>
  );
}

export interface DryRun {
  /** One sentence: what applying would do. */
  summary: string;
  problems: RowProblem[];
  /** Whether anything valid can be applied. */
  canApply: boolean;
  applyLabel: string;
  apply(): void | Promise<void>;
  /** More detail under the summary (a table of what changes). */
  details?: React.ReactNode;
}

export interface ImportPanelProps {
  title: string;
  /** What the file should hold. */
  hint: React.ReactNode;
  /** Checks the file (nothing is changed) and says what applying would do. */
  dryRun(workbook: Workbook, fileName: string): DryRun | Promise<DryRun>;
  disabled?: boolean;
  /** How the file's rows meet what is there (add, replace, ...), chosen before the file. */
  mode?: { value: string; options: { id: string; text: string }[]; onChange(value: string): void };
}

type PanelState =
  | { status: "idle" }
  | { status: "reading"; fileName: string }
  /** applyError: why the last apply failed; the dry run stays so that it can be applied again. */
  | { status: "checked"; fileName: string; result: DryRun; applyError?: string }
  | { status: "applying"; fileName: string; result: DryRun }
  | { status: "applied"; fileName: string; result: DryRun }
  | { status: "failed"; message: string };

/** Choose a file, see the dry run's per-row report, then apply. */
export function ImportPanel(props: ImportPanelProps): JSX.Element {
  const [state, setState] = React.useState<PanelState>({ status: "idle" });
  const input = React.useRef<HTMLInputElement>(null);
  const inputId = React.useMemo(() => `mhhs-import-${props.title.replace(/[^A-Za-z0-9]+/g, "-").toLowerCase()}`, [props.title]);

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setState({ status: "reading", fileName: file.name });
    try {
      const workbook = await readSpreadsheet(file);
      const result = await props.dryRun(workbook, file.name);
      setState({ status: "checked", fileName: file.name, result });
    } catch (error) {
      setState({ status: "failed", message: failureMessage(error) });
    } finally {
      if (input.current) input.current.value = "";
    }
  };

  const apply = async () => {
    if (state.status !== "checked") return;
    setState({ status: "applying", fileName: state.fileName, result: state.result });
    const { fileName, result } = state;
    try {
      await result.apply();
      setState({ status: "applied", fileName, result });
    } catch (error) {
      setState({ status: "checked", fileName, result, applyError: `Not applied: ${failureMessage(error)}` });
    }
  };

  return (
    <div className="mhhs-admin-section" role="region" aria-label={props.title}>
      <h3>{props.title}</h3>
      <div className="mhhs-admin-status">{props.hint}</div>
      {props.mode ? (
        <div className="mhhs-admin-form">
          <Choice label="When importing" value={props.mode.value} onChange={props.mode.onChange} options={props.mode.options} />
        </div>
      ) : null}
      <div className="mhhs-admin-toolbar flex-row">
        <label htmlFor={inputId}>Spreadsheet (.csv or .xlsx)</label>
        <input
          id={inputId}
          ref={input}
          className="mhhs-file-input"
          type="file"
          accept={SPREADSHEET_ACCEPT}
          disabled={props.disabled || state.status === "reading" || state.status === "applying"}
          onChange={(event) => void onFile(event.target.files?.[0])}
        />
      </div>
      {state.status === "reading" ? <Loading label={`Checking ${state.fileName}…`} /> : null}
      {state.status === "failed" ? (
        <MessageCard className="mhhs-message" severity={MessageCardSeverity.Error}>
          {state.message}
        </MessageCard>
      ) : null}
      {state.status === "checked" || state.status === "applying" || state.status === "applied" ? (
        <div data-dry-run={state.fileName}>
          <p role="status">
            <strong>{state.status === "applied" ? "Applied: " : `Dry run of ${state.fileName}: `}</strong>
            {state.result.summary}
          </p>
          {state.result.details}
          <RowReport problems={state.result.problems} />
          {state.status === "checked" && state.applyError ? (
            <MessageCard className="mhhs-message" severity={MessageCardSeverity.Error}>
              {state.applyError}
            </MessageCard>
          ) : null}
          {state.status !== "applied" ? (
            <div className="mhhs-admin-toolbar flex-row">
              <Button primary text={state.result.applyLabel} disabled={!state.result.canApply || state.status === "applying"} onClick={() => void apply()} />
              <Button text="Cancel" disabled={state.status === "applying"} onClick={() => setState({ status: "idle" })} />
            </div>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

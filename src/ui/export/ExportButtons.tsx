import * as React from "react";
import { Button } from "azure-devops-ui/Button";
import { csvBlob, downloadBlob, exportFileName, ExportSheet, xlsxBlob } from "./spreadsheet";
import "../mhhs.css";
import "./export.css";

export type ExportFormat = "xlsx" | "csv";

export interface ExportButtonsProps {
  /** What is exported, for the buttons' names and the failure: "RTTM" gives "Export RTTM as XLSX"; without it they are "Export XLSX". */
  what?: string;
  /** File name without date or extension. */
  fileName: string;
  /** Today (ISO date), appended to the file name; without it the file is "<fileName>.<ext>". */
  date?: string;
  /** Builds the sheets when a button is pressed, so nothing is computed until asked; CSV takes the first. */
  sheets: () => ExportSheet[];
  /** The buttons, in this order; XLSX then CSV by default. */
  formats?: readonly ExportFormat[];
  disabled?: boolean;
  /** Replaces the browser download (tests). */
  save?: (blob: Blob, fileName: string) => void;
}

/**
 * One button per format, for the programme hub's exports and the admin hub's configuration exports
 * (whose files read back through its imports); a failure is said next to them, never swallowed.
 */
export function ExportButtons(props: ExportButtonsProps): JSX.Element {
  const [busy, setBusy] = React.useState<ExportFormat | undefined>();
  const [error, setError] = React.useState<string | undefined>();
  const formats = props.formats ?? ["xlsx", "csv"];
  const run = async (format: ExportFormat) => {
    setBusy(format);
    setError(undefined);
    try {
      const sheets = props.sheets();
      const blob = format === "csv" ? await csvBlob(sheets[0]) : await xlsxBlob(sheets);
      (props.save ?? downloadBlob)(blob, exportFileName(props.fileName, props.date, format));
    } catch (e) {
      setError(`The ${props.what ? `${props.what} ` : ""}export failed: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(undefined);
    }
  };
  return (
    <span className="mhhs-export flex-row flex-center">
      {formats.map((format) => (
        <Button
          key={format}
          text={busy === format ? `Exporting ${format.toUpperCase()}…` : `Export ${format.toUpperCase()}`}
          ariaLabel={props.what ? `Export ${props.what} as ${format.toUpperCase()}` : undefined}
          iconProps={{ iconName: format === "xlsx" ? "ExcelDocument" : "Download" }}
          disabled={props.disabled || busy !== undefined}
          onClick={() => void run(format)}
        />
      ))}
      {error ? (
        <span className="mhhs-export-error" role="alert">
          {error}
        </span>
      ) : null}
    </span>
  );
}
